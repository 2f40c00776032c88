import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";

describe("conversation list", () => {
  it("pages through every conversation with the cursor, newest activity first, without gaps or repeats", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const v = await visitor(inbox.publicKey);
      await call("/api/v1/widget/messages", { method: "POST", json: { body: `n${i}`, clientId: `n${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
      ids.push(v.conversationId);
      await new Promise((r) => setTimeout(r, 2)); // distinct activity times
    }
    await eventually(async () => {
      const all = await call(`/api/v1/conversations?inbox=${inbox.id}&limit=50`, { client: boss });
      expect(all.body.conversations).toHaveLength(7);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { conversations: { id: string }[]; nextCursor: string | null } } = await call(
        `/api/v1/conversations?inbox=${inbox.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        { client: boss },
      );
      expect(page.body.conversations.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.conversations.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters by status and assignee (me / none)", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const a = await visitor(inbox.publicKey);
    const b = await visitor(inbox.publicKey);
    for (const v of [a, b]) {
      await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "f" }, headers: { Authorization: `Bearer ${v.token}` } });
    }
    const me = (await call("/api/v1/me", { client: boss })).body.agent;
    await call(`/api/v1/conversations/${a.conversationId}/assign`, { method: "POST", json: { assigneeId: me.id }, client: boss });
    await call(`/api/v1/conversations/${b.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    await eventually(async () => {
      const mine = await call(`/api/v1/conversations?inbox=${inbox.id}&assignee=me`, { client: boss });
      expect(mine.body.conversations.map((c: { id: string }) => c.id)).toEqual([a.conversationId]);
      const unassigned = await call(`/api/v1/conversations?inbox=${inbox.id}&assignee=none`, { client: boss });
      expect(unassigned.body.conversations.map((c: { id: string }) => c.id)).toEqual([b.conversationId]);
      const resolved = await call(`/api/v1/conversations?inbox=${inbox.id}&status=resolved`, { client: boss });
      expect(resolved.body.conversations.map((c: { id: string }) => c.id)).toEqual([b.conversationId]);
    });
  });
});
