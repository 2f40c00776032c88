/**
 * @module Where a company-initiated message goes on an inbox's channel: the contact's
 * identity there, else their identity on another inbox of the same channel (a WhatsApp
 * number or an e-mail address means the same in every inbox), else the phone or e-mail
 * on their profile. `claimRecipient` then records it as the contact's identity in this
 * inbox, so the customer's answer threads back to the same contact (../channels/threads.ts
 * finds contacts by identity).
 */
import { derivedId, identityKindOf } from "../channels/threads";
import { addIdentity, findIdentity, type ContactRow } from "../db/contacts";
import type { Db } from "../db/client";
import type { InboxRow } from "../db/inboxes";
import { channelIdentitiesOf } from "../db/outbound";
import type { OutboundChannel } from "../protocol";

/** E.164 allows at most 15 digits (https://www.itu.int/rec/T-REC-E.164); fewer than 8
 * is no one's mobile number. */
const PHONE_DIGITS = /^[1-9]\d{7,14}$/;

function digitsOf(phone: string | null): string | null {
  const digits = (phone ?? "").replace(/^whatsapp:/, "").replace(/[\s().+-]/g, "");
  return PHONE_DIGITS.test(digits) ? digits : null;
}

/** The address on `channel` an inbox's adapter sends to, from what the profile holds:
 * WhatsApp Cloud API takes the wa_id (digits), Twilio "+E.164" (with the `whatsapp:`
 * prefix on a WhatsApp sender), e-mail the address. */
function fromProfile(channel: OutboundChannel, inbox: Pick<InboxRow, "settings">, contact: Pick<ContactRow, "phone" | "email">): string | null {
  if (channel === "email") return contact.email?.trim().toLowerCase() || null;
  const digits = digitsOf(contact.phone);
  if (!digits) return null;
  if (channel === "whatsapp") return digits;
  return (inbox.settings as { medium?: string }).medium === "whatsapp" ? `whatsapp:+${digits}` : `+${digits}`;
}

/** The contact's address on the inbox's channel, or null: nowhere to send. Reads only. */
export async function findRecipient(db: Db, channel: OutboundChannel, inbox: Pick<InboxRow, "id" | "kind" | "settings">, contact: Pick<ContactRow, "id" | "phone" | "email">): Promise<string | null> {
  const known = await channelIdentitiesOf(db, contact.id, inbox.kind, identityKindOf(inbox));
  // A Twilio identity of an SMS sender is no address for a WhatsApp sender, and back.
  const medium = (inbox.settings as { medium?: string }).medium === "whatsapp";
  const fits = known.filter((id) => channel !== "sms" || id.startsWith("whatsapp:") === medium);
  return fits[0] ?? fromProfile(channel, inbox, contact);
}

/** Makes `externalId` the contact's identity in this inbox (under the id ../channels/
 * threads.ts derives, so a racing webhook writes the same row). False when the address
 * already belongs to another contact: sending would write to someone else's thread. */
export async function claimRecipient(db: Db, inbox: Pick<InboxRow, "id" | "kind">, contactId: string, externalId: string, now: number): Promise<boolean> {
  const kind = identityKindOf(inbox);
  await addIdentity(db, { id: await derivedId("identity", kind, externalId), contactId, kind, externalId, createdAt: now });
  return (await findIdentity(db, kind, externalId))?.contactId === contactId;
}
