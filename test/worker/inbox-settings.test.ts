/**
 * What the console's inbox settings rely on: several web chat inboxes side by side, each
 * with its own greeting, expected reply time and pre-chat fields that the widget loads,
 * and an identity secret shown only by the call that makes it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { owner, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

describe("web chat inbox settings", () => {
  it("keeps two web chat inboxes apart: each widget loads its own name, greeting and expected reply time", async () => {
    const shop = await webchatInbox(boss, "Shop");
    const docs = await webchatInbox(boss, "Docs");
    const base = { color: "#0a7d48", position: "left", avatarUrl: null, awayMessage: "", businessHours: null, csat: true, requireIdentity: false };
    const shopSettings = { ...base, greeting: "Olá! Como podemos ajudar?", expectedReplyTime: "minutes", preChatForm: { enabled: true, requireEmail: true, askPhone: true } };
    const docsSettings = { ...base, greeting: "Questions about the docs?", expectedReplyTime: "day", preChatForm: { enabled: false, requireEmail: false } };
    expect((await call(`/api/v1/inboxes/${shop.id}`, { method: "PATCH", json: { settings: shopSettings }, client: boss })).status).toBe(200);
    expect((await call(`/api/v1/inboxes/${docs.id}`, { method: "PATCH", json: { settings: docsSettings }, client: boss })).status).toBe(200);

    const shopConfig = (await call(`/api/v1/widget/config?inbox=${shop.publicKey}`)).body;
    expect(shopConfig).toMatchObject({ name: "Shop", settings: { greeting: "Olá! Como podemos ajudar?", expectedReplyTime: "minutes", preChatForm: { askPhone: true } } });
    const docsConfig = (await call(`/api/v1/widget/config?inbox=${docs.publicKey}`)).body;
    expect(docsConfig).toMatchObject({ name: "Docs", settings: { greeting: "Questions about the docs?", expectedReplyTime: "day" } });

    // The visitor's session carries the same settings, so the panel can greet on open.
    const session = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: docs.publicKey } });
    expect(session.body.inbox).toMatchObject({ name: "Docs", settings: { greeting: "Questions about the docs?", expectedReplyTime: "day" } });

    const names = (await call("/api/v1/inboxes", { client: boss })).body.inboxes.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(["Shop", "Docs"]));
  });

  it("reads an inbox saved before expectedReplyTime and askPhone existed as not showing them", async () => {
    const old = await webchatInbox(boss, "Old");
    const settings = { color: "#1f6feb", position: "right", greeting: "Hi", avatarUrl: null, awayMessage: "", businessHours: null, preChatForm: { enabled: true, requireEmail: false }, csat: true, requireIdentity: false };
    await call(`/api/v1/inboxes/${old.id}`, { method: "PATCH", json: { settings }, client: boss });
    const config = (await call(`/api/v1/widget/config?inbox=${old.publicKey}`)).body;
    expect(config.settings.greeting).toBe("Hi");
    expect(config.settings.expectedReplyTime ?? null).toBeNull();
    expect(config.settings.preChatForm.askPhone ?? false).toBe(false);
  });

  it("shows the identity secret only in the rotation's answer: the list says only that one is set", async () => {
    const inbox = await webchatInbox(boss, "Verified");
    const first = await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss });
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/.{32,}/);
    const second = await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss });
    expect(second.body.secret).not.toBe(first.body.secret);
    const listed = await call("/api/v1/inboxes", { client: boss });
    const row = listed.body.inboxes.find((i: { id: string }) => i.id === inbox.id);
    expect(row.hasIdentitySecret).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(second.body.secret);
    expect(JSON.stringify(listed.body)).not.toContain(first.body.secret);
  });
});
