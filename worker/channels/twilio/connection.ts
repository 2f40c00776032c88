/**
 * @module Checking an inbox's Twilio account: `GET /2010-04-01/Accounts/{sid}.json`
 * answers its friendly name and status (https://www.twilio.com/docs/iam/api/account).
 * "Test connection" reports it; `connect` (inbox saved) refuses credentials Twilio does
 * not accept or an account that is not active, and remembers the origin the inbox was
 * saved from: Twilio has no API to register a webhook (the admin pastes our URLs in its
 * console), but the room that later sends a reply needs an origin for the StatusCallback
 * and media URLs and has no request to take one from.
 */
import { z } from "zod";
import type { ConnectionCheck } from "../types";
import type { TwilioContext } from "./limits";
import { accountPath, twilioErrorOf, twilioGet } from "./rest";

const AccountAnswer = z.object({ friendly_name: z.string().max(256).optional(), status: z.string().max(32).optional() });

export async function testTwilioConnection(ctx: TwilioContext): Promise<ConnectionCheck> {
  let res: Response;
  try {
    res = await twilioGet(ctx, `${accountPath(ctx)}.json`);
  } catch (err) {
    return { ok: false, status: 0, detail: `network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500) };
  }
  if (!res.ok) return { ok: false, status: res.status, detail: (await twilioErrorOf(res, ctx)).reason };
  const answer = AccountAnswer.safeParse(await res.json().catch(() => null));
  if (!answer.success) return { ok: false, status: res.status, detail: "Twilio's answer was not an account" };
  const { friendly_name, status } = answer.data;
  // A suspended or closed account cannot send (https://www.twilio.com/docs/iam/api/account#account-properties).
  const ok = status === undefined || status === "active";
  return { ok, status: res.status, detail: `${friendly_name ?? "?"} (${status ?? "?"})` };
}

export async function connectTwilio(ctx: TwilioContext, webhookUrl: string): Promise<ConnectionCheck> {
  const check = await testTwilioConnection(ctx);
  if (!check.ok) return check;
  return { ...check, settings: { callbackOrigin: new URL(webhookUrl).origin } };
}
