/**
 * @module The portal's sign-in mail: a one-time link, sent through the same `send_email`
 * binding e-mail replies leave by (channels/email/mailer.ts, so under `npm run dev` it
 * also shows in the simulator's mailbox), from the first address of the e-mail inbox the
 * portal settings name (EmailSettings.addresses[0], under its display name). That address
 * is already a verified sender of the zone (Email Service refuses others:
 * https://developers.cloudflare.com/email-service/api/send-emails/workers-api/).
 */
import type { Env } from "../env";
import { findInbox } from "../db/inboxes";
import type { Db } from "../db/client";
import { EmailSettings, type Locale } from "../protocol";
import { mailerOf } from "../channels/email/mailer";
import { escapeHtml } from "./html";
import { mailStrings } from "./strings";

export interface SignInMail {
  to: string;
  link: string;
  locale: Locale;
}

/** The sender: the e-mail inbox's first address and display name; null when the portal
 * has no e-mail inbox (or it is gone, or not an e-mail inbox). */
export async function portalSender(db: Db, emailInboxId: string | null): Promise<{ inboxId: string; address: string; name: string } | null> {
  if (!emailInboxId) return null;
  const inbox = await findInbox(db, emailInboxId);
  if (!inbox || inbox.kind !== "email" || inbox.deletedAt) return null;
  const settings = EmailSettings.safeParse(inbox.settings);
  if (!settings.success || !settings.data.addresses[0]) return null;
  return { inboxId: inbox.id, address: settings.data.addresses[0], name: settings.data.displayName || inbox.name };
}

/** Sends the link; throws what the binding throws (the caller logs it: the customer was
 * already told "if the address is known, a link is on its way"). */
export async function sendSignInMail(env: Env, sender: { inboxId: string; address: string; name: string }, mail: SignInMail): Promise<void> {
  const mailer = mailerOf(env, sender.inboxId);
  if (!mailer) throw new Error("no send_email binding named EMAIL");
  const s = mailStrings[mail.locale];
  const text = `${s.greeting}\n\n${s.body(sender.name)}\n\n${mail.link}\n\n${s.expiry}\n${s.ignore}`;
  const html =
    `<p>${escapeHtml(s.greeting)}</p><p>${escapeHtml(s.body(sender.name))}</p>` +
    `<p><a href="${escapeHtml(mail.link)}">${escapeHtml(s.button)}</a></p>` +
    `<p>${escapeHtml(s.expiry)}<br>${escapeHtml(s.ignore)}</p>`;
  await mailer.send({ from: { email: sender.address, name: sender.name }, to: mail.to, subject: s.subject(sender.name), text, html });
}
