/**
 * The Projector's group commit: handoffs gather for an interval, except that a full batch
 * goes at once. Runs the real Projector with a recording listener in place of D1, so the
 * only thing under test is when batches leave and what they carry.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ConversationEvent } from "../../worker/protocol";
import type { RoomState } from "../../worker/conversation/commands";
import type { PipelineBatch, PipelineListener } from "../../worker/pipeline/types";

/** A room's handoff of `count` events after `from` (only what the Projector reads). */
function handoff(conversationId: string, from: number, count: number): [RoomState, ConversationEvent[]] {
  const events = Array.from({ length: count }, (_, i) => ({ seq: from + i + 1, type: "message" }) as unknown as ConversationEvent);
  return [{ id: conversationId, lastSeq: from + count } as unknown as RoomState, events];
}

function recorder(batches: number[]): PipelineListener {
  return {
    name: "recorder",
    stage: "committed",
    async handle(batch: PipelineBatch) {
      batches.push(batch.conversations.reduce((n, c) => n + c.events.length, 0));
    },
  };
}

describe("Projector batching", () => {
  it("a full batch flushes at once instead of waiting for the interval", async () => {
    await runInDurableObject(env.PROJECTOR.getByName("batching-full"), async (projector) => {
      const batches: number[] = [];
      projector.listeners = [recorder(batches)];
      // An interval no test could wait out: a handoff that waits for it never resolves.
      projector.flushIntervalMs = 3_600_000;
      await projector.accept(...handoff("c1", 0, 1)); // idle: goes at once
      expect(batches).toEqual([1]);

      // Within the interval a small handoff waits…
      let smallDone = false;
      const small = projector.accept(...handoff("c1", 1, 2)).then(() => (smallDone = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(smallDone).toBe(false);
      // …until enough arrive to fill a batch (MAX_EVENTS, 100): then it goes at once.
      await Promise.all([small, projector.accept(...handoff("c2", 0, 98))]);
      expect(batches).toEqual([1, 100]);
    });
  });

  it("a batch takes the oldest handoffs up to 100 events; the rest waits for the interval", async () => {
    await runInDurableObject(env.PROJECTOR.getByName("batching-rest"), async (projector) => {
      const batches: number[] = [];
      projector.listeners = [recorder(batches)];
      projector.flushIntervalMs = 3_600_000;
      await projector.accept(...handoff("c1", 0, 1));
      const order: string[] = [];
      const first = projector.accept(...handoff("c2", 0, 70)).then(() => order.push("c2"));
      const second = projector.accept(...handoff("c3", 0, 50)).then(() => order.push("c3"));
      await first;
      expect(batches).toEqual([1, 70]);
      // 50 events left: not a full batch, so they wait for the interval.
      await new Promise((r) => setTimeout(r, 50));
      expect(order).toEqual(["c2"]);
      projector.flushIntervalMs = 0;
      await projector.holdFlushesUntil(0);
      await second;
      expect(batches).toEqual([1, 70, 50]);
    });
  });
});
