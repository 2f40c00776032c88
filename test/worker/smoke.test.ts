import { describe, expect, it } from "vitest";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";

describe("smoke", () => {
  it("health", async () => {
    const res = await call("/api/health");
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });
  it("a visitor message reaches the agent socket", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    const visitorWs = await openSocket(await widgetSocketPath(v.token, 0));
    visitorWs.send({ type: "send", clientId: "c1", body: "Olá" });
    await visitorWs.until((f) => f.some((x) => x.type === "ack"));
    await agentWs.until((f) => f.some((x) => x.type === "event"));
    expect(agentWs.eventSeqs()).toEqual([1]);
  });
});
