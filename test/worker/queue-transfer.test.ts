/**
 * Transfer between teams (issue 14): the old team's row disappears, the new team keeps
 * the customer's original received time.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { customerWrites, owner } from "./fixtures";
import { call } from "./http-client";
import { newTeam, teamInbox, waitingIn } from "./queue-kit";

describe("moving a waiting conversation to another team", () => {
  it("leaves no row in the old team's queue and keeps its received time in the new one", async () => {
    const boss = await owner();
    const from = await newTeam(boss);
    const to = await newTeam(boss);
    const inbox = await teamInbox(boss, from);
    const c = await customerWrites(inbox.publicKey, "olá, preciso de ajuda");
    let receivedAt = 0;
    await eventually(async () => {
      const rows = await waitingIn(from);
      expect(rows.map((r) => r.id)).toEqual([c.conversationId]);
      receivedAt = rows[0]!.receivedAt;
    });
    // Someone else arrives at the new team later; the moved one must stay ahead of them.
    const later = await customerWrites((await teamInbox(boss, to)).publicKey, "oi");
    await eventually(async () => expect((await waitingIn(to)).map((r) => r.id)).toEqual([later.conversationId]));

    const res = await call(`/api/v1/conversations/${c.conversationId}/assign`, { method: "POST", json: { teamId: to }, client: boss });
    expect(res.status).toBe(200);
    await eventually(async () => {
      expect(await waitingIn(from)).toEqual([]);
      expect(await waitingIn(to)).toEqual([
        { id: c.conversationId, receivedAt },
        { id: later.conversationId, receivedAt: expect.any(Number) },
      ]);
    });
  });
});
