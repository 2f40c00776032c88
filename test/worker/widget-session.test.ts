import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";

describe("widget sessions", () => {
  it("a returning visitor keeps its contact and its conversation", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const first = await visitor(inbox.publicKey);
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "remember me", clientId: "k1" }, headers: { Authorization: `Bearer ${first.token}` } });
    const back = await visitor(inbox.publicKey, first.token);
    expect(back).toMatchObject({ contactId: first.contactId, conversationId: first.conversationId });
    const history = await call("/api/v1/widget/messages?after=0", { headers: { Authorization: `Bearer ${back.token}` } });
    expect(history.body.events.map((e: { body: string }) => e.body)).toEqual(["remember me"]);
  });

  it("a token from another inbox starts a new visitor instead of crossing inboxes", async () => {
    const boss = await owner();
    const a = await webchatInbox(boss, "Site A");
    const b = await webchatInbox(boss, "Site B");
    const va = await visitor(a.publicKey);
    const vb = await visitor(b.publicKey, va.token);
    expect(vb.contactId).not.toBe(va.contactId);
    expect(vb.conversationId).not.toBe(va.conversationId);
  });

  it("returns the inbox's look and greeting, and 404 for an unknown key", async () => {
    const boss = await owner();
    const res = await call("/api/v1/inboxes", {
      method: "POST",
      json: { kind: "webchat", name: "Loja", settings: { color: "#ff5500", position: "left", greeting: "Oi! Como podemos ajudar?", avatarUrl: null } },
      client: boss,
    });
    const session = await visitor(res.body.publicKey);
    expect(session).toMatchObject({ inbox: { name: "Loja", settings: { color: "#ff5500", position: "left", greeting: "Oi! Como podemos ajudar?" } } });
    const missing = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: "pk_nope" } });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "inbox_not_found" } } });
  });

  it("lists a conversation for agents only once it has a message", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const silent = await visitor(inbox.publicKey);
    const talker = await visitor(inbox.publicKey);
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "t1" }, headers: { Authorization: `Bearer ${talker.token}` } });
    const ids = await eventually(async () => {
      const list = await call(`/api/v1/conversations?inbox=${inbox.id}`, { client: boss });
      const ids: string[] = list.body.conversations.map((c: { id: string }) => c.id);
      expect(ids).toContain(talker.conversationId);
      return ids;
    });
    expect(ids).not.toContain(silent.conversationId);
  });
});
