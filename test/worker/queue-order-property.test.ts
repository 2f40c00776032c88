/**
 * Property test (fast-check) of the waiting list against issue 14's rules, written out
 * here independently of worker/queue/order.ts: random arrivals on random channels with
 * random inbox and contact priorities, callbacks scheduled, time passing (callbacks
 * joining the head from 5 minutes before their time), transfers out and in (keeping the
 * received time), and pops, interleaved; every pop must equal the head of a reference
 * sort of the rules.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WaitingList } from "../../worker/queue/waiting-list";
import { CALLBACK_LEAD_MS, type ChannelKind, type ConversationSummary } from "../../worker/protocol";

interface Item {
  id: string;
  channel: ChannelKind;
  inboxPriority: number;
  contactPriority: number;
  receivedAt: number;
  callbackAt: number | null;
}

/** The rules, one by one, as the issue states them. */
function byTheRules(now: number) {
  const due = (i: Item) => i.callbackAt !== null && i.callbackAt - CALLBACK_LEAD_MS <= now;
  return (a: Item, b: Item): number => {
    if (due(a) !== due(b)) return due(a) ? -1 : 1; // 1. a callback due within 5 minutes
    const wa = a.channel === "webchat";
    const wb = b.channel === "webchat";
    if (wa !== wb) return wa ? -1 : 1; // 2. web chat, absolutely
    if (a.inboxPriority !== b.inboxPriority) return b.inboxPriority - a.inboxPriority; // 3. higher first
    if (a.contactPriority !== b.contactPriority) return b.contactPriority - a.contactPriority; // 4. higher first
    if (a.receivedAt !== b.receivedAt) return a.receivedAt - b.receivedAt; // 5. oldest first
    return a.id < b.id ? -1 : 1;
  };
}

/** Held callbacks are not offered until their lead time starts. */
const offered = (i: Item, now: number) => i.callbackAt === null || i.callbackAt - CALLBACK_LEAD_MS <= now;

function summaryOf(i: Item, seq: number): ConversationSummary {
  return {
    id: i.id, inboxId: "inbox", channel: i.channel, contactId: "k", contactName: null, teamId: "t", assigneeId: null, status: "open",
    priority: i.inboxPriority, lastSeq: seq, lastMessagePreview: null, createdAt: i.receivedAt, lastActivityAt: i.receivedAt,
    firstResponseAt: null, resolvedAt: null, snoozedUntil: null, callbackAt: i.callbackAt, contactPriority: i.contactPriority,
  };
}

const CHANNELS: ChannelKind[] = ["webchat", "whatsapp", "telegram", "messenger", "instagram", "sms", "email"];
const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant("arrive" as const), channel: fc.constantFrom(...CHANNELS), inboxPriority: fc.constantFrom(1, 50, 100), contactPriority: fc.constantFrom(0, 10, 90) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("callback" as const), pick: fc.nat(), inMinutes: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("wait" as const), minutes: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("transferOut" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("transferIn" as const), channel: fc.constantFrom(...CHANNELS), waitedMinutes: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant("pop" as const) }) },
);

describe("the waiting list against the rules", () => {
  it("every pop is the head of the reference sort, under random interleavings", async () => {
    await runInDurableObject(env.TEAM_QUEUE.getByName("order-fast-check"), (_q, state) => {
      const sql = state.storage.sql;
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
          for (const t of ["waiting", "claims", "scheduled"]) sql.exec(`DELETE FROM ${t}`);
          const list = new WaitingList(sql);
          const model = new Map<string, Item>();
          let now = 1_800_000_000_000;
          let seq = 1;
          let n = 0;
          const pick = (k: number) => [...model.values()][k % Math.max(model.size, 1)];
          for (const o of ops) {
            now += 1000; // every step takes a second: arrivals get distinct times
            if (o.type === "arrive" || o.type === "transferIn") {
              const item: Item = {
                id: `c${String(n++).padStart(4, "0")}`,
                channel: o.channel,
                inboxPriority: o.type === "arrive" ? o.inboxPriority : 50,
                contactPriority: o.type === "arrive" ? o.contactPriority : 0,
                receivedAt: o.type === "arrive" ? now : now - o.waitedMinutes * 60_000,
                callbackAt: null,
              };
              model.set(item.id, item);
              list.upsert(summaryOf(item, seq++), now, o.type === "transferIn" ? item.receivedAt : undefined);
            } else if (o.type === "callback") {
              const item = pick(o.pick);
              if (!item) continue;
              item.callbackAt = now + o.inMinutes * 60_000;
              list.upsert(summaryOf(item, seq++), now);
            } else if (o.type === "wait") {
              now += o.minutes * 60_000;
              list.releaseDueCallbacks(now); // what the queue's alarm does
            } else if (o.type === "transferOut") {
              const item = pick(o.pick);
              if (!item) continue;
              model.delete(item.id);
              expect(list.leave({ ...summaryOf(item, seq++), teamId: "other" })).toBe(item.receivedAt);
            } else {
              const expected = [...model.values()].filter((i) => offered(i, now)).sort(byTheRules(now))[0] ?? null;
              const head = list.head(now);
              expect(head?.summary.id ?? null).toBe(expected?.id ?? null);
              if (head) {
                expect(list.claim(head.summary.id, now)).not.toBeNull();
                // The assignment lands: its publish ends the claim.
                const taken = model.get(head.summary.id)!;
                list.upsert({ ...summaryOf(taken, seq++), assigneeId: "agent" }, now);
                model.delete(head.summary.id);
              }
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});
