import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./http-client";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { countingD1, holdProjector } from "./pipeline-kit";
import { createEndpoint, deleteAllEndpoints } from "./webhooks/webhook-kit";
import { database } from "../../worker/db/client";
import { findConversation, findConversations } from "../../worker/db/conversations";
import { projectedSeqs } from "./projected-seqs";
import { dispatch } from "../../worker/pipeline/dispatcher";
import { d1Projection } from "../../worker/pipeline/listeners/d1-projection";
import { teamQueuePublish } from "../../worker/pipeline/listeners/team-queue-publish";
import { reportRollups } from "../../worker/pipeline/listeners/report-rollups";
import { outboundWebhooks } from "../../worker/pipeline/listeners/outbound-webhooks";
import type { PipelineBatch } from "../../worker/pipeline/types";

describe("a flush reads D1 once", () => {
  it("the live list publishes the rows the D1 listener read back inside its own batch: one D1 batch per flush", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: "read me back", clientId: "rb1" }, headers: { Authorization: `Bearer ${v.token}` } });
    expect(res.status).toBe(201);
    const db = database(env.DB);
    await eventually(async () => expect(await projectedSeqs(db, v.conversationId)).toEqual([1]));
    const conv = (await findConversation(db, v.conversationId))!;
    const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const batch: PipelineBatch = { conversations: [{ state: await room.snapshot(conv), events: (await room.history(conv, 0, 50, "agent")).events }], at: Date.now() };

    // The same batch again (the pipeline is idempotent), through the projection and the
    // live list, on a D1 that counts its batches. (Other listeners, report rollups for one,
    // keep D1 batches of their own by design: README, "Reports".)
    const counting = countingD1(env.DB);
    const report = await dispatch(batch, [d1Projection, teamQueuePublish], { ...env, DB: counting.d1 }, () => {});
    expect(report.failed).toEqual([]);
    expect(counting.counts.batches).toBe(1);
    expect(batch.projected).toEqual(await findConversations(db, [v.conversationId]));
    expect(batch.projected).toMatchObject([{ id: v.conversationId, lastSeq: 1 }]);
    // …and those rows are what the live list now holds.
    const row = batch.projected![0]!;
    const stub = env.TEAM_QUEUE.getByName(row.teamId ?? "unrouted");
    const stored = await runInDurableObject(stub, (_queue, state) =>
      state.storage.sql.exec<{ summary: string }>("SELECT summary FROM waiting WHERE conversation_id = ?", v.conversationId).toArray()[0]?.summary,
    );
    expect(stored && JSON.parse(stored)).toEqual(row);
  });

  it("later listeners' reads ride at the end of the projection's batch: no D1 round trip only to read", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const endpoint = await createEndpoint(boss, "https://hooks.example.com/sb", ["message.created"]);
    const v = await visitor(inbox.publicKey);
    // The Projector holds this conversation's handoff, so the batch below is the first to
    // fold it into the reports and hand it to the webhook outbox: every listener works.
    const held = await holdProjector(v.conversationId);
    try {
      const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: "ride along", clientId: "ra1" }, headers: { Authorization: `Bearer ${v.token}` } });
      expect(res.status).toBe(201);
      const db = database(env.DB);
      const conv = (await findConversation(db, v.conversationId))!;
      const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
      const batch: PipelineBatch = { conversations: [{ state: await room.snapshot(conv), events: (await room.history(conv, 0, 50, "agent")).events }], at: Date.now() };

      const counting = countingD1(env.DB);
      const report = await dispatch(batch, [d1Projection, reportRollups, outboundWebhooks, teamQueuePublish], { ...env, DB: counting.d1 }, () => {});
      expect(report.failed).toEqual([]);
      // The projection's batch (writes, list rows, the reports' inputs, the endpoints) and
      // the reports' writes: two round trips, none of them only a read. (Before: four.)
      expect(counting.counts.readTrips).toBe(0);
      expect(counting.counts.trips).toBe(2);
      expect(report.listeners["report-rollups"]!.rowsWritten).toBeGreaterThan(0);
      const facts = await env.DB.prepare("SELECT count(*) AS n FROM report_facts WHERE conversation_id = ?").bind(v.conversationId).first<{ n: number }>();
      expect(facts!.n).toBeGreaterThan(0);
      const queued = await runInDurableObject(env.WEBHOOK_OUTBOX.getByName(endpoint.id), (_o, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM deliveries WHERE conversation_id = ? AND event = ?", v.conversationId, "message.created").one().n);
      expect(queued).toBe(1);
    } finally {
      await held.release();
      await deleteAllEndpoints(boss);
    }
  });
});
