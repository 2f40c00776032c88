/**
 * @module What the simulated Telegram and Twilio keep besides the phones' threads, in R2
 * under `simulator/` like the rest (state.ts):
 * - counters: Telegram's `update_id` per bot and `message_id` per chat (both sides of a
 *   chat share one sequence, as on Telegram);
 * - the customer's side of reachability: blocked the bot (Telegram) or opted out (Twilio),
 *   so the stand-in APIs refuse sends as the real ones do;
 * - the webhook a bot registered with setWebhook (url, secret_token, allowed_updates) and
 *   the last delivery error, for getWebhookInfo — kept per bot (by a digest of its
 *   token), not per inbox: Telegram's `connect` registers it before the inbox exists.
 * - the simulated Twilio's account directory: each account SID's auth token (a digest of
 *   it), learned on the account's first authenticated call when no inbox holds it yet.
 * Counters are read-then-written: the simulator has one developer clicking, not
 * concurrent writers.
 */
import { z } from "zod";

const ROOT = "simulator/provider/";

async function nextCounter(files: R2Bucket, key: string, first: number): Promise<number> {
  const object = await files.get(ROOT + key);
  const last = object ? Number(await object.text()) : NaN;
  const next = Number.isSafeInteger(last) ? last + 1 : first;
  await files.put(ROOT + key, String(next));
  return next;
}

/** Telegram's next update id for the bot (starts at a made-up, plausible value). */
export function nextUpdateId(files: R2Bucket, inboxId: string): Promise<number> {
  return nextCounter(files, `telegram/${inboxId}/update-id`, 700_000_001);
}

/** The next message id in the private chat with `chatId`. */
export function nextMessageId(files: R2Bucket, inboxId: string, chatId: string): Promise<number> {
  return nextCounter(files, `telegram/${inboxId}/chats/${chatId}/message-id`, 1);
}

/** The customer's side: blocked the bot (Telegram), opted out (Twilio), or neither. */
export const CustomerReach = z.enum(["reachable", "blocked", "opted_out"]);
export type CustomerReach = z.infer<typeof CustomerReach>;

const reachKey = (inboxId: string, customerId: string) => `${ROOT}reach/${inboxId}/${customerId}`;

export async function customerReach(files: R2Bucket, inboxId: string, customerId: string): Promise<CustomerReach> {
  const object = await files.get(reachKey(inboxId, customerId));
  const parsed = CustomerReach.safeParse(object ? await object.text() : "reachable");
  return parsed.success ? parsed.data : "reachable";
}

export async function setCustomerReach(files: R2Bucket, inboxId: string, customerId: string, reach: CustomerReach): Promise<void> {
  if (reach === "reachable") await files.delete(reachKey(inboxId, customerId));
  else await files.put(reachKey(inboxId, customerId), reach);
}

/** What setWebhook registered, and how the last delivery went. */
export const TelegramWebhook = z.object({
  url: z.string(),
  secretToken: z.string().nullable(),
  allowedUpdates: z.array(z.string()).nullable(),
  lastErrorDate: z.number().int().nullable().default(null),
  lastErrorMessage: z.string().nullable().default(null),
});
export type TelegramWebhook = z.infer<typeof TelegramWebhook>;

/** The bot's key: a digest of its token, so R2 never holds the token itself. */
async function webhookKey(botToken: string): Promise<string> {
  return `${ROOT}telegram/bots/${await sha256Hex(botToken)}/webhook`;
}

export async function telegramWebhookOf(files: R2Bucket, botToken: string): Promise<TelegramWebhook | null> {
  const object = await files.get(await webhookKey(botToken));
  const parsed = object ? TelegramWebhook.safeParse(await object.json()) : null;
  return parsed?.success ? parsed.data : null;
}

export async function setTelegramWebhook(files: R2Bucket, botToken: string, webhook: TelegramWebhook | null): Promise<void> {
  if (webhook === null) await files.delete(await webhookKey(botToken));
  else await files.put(await webhookKey(botToken), JSON.stringify(webhook));
}

const twilioKey = (accountSid: string) => `${ROOT}twilio/accounts/${accountSid}`;

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The digest of the auth token the simulated Twilio knows for `accountSid`, or null. */
export async function twilioTokenDigestOf(files: R2Bucket, accountSid: string): Promise<string | null> {
  const object = await files.get(twilioKey(accountSid));
  return object ? object.text() : null;
}

export async function setTwilioTokenDigest(files: R2Bucket, accountSid: string, digest: string): Promise<void> {
  await files.put(twilioKey(accountSid), digest);
}
