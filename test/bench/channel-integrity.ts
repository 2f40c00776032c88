/**
 * @module The channel benchmark's check of what Switchboard stored, read back through the
 * agents' API (the inbox's conversation list, then each conversation's history): every
 * customer in exactly one conversation, every delivery answered 200 stored exactly once
 * (by provider message id) with its text and provider timestamp (or, for a provider that
 * sends none, a time of receipt), nothing stored that was
 * not sent, and the order rules of ./channel-webhooks.ts (happens-before, exact, none).
 */
import { api, mapLimit } from "./api.ts";
import type { BenchMessage } from "./webhook-channels.ts";
import type { Shot } from "./webhook-load.ts";

export interface SentMessage {
  /** Which customer (one conversation each). */
  customer: string;
  message: BenchMessage;
  /** The delivery that carried it. */
  shot: Shot;
  /** happens-before: stored before any message sent after its 200; exact: stored in the
   * order given (one batched delivery); none: concurrent, no order promised. */
  order: "happens-before" | "exact" | "none";
}

export interface ChannelIntegrity {
  ok: boolean;
  failures: string[];
  totalFailures: number;
  conversations: number;
  messages: number;
  /** Pairs the concurrent burst stored out of provider-timestamp order (information);
   * null when the provider sends no timestamps (Twilio). */
  concurrentInversions: number | null;
  /** Pairs checked under happens-before (the order rule is not vacuous). */
  orderedPairs: number;
}

interface StoredMessage {
  seq: number;
  body: string;
  providerMessageId: string | null;
  providerAt?: number;
  actor: { type: string };
}

async function allPages<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

export async function checkChannelIntegrity(baseUrl: string, cookie: string, inboxId: string, sent: readonly SentMessage[]): Promise<ChannelIntegrity> {
  const failures: string[] = [];
  const fail = (line: string) => failures.push(line);
  const byId = new Map(sent.map((s) => [s.message.id, s]));
  const customers = new Set(sent.map((s) => s.customer));

  // The list pages by recent activity, and the D1 projection (which trails the rooms)
  // moves rows while the pages are read: read it until two passes agree, keeping the union.
  const listed = new Set<string>();
  for (let pass = 0, previous = ""; pass < 20; pass++) {
    const ids = await allPages(async (cursor) => {
      const res = await api(baseUrl, `/api/v1/conversations?view=all&inbox=${inboxId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { cookie });
      if (res.status !== 200) throw new Error(`conversation list: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return { items: (res.body.conversations as Array<{ id: string }>).map((c) => c.id), next: res.body.nextCursor };
    });
    for (const id of ids) listed.add(id);
    const key = [...ids].sort().join(",");
    if (key === previous) break;
    previous = key;
    await new Promise((r) => setTimeout(r, 500));
  }
  const conversations = [...listed].map((id) => ({ id }));
  if (conversations.length !== customers.size) fail(`${conversations.length} conversations in the inbox, ${customers.size} customers wrote`);

  const histories = await mapLimit(conversations, 8, async (conv) => {
    const messages: StoredMessage[] = [];
    for (let after = 0; ; ) {
      const res = await api(baseUrl, `/api/v1/conversations/${conv.id}/messages?after=${after}&limit=200`, { cookie });
      if (res.status !== 200) throw new Error(`history of ${conv.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      const events = res.body.events as Array<StoredMessage & { type: string }>;
      messages.push(...events.filter((e) => e.type === "message"));
      if (!res.body.more || events.length === 0) break;
      after = events[events.length - 1]!.seq;
    }
    return { id: conv.id, messages };
  });

  const stored = new Map<string, { conversation: string; seq: number }>();
  const conversationOf = new Map<string, string>();
  let count = 0;
  for (const { id, messages } of histories) {
    for (const m of messages) {
      count++;
      const s = m.providerMessageId ? byId.get(m.providerMessageId) : undefined;
      if (!s) {
        fail(`conversation ${id}: seq ${m.seq} is no message the bench sent (${m.actor.type}: ${m.body.slice(0, 60)})`);
        continue;
      }
      if (stored.has(s.message.id)) fail(`${s.message.id} stored twice (seq ${stored.get(s.message.id)!.seq} and ${m.seq})`);
      stored.set(s.message.id, { conversation: id, seq: m.seq });
      const home = conversationOf.get(s.customer);
      if (home === undefined) conversationOf.set(s.customer, id);
      else if (home !== id) fail(`customer ${s.customer} has messages in two conversations (${home}, ${id})`);
      if (m.actor.type !== "contact") fail(`${s.message.id}: actor ${m.actor.type}, expected contact`);
      if (m.body !== s.message.body) fail(`${s.message.id}: body ${JSON.stringify(m.body.slice(0, 60))} differs from what was sent`);
      // Twilio sends no timestamp: the message is dated when received, within the run.
      const expectedAt = s.message.timestamp === null ? null : s.message.timestamp * 1000;
      if (expectedAt === null ? !(typeof m.providerAt === "number" && Math.abs(m.providerAt - Date.now()) < 3_600_000) : m.providerAt !== expectedAt)
        fail(`${s.message.id}: providerAt ${m.providerAt}, sent ${expectedAt ?? "none (dated on receipt)"}`);
    }
  }
  for (const s of sent) {
    if (s.shot.status === 200 && !stored.has(s.message.id)) fail(`${s.message.id} answered 200 but is not stored`);
    if (s.shot.status !== 200 && !stored.has(s.message.id)) fail(`${s.message.id} answered ${s.shot.status} and is not stored (a provider would redeliver)`);
  }

  let concurrentInversions = 0;
  let orderedPairs = 0;
  const seqOf = (s: SentMessage) => stored.get(s.message.id)?.seq;
  for (const customer of customers) {
    const mine = sent.filter((s) => s.customer === customer && seqOf(s) !== undefined);
    for (let a = 0; a < mine.length; a++) {
      for (let b = a + 1; b < mine.length; b++) {
        const [x, y] = [mine[a]!, mine[b]!];
        const before = seqOf(x)! < seqOf(y)!;
        if (x.order === "exact" && !before) fail(`${customer}: batched ${x.message.id} stored after ${y.message.id}`);
        if (x.order === "none" && x.message.timestamp !== null && y.message.timestamp !== null && (x.message.timestamp < y.message.timestamp) !== before) concurrentInversions++;
        if (x.order === "happens-before" && x.shot.doneAt < y.shot.startedAt) {
          orderedPairs++;
          if (!before) fail(`${customer}: ${y.message.id} was sent after ${x.message.id}'s 200, yet stored before it`);
        }
      }
    }
  }

  const untimed = sent.some((s) => s.order === "none" && s.message.timestamp === null);
  return { ok: failures.length === 0, failures: failures.slice(0, 20), totalFailures: failures.length, conversations: conversations.length, messages: count, concurrentInversions: untimed ? null : concurrentInversions, orderedPairs };
}
