/**
 * The sample inboxes the simulator page creates, with what a test needs to call the
 * stand-in API as the worker would (ids and opened credentials).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { openCredentials } from "../../../worker/channels/credentials";
import { database } from "../../../worker/db/client";
import { findInbox, type InboxRow } from "../../../worker/db/inboxes";
import { sim } from "./simulator-kit";

interface Sample {
  inbox: InboxRow;
  credentials: Record<string, string>;
}

export interface Samples {
  whatsapp: Sample & { phoneNumberId: string; businessAccountId: string };
  messenger: Sample & { pageId: string };
  instagram: Sample & { pageId: string; instagramAccountId: string };
  telegram: Sample;
  /** Twilio, SMS and MMS. */
  sms: Sample;
  /** Twilio, WhatsApp through Twilio (kind "sms", medium "whatsapp"). */
  twilioWhatsapp: Sample;
  /** E-mail: no credentials (`credentials` is {}). */
  email: Sample & { addresses: string[] };
}

type Kind = keyof Samples;

/** The sample's key: its kind, but a Twilio sender on WhatsApp is apart. */
function keyOf(inbox: InboxRow): Kind {
  if (inbox.kind === "sms" && (inbox.settings as { medium?: string }).medium === "whatsapp") return "twilioWhatsapp";
  return inbox.kind as Kind;
}

/** Creates the sample inboxes (or finds them: the button is idempotent). */
export async function sampleInboxes(): Promise<Samples> {
  const res = await sim("/dev/simulator/api/sample-inboxes", { method: "POST", json: {} });
  expect([200, 201], res.text).toContain(res.status);
  const listed = [...res.body.created, ...res.body.existing] as Array<{ id: string }>;
  const db = database(env.DB);
  const out: Partial<Record<Kind, Sample>> = {};
  for (const { id } of listed) {
    const inbox = (await findInbox(db, id))!;
    out[keyOf(inbox)] = { inbox, credentials: inbox.credentials ? (await openCredentials(env, id, inbox.credentials))! : {} };
  }
  return withIds(out);
}

function withIds(out: Partial<Record<Kind, Sample>>): Samples {
  const settings = (k: Kind) => out[k]!.inbox.settings as Record<string, string>;
  return {
    whatsapp: { ...out.whatsapp!, phoneNumberId: settings("whatsapp").phoneNumberId!, businessAccountId: settings("whatsapp").businessAccountId! },
    messenger: { ...out.messenger!, pageId: settings("messenger").pageId! },
    instagram: { ...out.instagram!, pageId: settings("instagram").pageId!, instagramAccountId: settings("instagram").instagramAccountId! },
    telegram: out.telegram!,
    sms: out.sms!,
    twilioWhatsapp: out.twilioWhatsapp!,
    email: { ...out.email!, addresses: (out.email!.inbox.settings as { addresses: string[] }).addresses },
  };
}
