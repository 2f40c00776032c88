import { describe, expect, it } from "vitest";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { openSocket } from "./socket-harness";

describe("resume", () => {
  it("a socket dropped at seq k and reconnected with after=k receives k+1..n exactly once while messages keep arriving", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const url = `/api/v1/conversations/${v.conversationId}/messages`;

    // A steady stream of visitor messages that runs through the drop and the reconnect.
    let sent = 0;
    let stop = false;
    const stream = (async () => {
      while (!stop && sent < 400) {
        // An agent's stream: customers are rate-limited far below this pace.
        const res = await call(url, { method: "POST", json: { body: `m${sent}`, clientId: `m${sent}` }, client: boss });
        expect(res.status).toBe(201);
        sent++;
      }
    })();

    const first = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    await first.until(() => first.eventSeqs().length >= 30);
    first.close();
    const seen = first.eventSeqs();
    const k = seen[seen.length - 1]!;
    expect(seen).toEqual(Array.from({ length: k }, (_, i) => i + 1));

    const second = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=${k}`, boss);
    await second.until(() => second.eventSeqs().length >= 30);
    stop = true;
    await stream;
    const n = (await call(`${url}?after=0&limit=1`, { client: boss })).body.lastSeq;
    expect(n).toBeGreaterThanOrEqual(k + 30);
    await second.until(() => second.eventSeqs().at(-1) === n);
    expect(second.eventSeqs()).toEqual(Array.from({ length: n - k }, (_, i) => k + 1 + i));
    second.close();
  });

  it("serves history after a seq over HTTP in pages with `more`", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    for (let i = 0; i < 7; i++) {
      await call("/api/v1/widget/messages", { method: "POST", json: { body: `p${i}`, clientId: `p${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
    }
    const page1 = await call(`/api/v1/widget/messages?after=0&limit=3`, { headers: { Authorization: `Bearer ${v.token}` } });
    expect(page1.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    expect(page1.body.more).toBe(true);
    const page3 = await call(`/api/v1/widget/messages?after=6&limit=3`, { headers: { Authorization: `Bearer ${v.token}` } });
    expect(page3.body).toMatchObject({ lastSeq: 7, more: false });
    expect(page3.body.events.map((e: { seq: number }) => e.seq)).toEqual([7]);
  });
});
