/**
 * @module The contact's export (LGPD art. 18 II, "access to the data", and V,
 * portability): one ZIP with `contact.json` — profile, attributes, tags, identities,
 * visitor context, opt-outs, consent records, CSAT answers, campaign deliveries where
 * they exist, and every conversation on every channel with its events — and every file
 * those events name under `files/`.
 *
 * Private notes (and automation runs) are left out: they are the company's own working
 * notes about a case, not data the contact gave or that describes them in the way art. 18
 * means, and LGPD's access right is exercised "observados os segredos comercial e
 * industrial" (art. 9 II, art. 19 § 3). Menu-bot answers (`field` events) are the
 * contact's own words and stay. Files attached to notes are left out with the notes.
 *
 * Memory: contact.json is written conversation by conversation, one history page
 * (MAX_PAGE_SIZE events) at a time, and files are streamed from R2 chunk by chunk
 * (./export-zip.ts). Subrequests: one history read per page and a head and a get per
 * file, far inside Workers Paid's 10,000 per request
 * (https://developers.cloudflare.com/workers/platform/limits/#subrequests).
 */
import type { Env } from "../env";
import type { ContactExportRows } from "../db/contact-export";
import { roomOf } from "../conversation/room-client";
import { fileKey } from "../channels/webchat/files";
import { MAX_PAGE_SIZE, type ConversationEvent } from "../protocol";
import { fileIdsOf } from "./erased-event";
import { StreamingZip } from "./export-zip";

export const EXPORT_FORMAT = "switchboard.contact-export.v1";

interface ExportedFile {
  id: string;
  conversationId: string;
  seq: number;
  name: string;
  contentType: string;
  size: number | null;
  /** Where the bytes are in the archive; null when the file is no longer stored. */
  path: string | null;
}

/** What the contact sees of the company's log: no notes, no automation runs. */
function exported(e: ConversationEvent): boolean {
  return e.type !== "automation" && !(e.type === "message" && e.kind === "note");
}

function filesOf(e: ConversationEvent): Array<Omit<ExportedFile, "path">> {
  if (e.type !== "message") return [];
  const named = new Map((e.attachments ?? []).map((a) => [a.id, { name: a.name, contentType: a.contentType, size: a.size as number | null }]));
  return fileIdsOf(e).map((id) => {
    const known = named.get(id);
    const email = e.content?.type === "email" && id === e.content.rawFileId ? { name: "message.eml", contentType: "message/rfc822", size: null } : { name: "message.html", contentType: "text/html", size: null };
    return { id, conversationId: e.conversationId, seq: e.seq, ...(known ?? email) };
  });
}

/** Streams the archive; the caller returns `readable` as the response body. */
export function exportContact(env: Env, rows: ContactExportRows, now: number): { readable: ReadableStream<Uint8Array>; done: Promise<void> } {
  const zip = new StreamingZip();
  const files: ExportedFile[] = [];
  async function* contactJson(): AsyncGenerator<string> {
    const { detail } = rows;
    const head = {
      format: EXPORT_FORMAT,
      exportedAt: now,
      contact: { ...detail.contact, tags: rows.tags },
      identities: detail.identities,
      visitor: detail.visitor,
      optOuts: detail.optOuts,
      consent: rows.consent,
      csat: rows.csat,
      campaignDeliveries: rows.campaignDeliveries,
    };
    yield JSON.stringify(head).slice(0, -1) + ',"conversations":[';
    for (const [i, c] of rows.conversations.entries()) {
      const { contactName: _n, contactPriority: _p, ...conversation } = c;
      yield (i > 0 ? "," : "") + JSON.stringify(conversation).slice(0, -1) + ',"events":[';
      let first = true;
      for (let after = 0, more = c.lastSeq > 0; more; ) {
        const page = await roomOf(env, c).history(after, MAX_PAGE_SIZE, "agent");
        const kept = page.events.filter(exported);
        for (const e of kept) files.push(...filesOf(e).map((f) => ({ ...f, path: null })));
        if (kept.length > 0) yield (first ? "" : ",") + kept.map((e) => JSON.stringify(e)).join(",");
        first = first && kept.length === 0;
        more = page.more && page.events.length > 0;
        after = page.events[page.events.length - 1]?.seq ?? after;
      }
      yield "]}";
    }
    yield '],"files":[';
    for (const [i, f] of files.entries()) {
      const head = await env.FILES.head(fileKey(f.id));
      if (head) f.path = `files/${f.id}-${f.name}`;
      if (head && f.size === null) f.size = head.size;
      yield (i > 0 ? "," : "") + JSON.stringify(f);
    }
    yield "]}";
  }
  const done = (async () => {
    try {
      await zip.addText("contact.json", contactJson());
      for (const f of files) {
        if (!f.path) continue;
        const object = await env.FILES.get(fileKey(f.id));
        if (object) await zip.addStream(f.path, object.body);
      }
      zip.end();
    } catch (err) {
      console.warn(JSON.stringify({ msg: "contact export failed", contactId: rows.detail.contact.id, error: String(err) }));
      zip.abort(err);
    }
  })();
  return { readable: zip.readable, done };
}
