/**
 * @module ConversationStore: every conversation the console has seen, by id, as this
 * agent sees it (ConversationItem: the shared summary plus stars, read mark, unread count,
 * tags and type). One store serves every view, so switching views, the unread counts and
 * notifications all read the same rows.
 *
 * Rows arrive by three paths in any order: list pages and detail reads ("load"), the team
 * queue socket ("live") and the replies to this agent's own actions ("action"). A queue
 * frame carries only the shared summary, so it is merged over what the store already
 * knows; `lastSeq` decides which of two versions of the summary is newer.
 */
import type { ConversationItem, ConversationSummary } from "../../worker/protocol";

export type ChangeSource = "load" | "live" | "action";

export interface StoreChange {
  item: ConversationItem;
  previous: ConversationItem | undefined;
  source: ChangeSource;
}

/** What a queue frame did: `new` and `advanced` mean the per-agent fields (unread above
 * all) may now be stale and worth fetching. */
export type SummaryResult = "new" | "advanced" | "same" | "stale";

type PerAgent = Pick<ConversationItem, "starred" | "readSeq" | "unread" | "tagIds" | "typeId">;

/** Per-agent fields of a row first seen on the socket, until the server's item arrives. */
const UNKNOWN_PER_AGENT: PerAgent = { starred: false, readSeq: 0, unread: 0, tagIds: [], typeId: null };

export class ConversationStore {
  private readonly items = new Map<string, ConversationItem>();
  private readonly listeners = new Set<(change: StoreChange) => void>();

  get(id: string): ConversationItem | undefined {
    return this.items.get(id);
  }

  values(): IterableIterator<ConversationItem> {
    return this.items.values();
  }

  /** Returns the unsubscribe function, ready for a useEffect cleanup. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A whole item from the server. An item older than the known summary (a slow reply
   * overtaken by a queue frame) still brings its per-agent fields — those change without
   * the seq moving (a star, a tag) — but not its summary or unread count. */
  putItem(item: ConversationItem, source: ChangeSource): void {
    const known = this.items.get(item.id);
    if (!known || known.lastSeq <= item.lastSeq) return this.set(item, known, source);
    this.set({ ...known, starred: item.starred, tagIds: item.tagIds, typeId: item.typeId }, known, source);
  }

  /** A queue frame's summary, merged over this agent's own fields. */
  putSummary(summary: ConversationSummary): SummaryResult {
    const known = this.items.get(summary.id);
    if (known && known.lastSeq > summary.lastSeq) return "stale";
    const item: ConversationItem = { ...(known ?? UNKNOWN_PER_AGENT), ...summary };
    this.set(item, known, "live");
    if (!known) return "new";
    return known.lastSeq < summary.lastSeq ? "advanced" : "same";
  }

  /** A local change of this agent's own fields, e.g. the open conversation read. */
  patch(id: string, fields: Partial<PerAgent>, source: ChangeSource): void {
    const known = this.items.get(id);
    if (!known) return;
    if ((Object.keys(fields) as (keyof PerAgent)[]).every((k) => known[k] === fields[k])) return;
    this.set({ ...known, ...fields }, known, source);
  }

  private set(item: ConversationItem, previous: ConversationItem | undefined, source: ChangeSource): void {
    this.items.set(item.id, item);
    for (const listener of this.listeners) listener({ item, previous, source });
  }
}
