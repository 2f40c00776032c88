/**
 * @module The simulator's memory, in the files bucket under `simulator/` (R2; local under
 * `wrangler dev`), so the simulator ships no binding, table or migration of its own:
 * - `simulator/threads/{inbox}/{customer}/{item}`: each bubble of a simulated phone, as
 *   JSON (SimulatorThreadItem); item ids sort by time, so a listing is the thread in order;
 * - `simulator/media/{id}`: files — the customer's sample pictures and what the worker
 *   uploads to the stand-in Graph API.
 */
import { SimulatorThreadItem } from "../protocol/simulator";

const THREADS = "simulator/threads/";
const MEDIA = "simulator/media/";
/** A phone shows the latest replies; older ones stay in R2 but are not read on each poll. */
const THREAD_WINDOW = 200;

function threadPrefix(inboxId: string, customerId: string): string {
  return `${THREADS}${inboxId}/${customerId}/`;
}

/** A new id that sorts after every earlier one (R2 lists keys in UTF-8 order). */
export function newItemId(now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).padStart(7, "0");
  return `${now.toString().padStart(15, "0")}-${random}`;
}

export async function saveItem(files: R2Bucket, inboxId: string, customerId: string, item: SimulatorThreadItem): Promise<void> {
  await files.put(threadPrefix(inboxId, customerId) + item.id, JSON.stringify(item), { httpMetadata: { contentType: "application/json" } });
}

export async function readItem(files: R2Bucket, inboxId: string, customerId: string, itemId: string): Promise<SimulatorThreadItem | null> {
  const object = await files.get(threadPrefix(inboxId, customerId) + itemId);
  if (!object) return null;
  const parsed = SimulatorThreadItem.safeParse(await object.json());
  return parsed.success ? parsed.data : null;
}

/** The phone's latest bubbles, oldest first. */
export async function readThread(files: R2Bucket, inboxId: string, customerId: string): Promise<SimulatorThreadItem[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await files.list({ prefix: threadPrefix(inboxId, customerId), cursor });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const items = await Promise.all(
    keys.slice(-THREAD_WINDOW).map(async (key) => {
      const object = await files.get(key);
      const parsed = object ? SimulatorThreadItem.safeParse(await object.json()) : null;
      return parsed?.success ? parsed.data : null;
    }),
  );
  return items.filter((i): i is SimulatorThreadItem => i !== null);
}

/** Whether the simulator holds a thread of `customerId` in `inboxId` (tells apart a
 * Messenger and an Instagram inbox on the same page). */
export async function hasThread(files: R2Bucket, inboxId: string, customerId: string): Promise<boolean> {
  const page = await files.list({ prefix: threadPrefix(inboxId, customerId), limit: 1 });
  return page.objects.length > 0;
}

export interface StoredMedia {
  body: ReadableStream;
  contentType: string;
  size: number;
  name: string | null;
}

/** Keeps a file of `inboxId`'s account (uploaded by the worker, or the customer's sample
 * picture); answers its new id (numeric, as Graph API media ids are). */
export async function putMedia(files: R2Bucket, inboxId: string, bytes: ArrayBuffer | Uint8Array, contentType: string, name: string | null): Promise<string> {
  const id = `${Date.now()}${crypto.getRandomValues(new Uint32Array(1))[0]!.toString().padStart(10, "0")}`;
  // The digest rides along so the metadata answer can carry WhatsApp's `sha256`.
  const sha256 = await crypto.subtle.digest("SHA-256", bytes);
  await files.put(MEDIA + id, bytes, { httpMetadata: { contentType }, customMetadata: { inbox: inboxId, ...(name ? { name } : {}) }, sha256 });
  return id;
}

export async function getMedia(files: R2Bucket, id: string): Promise<StoredMedia | null> {
  if (!/^\d{1,40}$/.test(id)) return null;
  const object = await files.get(MEDIA + id);
  if (!object) return null;
  return { body: object.body, contentType: object.httpMetadata?.contentType ?? "application/octet-stream", size: object.size, name: object.customMetadata?.name ?? null };
}

/** The file's size and type without its bytes (Graph API's media metadata answer). */
export async function headMedia(files: R2Bucket, id: string): Promise<{ contentType: string; size: number; sha256: string | null; inboxId: string | null; name: string | null } | null> {
  if (!/^\d{1,40}$/.test(id)) return null;
  const object = await files.head(MEDIA + id);
  if (!object) return null;
  return {
    contentType: object.httpMetadata?.contentType ?? "application/octet-stream",
    size: object.size,
    sha256: object.checksums.sha256 ? toBase64(object.checksums.sha256) : null,
    inboxId: object.customMetadata?.inbox ?? null,
    name: object.customMetadata?.name ?? null,
  };
}

function toBase64(buffer: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(buffer)));
}
