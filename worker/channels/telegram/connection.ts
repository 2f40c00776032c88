/**
 * @module A Telegram inbox's webhook registration and its "test connection":
 * - connect: `getMe` checks the token (refused: the inbox is not saved), then `setWebhook`
 *   with our URL, the generated secret_token and the update kinds we handle
 *   (https://core.telegram.org/bots/api#getme, #setwebhook);
 * - disconnect: `deleteWebhook` (#deletewebhook), when the inbox is deleted;
 * - test: `getMe` (the bot's name) and `getWebhookInfo` (#getwebhookinfo: where Telegram
 *   delivers, how many updates wait, the last delivery error).
 * Details are short and carry no secret (the token is masked out of everything).
 */
import { z } from "zod";
import type { ConnectionCheck } from "../types";
import { botErrorOf, callBot, resultOf, safe, type TelegramContext } from "./bot-api";
import { ALLOWED_UPDATES } from "./limits";

const Me = z.object({ id: z.number().int(), first_name: z.string().max(256), username: z.string().max(64).optional() });
const WebhookInfo = z.object({
  url: z.string().max(2_048),
  pending_update_count: z.number().int().nonnegative(),
  last_error_date: z.number().int().optional(),
  last_error_message: z.string().max(1_000).optional(),
});

type Step<T> = { ok: true; status: number; value: T } | { ok: false; check: ConnectionCheck };

/** One Bot API call and its `result`, or the check that says why not. */
async function step<T extends z.ZodType>(ctx: TelegramContext, method: string, params: unknown, schema: T): Promise<Step<z.infer<T>>> {
  let res: Response;
  try {
    res = await callBot(ctx, method, params);
  } catch (err) {
    return { ok: false, check: { ok: false, status: 0, detail: safe(ctx, `${method}: network error: ${err instanceof Error ? err.message : String(err)}`) } };
  }
  if (!res.ok) return { ok: false, check: { ok: false, status: res.status, detail: `${method}: ${(await botErrorOf(res, ctx)).reason}` } };
  const value = await resultOf(res, schema);
  if (value === null) return { ok: false, check: { ok: false, status: res.status, detail: `${method}: Telegram's answer was not understood` } };
  return { ok: true, status: res.status, value };
}

const botName = (me: z.infer<typeof Me>) => (me.username ? `${me.first_name} (@${me.username})` : me.first_name);

export async function connectTelegram(ctx: TelegramContext, webhookUrl: string): Promise<ConnectionCheck> {
  const me = await step(ctx, "getMe", undefined, Me);
  if (!me.ok) return me.check;
  const set = await step(ctx, "setWebhook", { url: webhookUrl, secret_token: ctx.config.credentials.webhookSecret, allowed_updates: ALLOWED_UPDATES }, z.literal(true));
  if (!set.ok) return set.check;
  return { ok: true, status: set.status, detail: `${botName(me.value)}: webhook set` };
}

export async function disconnectTelegram(ctx: TelegramContext): Promise<ConnectionCheck> {
  // Pending updates are kept: were the inbox created again, nothing the customers wrote is lost.
  const deleted = await step(ctx, "deleteWebhook", { drop_pending_updates: false }, z.literal(true));
  return deleted.ok ? { ok: true, status: deleted.status, detail: "webhook deleted" } : deleted.check;
}

export async function testTelegramConnection(ctx: TelegramContext): Promise<ConnectionCheck> {
  const me = await step(ctx, "getMe", undefined, Me);
  if (!me.ok) return me.check;
  const info = await step(ctx, "getWebhookInfo", undefined, WebhookInfo);
  if (!info.ok) return info.check;
  const { url, pending_update_count, last_error_message } = info.value;
  const parts = [botName(me.value), url ? `${pending_update_count} pending update(s)` : "no webhook set"];
  if (last_error_message) parts.push(`last delivery error: ${safe(ctx, last_error_message)}`);
  return { ok: url !== "", status: info.status, detail: parts.join(" — ") };
}
