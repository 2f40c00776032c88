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
}

/** Creates the sample inboxes (or finds them: the button is idempotent). */
export async function sampleInboxes(): Promise<Samples> {
  const res = await sim("/dev/simulator/api/sample-inboxes", { method: "POST", json: {} });
  expect([200, 201], res.text).toContain(res.status);
  const listed = [...res.body.created, ...res.body.existing] as Array<{ id: string; kind: keyof Samples }>;
  const db = database(env.DB);
  const out: Partial<Record<keyof Samples, Sample>> = {};
  for (const { id, kind } of listed) {
    const inbox = (await findInbox(db, id))!;
    out[kind] = { inbox, credentials: (await openCredentials(env, id, inbox.credentials))! };
  }
  return withIds(out);
}

function withIds(out: Partial<Record<keyof Samples, Sample>>): Samples {
  const settings = (k: keyof Samples) => out[k]!.inbox.settings as Record<string, string>;
  return {
    whatsapp: { ...out.whatsapp!, phoneNumberId: settings("whatsapp").phoneNumberId!, businessAccountId: settings("whatsapp").businessAccountId! },
    messenger: { ...out.messenger!, pageId: settings("messenger").pageId! },
    instagram: { ...out.instagram!, pageId: settings("instagram").pageId!, instagramAccountId: settings("instagram").instagramAccountId! },
  };
}
