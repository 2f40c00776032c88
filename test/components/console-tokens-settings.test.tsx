/**
 * Settings → API tokens against a fake API at the fetch boundary: create with name,
 * scopes, inboxes and expiry (the exact body sent), the secret shown once with Copy, the
 * list with last use and state, revoke after a confirmation, a refused form sending
 * nothing, names rendered as text. And the string table complete in pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { ApiToken, Inbox, Me } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { TOKEN_STRINGS } from "../../console/settings/token-strings";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";

const adminMe: Me = { agent: { id: "a1", name: "Ana", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const SECRET = `sb_live_${"k".repeat(43)}`;

const inbox = (id: string, name: string) => ({ id, name, kind: "webchat", teamId: null, priority: 0, settings: {}, publicKey: `pk-${id}`, hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 1 }) as unknown as Inbox;

function seed(): ApiToken[] {
  return [
    { id: "t1", name: "Order bot", scopes: ["messages:write"], inboxIds: ["i1"], prefix: "sb_live_AbCd", expiresAt: null, createdAt: 2, createdBy: "a1", lastUsedAt: null, revokedAt: null },
    { id: "t2", name: "<img src=x onerror=alert(1)>", scopes: ["conversations:read"], inboxIds: null, prefix: "sb_live_ZzZz", expiresAt: null, createdAt: 1, createdBy: "a1", lastUsedAt: Date.UTC(2026, 10, 1), revokedAt: Date.UTC(2026, 10, 2) },
  ];
}

function fakeServer(tokens: ApiToken[]) {
  return installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (method === "GET" && p === "/api/v1/inboxes") return { body: { inboxes: [inbox("i1", "Website"), inbox("i2", "WhatsApp")] } };
      if (method === "GET" && p === "/api/v1/tokens") return { body: { tokens } };
      if (method === "POST" && p === "/api/v1/tokens") {
        const b = body as { name: string; scopes: ApiToken["scopes"]; inboxIds?: string[]; expiresAt?: number };
        const token: ApiToken = { id: "t3", name: b.name, scopes: b.scopes, inboxIds: b.inboxIds ?? null, prefix: SECRET.slice(0, 12), expiresAt: b.expiresAt ?? null, createdAt: 3, createdBy: "a1", lastUsedAt: null, revokedAt: null };
        tokens.unshift(token);
        return { status: 201, body: { token, secret: SECRET } };
      }
      const m = /^\/api\/v1\/tokens\/([^/]+)$/.exec(p);
      if (method === "DELETE" && m) {
        const token = tokens.find((x) => x.id === m[1])!;
        token.revokedAt = Date.now();
        return { body: token };
      }
      return undefined;
    },
  ]);
}

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

async function open() {
  const view = await mount(<Settings me={adminMe} initialTab="tokens" />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

const button = (root: ParentNode, name: string) => [...root.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent?.trim()) === name) ?? null;
const check = async (root: ParentNode, text: string) => click(labelled(root, text));

describe("Settings → API tokens", () => {
  it("lists tokens with prefix, scopes, reach, last use and state; names as text", async () => {
    fakeServer(seed());
    const root = await open();
    const rows = [...root.querySelectorAll(".settings-row")];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("Order bot");
    expect(rows[0]!.textContent).toContain("sb_live_AbCd…");
    expect(rows[0]!.textContent).toContain("Send messages");
    expect(rows[0]!.textContent).toContain("Website");
    expect(rows[0]!.textContent).toContain("Last used: never");
    expect(rows[1]!.textContent).toContain("all inboxes");
    expect(rows[1]!.textContent).toContain("Revoked");
    expect(rows[1]!.querySelector("img")).toBeNull();
    expect(rows[1]!.textContent).toContain("<img src=x onerror=alert(1)>");
    // A revoked token offers no Revoke.
    expect(button(root, "Revoke <img src=x onerror=alert(1)>")).toBeNull();
  });

  it("creates a token limited to an inbox with an expiry, sends exactly that body, and shows the secret once to copy", async () => {
    const calls = fakeServer(seed());
    const root = await open();
    await type(labelled(root, "Name"), "Billing bot");
    await check(root, "Send messages");
    await check(root, "Read conversations");
    await check(root, "All inboxes");
    await check(root, "WhatsApp");
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await type(labelled(root, "Expires on"), day);
    await click(button(root, "Create token"));
    await settle();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.body).toEqual({ name: "Billing bot", scopes: ["messages:write", "conversations:read"], inboxIds: ["i2"], expiresAt: new Date(`${day}T23:59:59`).getTime() });
    const secret = labelled<HTMLTextAreaElement>(root, "Secret of Billing bot");
    expect(secret.value).toBe(SECRET);
    expect(byText(root, "Copy it now: it is not shown again. Store it where your integration keeps secrets.")).not.toBeNull();
    expect(root.querySelectorAll(".settings-row")[0]!.textContent).toContain("Billing bot");
    // The list never shows the secret, only its prefix.
    expect([...root.querySelectorAll(".settings-row")].map((r) => r.textContent).join()).not.toContain(SECRET);
  });

  it("sends nothing without a name or a scope, or with an expiry in the past, and says why", async () => {
    const calls = fakeServer(seed());
    const root = await open();
    await click(button(root, "Create token"));
    await settle();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(byText(root, "Give the token a name (up to 80 characters).")).not.toBeNull();
    expect(byText(root, "Choose at least one scope.")).not.toBeNull();
    await type(labelled(root, "Name"), "Late bot");
    await check(root, "Read conversations");
    await type(labelled(root, "Expires on"), "2020-01-01");
    await click(button(root, "Create token"));
    await settle();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(byText(root, "Choose a date in the future, at most 2 years ahead.")).not.toBeNull();
  });

  it("with the admin scope sends no inbox limit and says it covers every inbox", async () => {
    const calls = fakeServer(seed());
    const root = await open();
    await type(labelled(root, "Name"), "Ops script");
    await check(root, "All inboxes");
    await check(root, "Admin (settings)");
    expect(byText(root, "A token with the Admin scope always covers every inbox.")).not.toBeNull();
    await click(button(root, "Create token"));
    await settle();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ name: "Ops script", scopes: ["admin"] });
  });

  it("revokes after a confirmation in place, and then shows Revoked", async () => {
    const calls = fakeServer(seed());
    const root = await open();
    await click(button(root, "Revoke Order bot"));
    expect(calls.filter((c) => c.method === "DELETE")).toHaveLength(0);
    const group = root.querySelector('[role="group"][aria-label="Revoke Order bot"]')!;
    await click(button(group, "Revoke"));
    await settle();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/tokens/t1"]);
    expect(root.querySelectorAll(".settings-row")[0]!.textContent).toContain("Revoked");
  });
});

describe("token strings", () => {
  it("has every key in pt-BR and es, none left in English", () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(TOKEN_STRINGS["pt-BR"])).toEqual(keys(TOKEN_STRINGS.en));
    expect(keys(TOKEN_STRINGS.es)).toEqual(keys(TOKEN_STRINGS.en));
    for (const locale of ["pt-BR", "es"] as const) {
      for (const [key, value] of Object.entries(TOKEN_STRINGS[locale])) {
        if (typeof value === "string" && key !== "lastUsed") expect(value, `${locale}.${key}`).not.toBe((TOKEN_STRINGS.en as Record<string, unknown>)[key]);
      }
      expect(keys(TOKEN_STRINGS[locale].scopeNames)).toEqual(keys(TOKEN_STRINGS.en.scopeNames));
    }
  });
});
