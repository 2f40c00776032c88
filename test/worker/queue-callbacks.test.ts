/**
 * Callbacks in the queue (issue 14, rule 1): a conversation scheduled for T is held out
 * of the waiting list until T − 5 min, when the queue's alarm puts it at the head, ahead
 * of web chat visitors; taking it clears the callback.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { agentWithRole, customerWrites, owner } from "./fixtures";
import { call } from "./http-client";
import { addMember, newTeam, teamInbox, waitingIn } from "./queue-kit";
import { CALLBACK_LEAD_MS } from "../../worker/protocol";

describe("a scheduled callback", () => {
  it("waits out of line until 5 minutes before its time, then heads the queue", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    const teamId = await newTeam(boss);
    await addMember(boss, teamId, ana.id);
    const inbox = await teamInbox(boss, teamId);
    const first = await customerWrites(inbox.publicKey, "me liga amanhã?");
    const second = await customerWrites(inbox.publicKey, "oi");
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([first.conversationId, second.conversationId]));

    const at = Date.now() + 60 * 60_000;
    const res = await call(`/api/v1/conversations/${second.conversationId}/callback`, { method: "PUT", json: { at }, client: ana });
    expect(res.status).toBe(200);
    // Held: Next would not offer it an hour early.
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([first.conversationId]));
    expect((await env.TEAM_QUEUE.getByName(teamId).stats()).scheduled).toBe(1);

    // The queue's alarm is set for its earliest deadline; other work (telling visitors
    // their place) may come first. Each run is "the time it was set for", so running it
    // until the callback's lead time comes round reaches T − 5 min.
    // false: the queue's alarm was running by itself at that instant (it was set for
    // "now" by the publish), and sets the next one when done; ask again.
    for (let runs = 0; runs < 20 && (await waitingIn(teamId)).length < 2; runs++) {
      if (!(await runDurableObjectAlarm(env.TEAM_QUEUE.getByName(teamId)))) await new Promise((r) => setTimeout(r, 50));
    }
    expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([second.conversationId, first.conversationId]);
    const stats = await env.TEAM_QUEUE.getByName(teamId).stats();
    expect(stats).toMatchObject({ waiting: 2, scheduled: 0, priorityWaiting: true });
    expect(CALLBACK_LEAD_MS).toBe(5 * 60_000);

    // Next takes the callback first; the assignment clears it.
    const next = await call("/api/v1/queue/next", { method: "POST", client: ana });
    expect(next.body.conversation).toMatchObject({ id: second.conversationId, assigneeId: ana.id, callbackAt: null });
  });

  it("cancelled before its time, the conversation is back in line at its original place", async () => {
    const boss = await owner();
    const teamId = await newTeam(boss);
    const inbox = await teamInbox(boss, teamId);
    const first = await customerWrites(inbox.publicKey, "um");
    const second = await customerWrites(inbox.publicKey, "dois");
    await eventually(async () => expect(await waitingIn(teamId)).toHaveLength(2));
    const original = await waitingIn(teamId);
    await call(`/api/v1/conversations/${first.conversationId}/callback`, { method: "PUT", json: { at: Date.now() + 3_600_000 }, client: boss });
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([second.conversationId]));
    expect((await call(`/api/v1/conversations/${first.conversationId}/callback`, { method: "DELETE", client: boss })).status).toBe(200);
    await eventually(async () => expect(await waitingIn(teamId)).toEqual(original));
  });
});
