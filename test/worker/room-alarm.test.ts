import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./http-client";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { roomAlarm } from "./pipeline-kit";
import { database } from "../../worker/db/client";
import { projectedSeqs } from "./projected-seqs";

function post(token: string, body: string, clientId: string) {
  return call("/api/v1/widget/messages", { method: "POST", json: { body, clientId }, headers: { Authorization: `Bearer ${token}` } });
}

// The room remembers whether its safety alarm is armed instead of reading it on every
// write (room.ts, `alarmAt`); that copy must follow the alarm through firing and deletion.
describe("the room's safety alarm, known from memory", () => {
  it("is armed by a write, gone once it ran with nothing left, and armed again by the next write", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const db = database(env.DB);

    expect((await post(v.token, "first", "a1")).status).toBe(201);
    expect(await roomAlarm(v.conversationId)).not.toBeNull();
    await eventually(async () => expect(await projectedSeqs(db, v.conversationId)).toEqual([1]));

    // The alarm runs, finds the outbox handed over, and leaves no alarm behind.
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await roomAlarm(v.conversationId)).toBeNull();

    expect((await post(v.token, "second", "a2")).status).toBe(201);
    expect(await roomAlarm(v.conversationId)).not.toBeNull();
    await eventually(async () => expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2]));
  });
});
