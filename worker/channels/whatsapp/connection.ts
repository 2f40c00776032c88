/**
 * @module "Test connection" for a WhatsApp inbox: reads its phone number with the saved
 * token (`GET /{phone-number-id}?fields=display_phone_number,verified_name`,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/phone-number-api)
 * and reports what WhatsApp answered: the verified name and number, or its error.
 */
import { z } from "zod";
import type { ConnectionCheck } from "../types";
import { graphErrorOf, graphFetch, type WhatsappContext } from "./graph";

const PhoneNumberAnswer = z.object({ verified_name: z.string().max(256).optional(), display_phone_number: z.string().max(64).optional() });

export async function testWhatsappConnection(ctx: WhatsappContext): Promise<ConnectionCheck> {
  let res: Response;
  try {
    res = await graphFetch(ctx, `${ctx.config.settings.phoneNumberId}?fields=display_phone_number,verified_name`);
  } catch (err) {
    return { ok: false, status: 0, detail: `network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500) };
  }
  if (!res.ok) return { ok: false, status: res.status, detail: (await graphErrorOf(res)).reason };
  const answer = PhoneNumberAnswer.safeParse(await res.json().catch(() => null));
  if (!answer.success) return { ok: false, status: res.status, detail: "WhatsApp's answer was not a phone number" };
  const { verified_name, display_phone_number } = answer.data;
  return { ok: true, status: res.status, detail: `${verified_name ?? "?"} (${display_phone_number ?? "?"})` };
}
