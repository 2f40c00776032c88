/**
 * @module The stand-in Messages API's create: checks what Twilio checks (a To, a From of
 * the account or a messaging service of it, both on the same channel, a body or media,
 * the 1600-character body limit, an opted-out recipient), keeps the send as a bubble
 * with its StatusCallback, and answers a queued Message resource with its segment count.
 * Error codes: https://www.twilio.com/docs/api/errors (21602, 21604, 21606, 21610, 21617,
 * 21620, 21701, 21910).
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { SimulatorProviderMode, SimulatorThreadItem } from "../protocol/simulator";
import type { TwilioAccount } from "./accounts";
import { customerReach } from "./provider-state";
import { newItemId, saveItem } from "./state";
import { twilioError, twilioUnhealthy } from "./twilio-answers";
import { newSid } from "./twilio-webhooks";

/** A message body holds at most 1600 characters
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource). */
const BODY_MAX = 1_600;
/** At most 10 MediaUrl per message (same page). */
const MEDIA_MAX = 10;

/** GSM-7's basic set, and its extension (each of those costs two septets)
 * (https://www.twilio.com/docs/glossary/what-sms-character-limit). */
const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** How many SMS segments Twilio bills `body` as: 160 GSM-7 septets in one (153 each when
 * split), else UCS-2: 70 UTF-16 units in one (67 each when split). */
export function segmentsOf(body: string): number {
  let septets = 0;
  for (const ch of body) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

const isWhatsapp = (address: string) => address.startsWith("whatsapp:");
const digitsOf = (address: string) => address.replace(/^whatsapp:/, "").replace(/^\+/, "");

/** The inbox a send is from: the one whose number or messaging service it names. */
function senderOf(accounts: TwilioAccount[], from: string, service: string): TwilioAccount | null {
  if (service) return accounts.find((a) => a.settings.messagingServiceSid === service) ?? null;
  return accounts.find((a) => a.settings.from !== "" && a.settings.from === from.replace(/^whatsapp:/, "") && isWhatsapp(from) === (a.settings.medium === "whatsapp")) ?? null;
}

export async function twilioSend(c: Context<AppEnv>, accounts: TwilioAccount[], modeOf: (a: TwilioAccount) => Promise<SimulatorProviderMode>): Promise<Response> {
  const form = await c.req.formData().catch(() => null);
  if (!form) return twilioError(c, 400, 21602, "Message body is required.");
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const to = text("To");
  const from = text("From");
  const service = text("MessagingServiceSid");
  const body = text("Body");
  const mediaUrls = form.getAll("MediaUrl").filter((v): v is string => typeof v === "string");
  const callback = text("StatusCallback");
  if (!to) return twilioError(c, 400, 21604, "A 'To' phone number is required.");
  if (!from && !service) return twilioError(c, 400, 21603, "A 'From' phone number is required.");
  const account = senderOf(accounts, from, service);
  if (!account) return service ? twilioError(c, 400, 21701, "The Messaging Service Sid is invalid.") : twilioError(c, 400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
  const fromWhatsapp = from ? isWhatsapp(from) : account.settings.medium === "whatsapp";
  if (isWhatsapp(to) !== fromWhatsapp) return twilioError(c, 400, 21910, "Invalid From and To pair. From and To should be of the same channel.");
  if (!/^\d{7,15}$/.test(digitsOf(to))) return twilioError(c, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  if (!body && mediaUrls.length === 0) return twilioError(c, 400, 21602, "Message body is required.");
  if ([...body].length > BODY_MAX) return twilioError(c, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
  if (mediaUrls.length > MEDIA_MAX || mediaUrls.some((u) => !/^https?:\/\//i.test(u))) return twilioError(c, 400, 21620, "Invalid media URL(s).");
  const customerId = digitsOf(to);
  if ((await customerReach(c.env.FILES, account.inbox.id, customerId)) === "opted_out") return twilioError(c, 400, 21610, "Attempt to send to unsubscribed recipient");
  const unhealthy = twilioUnhealthy(c, await modeOf(account));
  if (unhealthy) return unhealthy;

  const at = Date.now();
  const sid = newSid(mediaUrls.length ? "MM" : "SM");
  const shown: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string") shown[name] = name === "MediaUrl" ? mediaUrls : value;
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "out",
    at,
    providerMessageId: sid,
    text: body,
    media: mediaUrls[0] ? { url: mediaUrls[0], contentType: "image", name: mediaUrls.length > 1 ? `+${mediaUrls.length - 1}` : null } : null,
    replyTo: null,
    receipt: null,
    webhook: null,
    request: JSON.stringify(shown),
    // Where this message's status callbacks go; none named: the inbox's status path.
    callbackData: callback || null,
    edited: false,
    event: null,
  };
  await saveItem(c.env.FILES, account.inbox.id, customerId, item);
  const created = new Date(at).toUTCString();
  const accountSid = account.credentials.accountSid;
  return c.json(
    {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body,
      date_created: created,
      date_sent: null,
      date_updated: created,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: from || null,
      messaging_service_sid: service || null,
      num_media: String(mediaUrls.length),
      num_segments: String(segmentsOf(body)),
      price: null,
      price_unit: "USD",
      sid,
      status: service ? "accepted" : "queued",
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    },
    201,
  );
}
