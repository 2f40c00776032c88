/**
 * Channel inboxes through the inbox API: each provider kind is created with its
 * credentials, which are sealed in D1 (never the plaintext) and never come back (the
 * answer shows a hint per credential and the webhook URL to paste at the provider); an
 * update replaces one secret and keeps the others; settings are checked against the
 * inbox's own kind; without CREDENTIALS_KEY nothing is saved; and who may do what.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { openCredentials, sealCredentials } from "../../worker/channels/credentials";
import { expectApiError } from "./assertions";
import { agentWithRole, owner, webchatInbox } from "./fixtures";
import { call, ORIGIN, type Client } from "./http-client";
import { storedRows } from "./stored-rows";

let boss: Client;
let admin: Client;
let agent: Client;

beforeAll(async () => {
  boss = await owner();
  admin = await agentWithRole("admin");
  agent = await agentWithRole("agent");
});

const WHATSAPP = {
  kind: "whatsapp",
  name: "WhatsApp Vendas",
  settings: { phoneNumberId: "106540352242922", businessAccountId: "102290129340398", displayPhone: "+55 11 4000-1234" },
  credentials: { appSecret: "wa-app-secret-5f1c2e9a7b", accessToken: "EAAG-wa-access-token-Zx81", verifyToken: "wa-verify-token-k3y9" },
};
const MESSENGER = {
  kind: "messenger",
  name: "Página da Loja",
  settings: { pageId: "112233445566", appId: "998877665544" },
  credentials: { appSecret: "fb-app-secret-0a9b8c7d6e", pageAccessToken: "EAAB-page-token-Qw42", verifyToken: "fb-verify-token-v0v0" },
};
const INSTAGRAM = {
  kind: "instagram",
  name: "Instagram da Loja",
  settings: { pageId: "112233445567", appId: "998877665544", instagramAccountId: "17841400000000000", keepUnsentText: true },
  credentials: { appSecret: "ig-app-secret-1b2c3d4e5f", pageAccessToken: "EAAB-ig-page-token-Ui07", verifyToken: "ig-verify-token-w1w1" },
};

type Kinded = typeof WHATSAPP | typeof MESSENGER | typeof INSTAGRAM;

async function create(body: Kinded, client: Client = boss) {
  const res = await call("/api/v1/inboxes", { method: "POST", json: body, client });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function sealedRow(id: string) {
  return env.DB.prepare("SELECT credentials, credential_hints FROM inboxes WHERE id = ?").bind(id).first<{ credentials: string | null; credential_hints: string }>();
}

/** The worker's own fetch with `changes` to its bindings: how a deployment without the
 * secret behaves, sent through the same app and routes. */
async function callWithEnv(changes: Record<string, unknown>, path: string, init: { method: string; json: unknown; client: Client }) {
  const headers = new Headers({ "Content-Type": "application/json", Origin: ORIGIN, Cookie: init.client.cookie! });
  const res = await app.fetch(new Request(ORIGIN + path, { method: init.method, headers, body: JSON.stringify(init.json) }), { ...env, ...changes }, createExecutionContext());
  return { status: res.status, body: await res.json<any>(), headers: res.headers };
}

describe("creating a channel inbox", () => {
  it.each([
    ["WhatsApp", WHATSAPP, "/webhooks/whatsapp/"],
    ["Messenger", MESSENGER, "/webhooks/meta/"],
    ["Instagram", INSTAGRAM, "/webhooks/meta/"],
  ] as const)("creates a %s inbox: hints and the webhook URL in the answer, no secret anywhere", async (_, body, webhookPath) => {
    const made = await create(body);
    expect(made).toMatchObject({ kind: body.kind, name: body.name, publicKey: null, hasIdentitySecret: false, webhookUrl: `${ORIGIN}${webhookPath}${made.id}` });
    expect(made.settings).toMatchObject(body.settings);
    expect(made.settings.reopenWindowHours).toBe(24);
    const hints = Object.fromEntries(Object.entries(body.credentials).map(([name, value]) => [name, { set: true, last4: value.slice(-4) }]));
    expect(made.credentials).toEqual(hints);

    const listed = await call("/api/v1/inboxes", { client: agent });
    const row = listed.body.inboxes.find((i: { id: string }) => i.id === made.id);
    expect(row.credentials).toEqual(hints);
    for (const secret of Object.values(body.credentials)) {
      expect(JSON.stringify(made)).not.toContain(secret);
      expect(JSON.stringify(listed.body)).not.toContain(secret);
    }
  });

  it("stores the credentials sealed: the column holds no plaintext and opens, for this inbox only, to what was sent", async () => {
    const made = await create(WHATSAPP);
    const row = (await sealedRow(made.id))!;
    expect(row.credentials).toMatch(/^v1\./);
    for (const secret of Object.values(WHATSAPP.credentials)) expect(row.credentials).not.toContain(secret);
    expect(await openCredentials(env, made.id, row.credentials)).toEqual(WHATSAPP.credentials);
    // The inbox id is bound in: the same blob does not open as another inbox's.
    expect(await openCredentials(env, crypto.randomUUID(), row.credentials)).toBeNull();
  });

  it("shows no last 4 characters of a short secret, so a short one is never shown whole", async () => {
    const made = await create({ ...MESSENGER, credentials: { ...MESSENGER.credentials, verifyToken: "short-tok" } });
    expect(made.credentials.verifyToken).toEqual({ set: true, last4: null });
  });

  it("gives a web chat inbox no credentials and no webhook URL", async () => {
    const made = await webchatInbox(boss, "Site");
    const listed = (await call("/api/v1/inboxes", { client: boss })).body.inboxes.find((i: { id: string }) => i.id === made.id);
    expect(listed).toMatchObject({ kind: "webchat", credentials: {}, webhookUrl: null });
    expect(listed.publicKey).toMatch(/^pk_/);
  });

  it("refuses a provider inbox without its credentials, or with another kind's, and stores nothing", async () => {
    const before = await storedRows();
    const { credentials: _, ...bare } = WHATSAPP;
    expectApiError(await call("/api/v1/inboxes", { method: "POST", json: bare, client: boss }), 400, "validation_failed");
    const wrong = await call("/api/v1/inboxes", { method: "POST", json: { ...WHATSAPP, credentials: MESSENGER.credentials }, client: boss });
    expectApiError(wrong, 400, "validation_failed");
    expect(JSON.stringify(wrong.body)).not.toContain(MESSENGER.credentials.pageAccessToken);
    expect(wrong.body.error.issues.map((i: { path: string[] }) => i.path[0])).toContain("credentials");
    expect(await storedRows()).toEqual(before);
  });

  it("refuses to save credentials without CREDENTIALS_KEY (503 credentials_unavailable) and writes nothing", async () => {
    const before = await storedRows();
    for (const key of [undefined, "", "too-short-to-be-a-key"]) {
      const res = await callWithEnv({ CREDENTIALS_KEY: key }, "/api/v1/inboxes", { method: "POST", json: WHATSAPP, client: boss });
      expectApiError(res, 503, "credentials_unavailable");
      expect(res.body.error.message).toContain("CREDENTIALS_KEY");
    }
    expect(await storedRows()).toEqual(before);
    // A web chat inbox has nothing to seal: it is created as ever.
    const webchat = await callWithEnv({ CREDENTIALS_KEY: undefined }, "/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Keyless" }, client: boss });
    expect(webchat.status).toBe(201);
  });
});

describe("updating a channel inbox", () => {
  it("replaces one secret and keeps the others", async () => {
    const made = await create(WHATSAPP);
    const res = await call(`/api/v1/inboxes/${made.id}`, { method: "PATCH", json: { credentials: { accessToken: "EAAG-rotated-token-Nw55" } }, client: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.credentials).toEqual({ appSecret: { set: true, last4: "9a7b" }, accessToken: { set: true, last4: "Nw55" }, verifyToken: { set: true, last4: "k3y9" } });
    expect(JSON.stringify(res.body)).not.toContain("EAAG-rotated-token-Nw55");
    expect(await openCredentials(env, made.id, (await sealedRow(made.id))!.credentials)).toEqual({ ...WHATSAPP.credentials, accessToken: "EAAG-rotated-token-Nw55" });
  });

  it("keeps the credentials as they were when only the name or settings change", async () => {
    const made = await create(MESSENGER);
    const sealed = (await sealedRow(made.id))!.credentials;
    const settings = { ...MESSENGER.settings, humanAgentTag: true, reopenWindowHours: 48 };
    const res = await call(`/api/v1/inboxes/${made.id}`, { method: "PATCH", json: { name: "Loja no Messenger", settings, credentials: {} }, client: boss });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: "Loja no Messenger", settings: { humanAgentTag: true, reopenWindowHours: 48, keepUnsentText: false } });
    expect((await sealedRow(made.id))!.credentials).toBe(sealed);
  });

  it("refuses settings of another kind, a bad secret, or an unknown credential (400 at the field) and changes nothing", async () => {
    const made = await create(INSTAGRAM);
    const before = await sealedRow(made.id);
    const cases = [
      { json: { settings: { color: "#123456" } }, at: ["settings"] },
      { json: { settings: WHATSAPP.settings }, at: ["settings"] },
      { json: { settings: { ...INSTAGRAM.settings, instagramAccountId: undefined } }, at: ["settings", "instagramAccountId"] },
      { json: { credentials: { pageAccessToken: "   " } }, at: ["credentials", "pageAccessToken"] },
      { json: { credentials: { accessToken: "EAAG-whatsapp-style" } }, at: ["credentials"] },
    ];
    for (const c of cases) {
      const res = await call(`/api/v1/inboxes/${made.id}`, { method: "PATCH", json: c.json, client: boss });
      expectApiError(res, 400, "validation_failed");
      const paths = res.body.error.issues.map((i: { path: string[] }) => JSON.stringify(i.path.slice(0, c.at.length)));
      expect(paths, JSON.stringify(c.json)).toContain(JSON.stringify(c.at));
    }
    const listed = (await call("/api/v1/inboxes", { client: boss })).body.inboxes.find((i: { id: string }) => i.id === made.id);
    expect(listed.settings).toMatchObject(INSTAGRAM.settings);
    expect(await sealedRow(made.id)).toEqual(before);
  });

  it("asks for every credential again when the saved ones cannot be opened (409, naming the missing ones)", async () => {
    const made = await create(WHATSAPP);
    // As after CREDENTIALS_KEY was replaced: a blob this key cannot open.
    const otherKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    const foreign = await sealCredentials({ CREDENTIALS_KEY: otherKey }, made.id, WHATSAPP.credentials);
    await env.DB.prepare("UPDATE inboxes SET credentials = ? WHERE id = ?").bind(foreign, made.id).run();
    const partial = await call(`/api/v1/inboxes/${made.id}`, { method: "PATCH", json: { credentials: { accessToken: "EAAG-new-token-after-key" } }, client: boss });
    expectApiError(partial, 409, "conflict");
    expect(partial.body.error.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(["credentials.appSecret", "credentials.verifyToken"]);
    expect((await sealedRow(made.id))!.credentials).toBe(foreign);

    const all = { ...WHATSAPP.credentials, accessToken: "EAAG-new-token-after-key" };
    expect((await call(`/api/v1/inboxes/${made.id}`, { method: "PATCH", json: { credentials: all }, client: boss })).status).toBe(200);
    expect(await openCredentials(env, made.id, (await sealedRow(made.id))!.credentials)).toEqual(all);
  });

  it("refuses to replace a secret without CREDENTIALS_KEY (503) and leaves the saved ones", async () => {
    const made = await create(MESSENGER);
    const before = await sealedRow(made.id);
    const res = await callWithEnv({ CREDENTIALS_KEY: undefined }, `/api/v1/inboxes/${made.id}`, { method: "PATCH", json: { name: "Renamed too", credentials: { pageAccessToken: "EAAB-new-page-token" } }, client: boss });
    expectApiError(res, 503, "credentials_unavailable");
    expect(await sealedRow(made.id)).toEqual(before);
    expect((await call("/api/v1/inboxes", { client: boss })).body.inboxes.find((i: { id: string }) => i.id === made.id).name).toBe(MESSENGER.name);
  });

  it("answers an empty PATCH with the inbox as it is", async () => {
    const made = await create(WHATSAPP);
    const before = await sealedRow(made.id);
    const res = await call(`/api/v1/inboxes/${made.id}`, { method: "PATCH", json: {}, client: boss });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(made);
    expect(await sealedRow(made.id)).toEqual(before);
  });

  it("keeps identity secrets to web chat inboxes", async () => {
    const made = await create(WHATSAPP);
    expectApiError(await call(`/api/v1/inboxes/${made.id}/identity-secret`, { method: "POST", client: boss }), 400, "bad_request");
  });
});

describe("who may manage channel inboxes", () => {
  it("lets owners and admins create and update; refuses agents (403) and anonymous callers (401), writing nothing", async () => {
    const byAdmin = await create(MESSENGER, admin);
    const before = await storedRows();
    expectApiError(await call("/api/v1/inboxes", { method: "POST", json: WHATSAPP, client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/inboxes", { method: "POST", json: WHATSAPP }), 401, "unauthenticated");
    const patch = { credentials: { appSecret: "stolen-app-secret-000" } };
    expectApiError(await call(`/api/v1/inboxes/${byAdmin.id}`, { method: "PATCH", json: patch, client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/inboxes/${byAdmin.id}`, { method: "PATCH", json: patch }), 401, "unauthenticated");
    expect(await storedRows()).toEqual(before);
    expect(await openCredentials(env, byAdmin.id, (await sealedRow(byAdmin.id))!.credentials)).toEqual(MESSENGER.credentials);
  });

  it("lets admins test a connection (agents 403, anonymous 401) and any agent list templates (anonymous 401)", async () => {
    const made = await create(MESSENGER);
    expectApiError(await call(`/api/v1/inboxes/${made.id}/test-connection`, { method: "POST", client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/inboxes/${made.id}/test-connection`, { method: "POST" }), 401, "unauthenticated");
    expectApiError(await call(`/api/v1/inboxes/${made.id}/templates`), 401, "unauthenticated");
    // Messenger has no templates: an empty list, for any agent.
    expect(await call(`/api/v1/inboxes/${made.id}/templates`, { client: agent })).toMatchObject({ status: 200, body: { templates: [] } });
  });
});

describe("test connection and templates of kinds without a provider", () => {
  it("answers a web chat inbox's test connection with 400 and its templates with an empty list", async () => {
    const site = await webchatInbox(boss, "No provider");
    const res = await call(`/api/v1/inboxes/${site.id}/test-connection`, { method: "POST", client: boss });
    expectApiError(res, 400, "bad_request");
    expect(res.body.error.message).toContain("web chat");
    expect(await call(`/api/v1/inboxes/${site.id}/templates`, { client: boss })).toMatchObject({ status: 200, body: { templates: [] } });
  });
});
