/**
 * @module E-mail as a channel: Cloudflare Email Routing hands the Worker its mail
 * (the `email()` handler, ./receive.ts), and replies leave through Email Service's
 * `send_email` binding (./send.ts). No webhook and no credentials: a sending adapter
 * only. A known customer's new mail reopens their conversation within the inbox's
 * window (threading by headers comes first, in the handler).
 */
import { z } from "zod";
import { EmailSettings } from "../../protocol";
import type { ConnectionCheck, ProviderContext, SendingAdapter } from "../types";
import { sendEmailReply } from "./send";

/** There is nothing to call without sending a mail: the check is that the binding is
 * there and the inbox has an address to send from. */
async function checkConnection(ctx: ProviderContext<"email">): Promise<ConnectionCheck> {
  const from = ctx.config.settings.addresses[0];
  if (!ctx.mail) return { ok: false, status: 0, detail: "The Worker has no send_email binding named EMAIL: add [[send_email]] name = \"EMAIL\" to wrangler.toml." };
  return { ok: true, status: 200, detail: `Email Service binding ready; replies go out from ${from}.` };
}

export const emailAdapter: SendingAdapter<"email"> = {
  kind: "email",
  reuse: { mode: "reopen-window" },
  settings: EmailSettings,
  credentials: z.strictObject({}) as unknown as z.ZodType<Record<string, never>>,
  send: sendEmailReply,
  testConnection: checkConnection,
};
