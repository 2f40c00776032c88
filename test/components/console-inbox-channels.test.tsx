/**
 * Settings → Inboxes for provider channels, rendered against a fake API at the fetch
 * boundary: an admin creates a WhatsApp inbox (the body the API gets, the verify token
 * generated and then shown once with the callback URL), sees a saved inbox's credential
 * hints but never a secret in a field, replaces one secret, tests the connection, and
 * sees what went wrong beside the field or for the form.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Inbox, Me } from "../../worker/protocol";
import { CHANNEL_STRINGS } from "../../console/settings/channel-strings";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { PROFILE } from "./console-fixtures";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const WEBHOOKS = "http://widget.test/webhooks";
const vendas: Inbox = {
  id: "wa1",
  kind: "whatsapp",
  name: "Vendas",
  teamId: null,
  priority: 50,
  settings: { phoneNumberId: "106540352242922", businessAccountId: null, displayPhone: "+55 11 4000-1234", reopenWindowHours: 24 },
  publicKey: null,
  hasIdentitySecret: false,
  credentials: { appSecret: { set: true, last4: "9a7b" }, accessToken: { set: true, last4: "Zx81" }, verifyToken: { set: true, last4: "k3y9" } },
  webhookUrl: `${WEBHOOKS}/whatsapp/wa1`,
  createdAt: 1,
};

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

type Answer = { status?: number; body: unknown };

/** The inbox API as the Worker answers it, with hints computed from what was sent. */
function fakeServer(options: { test?: Answer; create?: Answer; update?: Answer } = {}) {
  const inboxes: Inbox[] = [{ ...vendas }];
  const hints = (creds: Record<string, string>) => Object.fromEntries(Object.entries(creds).map(([k, v]) => [k, { set: true, last4: v.length >= 12 ? v.slice(-4) : null }]));
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname === "/api/v1/inboxes" && method === "GET") return { body: { inboxes } };
      if (url.pathname === "/api/v1/inboxes" && method === "POST") {
        if (options.create) return options.create;
        const b = body as { kind: Inbox["kind"]; name: string; settings: Record<string, unknown>; credentials: Record<string, string> };
        const made: Inbox = { ...vendas, id: "new1", kind: b.kind, name: b.name, settings: b.settings, credentials: hints(b.credentials), webhookUrl: `${WEBHOOKS}/${b.kind === "whatsapp" ? "whatsapp" : "meta"}/new1` };
        inboxes.push(made);
        return { status: 201, body: made };
      }
      const patch = /^\/api\/v1\/inboxes\/([^/]+)$/.exec(url.pathname);
      if (patch && method === "PATCH") {
        if (options.update) return options.update;
        const i = inboxes.findIndex((x) => x.id === patch[1]);
        const b = body as { name?: string; settings?: Record<string, unknown>; credentials?: Record<string, string> };
        inboxes[i] = { ...inboxes[i]!, ...(b.name ? { name: b.name } : {}), ...(b.settings ? { settings: b.settings } : {}), credentials: { ...inboxes[i]!.credentials, ...hints(b.credentials ?? {}) } };
        return { body: inboxes[i] };
      }
      if (/\/test-connection$/.test(url.pathname) && method === "POST") return options.test ?? { body: { ok: true, status: 200, detail: "Loja Oficial (+55 11 4000-1234)" } };
      if (url.pathname === "/api/v1/teams") return { body: { teams: [] } };
      return undefined;
    },
  ]);
  return { inboxes, calls };
}

async function open() {
  const view = await mount(<Settings me={admin} initialTab="inboxes" />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

async function openVendas(root: HTMLElement) {
  await click(root.querySelector('[aria-label="Configure Vendas"]'));
  return root.querySelector<HTMLFormElement>('form[aria-label="Channel settings of Vendas"]')!;
}

const secretFields = (root: ParentNode) => [...root.querySelectorAll<HTMLInputElement>('input[type="password"]')];

describe("creating a provider channel inbox", () => {
  it("offers every channel, and sends a WhatsApp inbox with its settings and all its credentials", async () => {
    const server = fakeServer();
    const root = await open();
    const choices = [...root.querySelectorAll<HTMLInputElement>('input[name="new-inbox-kind"]')].map((r) => r.value);
    expect(choices).toEqual(["webchat", "whatsapp", "messenger", "instagram", "telegram", "sms", "email", "api"]);
    await click(root.querySelector('input[name="new-inbox-kind"][value="whatsapp"]'));
    const form = root.querySelector<HTMLFormElement>('form[aria-label="New WhatsApp inbox"]')!;
    await type(labelled(form, "Name (agents see it)"), "Suporte WhatsApp");
    await type(labelled(form, "Phone number ID"), "106540352242999");
    await type(labelled(form, "WhatsApp Business Account ID"), "102290129340398");
    await type(labelled(form, "App secret"), "wa-app-secret-new-1234");
    await type(labelled(form, "Access token (system user)"), "EAAG-new-access-token-5678");
    await click(form.querySelector('[aria-label="Generate a random verify token"]'));
    const token = labelled(form, "Verify token").value;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await click(byText(form, "Add WhatsApp inbox", "button"));
    await settle();

    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({
      kind: "whatsapp",
      name: "Suporte WhatsApp",
      settings: { phoneNumberId: "106540352242999", businessAccountId: "102290129340398", displayPhone: null, reopenWindowHours: 24 },
      credentials: { appSecret: "wa-app-secret-new-1234", accessToken: "EAAG-new-access-token-5678", verifyToken: token },
    });
    // Its editor opens with what to paste at Meta: the callback URL, and the verify token once.
    const editor = root.querySelector("#inbox-editor-new1")!;
    expect(editor.querySelector<HTMLTextAreaElement>(".callback-url textarea")!.value).toBe(`${WEBHOOKS}/whatsapp/new1`);
    expect(editor.querySelector<HTMLTextAreaElement>(".secret-once textarea")!.value).toBe(token);
    expect(root.querySelector(".settings-status")?.textContent).toContain("Inbox “Suporte WhatsApp” created.");
    // The new inbox's form holds no secret: the fields are empty, the hints are placeholders.
    for (const field of secretFields(editor)) expect(field.value).toBe("");
    expect(labelled(editor as HTMLElement, "App secret").placeholder).toBe("•••• 1234 (saved)");
    // Closed and opened again, the verify token is not shown any more.
    await click(root.querySelector('[aria-label="Configure Suporte WhatsApp"]'));
    await click(root.querySelector('[aria-label="Configure Suporte WhatsApp"]'));
    expect(root.querySelector("#inbox-editor-new1 .secret-once")).toBeNull();
    expect(root.querySelector("#inbox-editor-new1")?.textContent).toContain(`A verify token is saved (ends in ${token.slice(-4)}).`);
  });

  it("sends a Messenger inbox with its page, app id and options", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('input[name="new-inbox-kind"][value="messenger"]'));
    const form = root.querySelector<HTMLFormElement>('form[aria-label="New Messenger inbox"]')!;
    expect(form.querySelector('[name="instagramAccountId"]')).toBeNull();
    await type(labelled(form, "Name (agents see it)"), "Página");
    await type(labelled(form, "Facebook Page ID"), "112233445566");
    await type(labelled(form, "Meta app ID"), "998877665544");
    await type(labelled(form, "Reopen window (hours)"), "72");
    await click(form.querySelector('input[name="humanAgentTag"]'));
    await type(labelled(form, "App secret"), "fb-app-secret-0a9b8c7d6e");
    await type(labelled(form, "Page access token"), "EAAB-page-token-Qw42");
    await type(labelled(form, "Verify token"), "my own verify token");
    await click(byText(form, "Add Messenger inbox", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({
      kind: "messenger",
      name: "Página",
      settings: { pageId: "112233445566", appId: "998877665544", reopenWindowHours: 72, humanAgentTag: true, keepUnsentText: false },
      credentials: { appSecret: "fb-app-secret-0a9b8c7d6e", pageAccessToken: "EAAB-page-token-Qw42", verifyToken: "my own verify token" },
    });
  });

  it("refuses a form with a missing credential or an id that is not numeric, beside each field, without a request", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('input[name="new-inbox-kind"][value="instagram"]'));
    const form = root.querySelector<HTMLFormElement>('form[aria-label="New Instagram inbox"]')!;
    await type(labelled(form, "Name (agents see it)"), "Insta");
    await type(labelled(form, "Facebook Page ID"), "page-name");
    await type(labelled(form, "Meta app ID"), "998877665544");
    await type(labelled(form, "App secret"), "ig-app-secret-1b2c3d4e5f");
    await click(byText(form, "Add Instagram inbox", "button"));
    await settle();
    expect(server.calls.some((c) => c.method === "POST")).toBe(false);
    const errorOf = (label: string) => {
      const field = labelled(form, label);
      expect(field.getAttribute("aria-invalid"), label).toBe("true");
      return field.getAttribute("aria-describedby")!.split(" ").map((id) => form.querySelector(`[id="${id}"]`)?.textContent).join(" ");
    };
    expect(errorOf("Facebook Page ID")).toContain("Meta's id: digits only.");
    expect(errorOf("Instagram account ID")).toContain("Required.");
    expect(errorOf("Page access token")).toContain("Required.");
    expect(errorOf("Verify token")).toContain("Required.");
    expect(labelled(form, "App secret").getAttribute("aria-invalid")).toBe("false");
  });

  it("shows the server's refusal: a field's issue beside it, no key on the server for the form", async () => {
    fakeServer({ create: { status: 400, body: { error: { code: "validation_failed", message: "The body is not valid.", issues: [{ path: ["settings", "phoneNumberId"], message: "a numeric id from Meta" }] } } } });
    const root = await open();
    await click(root.querySelector('input[name="new-inbox-kind"][value="whatsapp"]'));
    const form = root.querySelector<HTMLFormElement>('form[aria-label="New WhatsApp inbox"]')!;
    await type(labelled(form, "Name (agents see it)"), "WA");
    await type(labelled(form, "Phone number ID"), "1065");
    for (const [label, value] of [["App secret", "a-secret-0000000000"], ["Access token (system user)", "a-token-0000000000"], ["Verify token", "verify-000000000"]]) await type(labelled(form, label!), value!);
    await click(byText(form, "Add WhatsApp inbox", "button"));
    await settle();
    expect(labelled(form, "Phone number ID").getAttribute("aria-invalid")).toBe("true");
    expect(form.textContent).toContain("a numeric id from Meta");
    expect(form.querySelector('[role="alert"]')?.textContent).toBe("Please fix the highlighted fields.");
  });

  it("says why when the server cannot save credentials (no CREDENTIALS_KEY)", async () => {
    const message = "Channel credentials cannot be saved: the server has no CREDENTIALS_KEY.";
    fakeServer({ create: { status: 503, body: { error: { code: "credentials_unavailable", message } } } });
    const root = await open();
    await click(root.querySelector('input[name="new-inbox-kind"][value="whatsapp"]'));
    const form = root.querySelector<HTMLFormElement>('form[aria-label="New WhatsApp inbox"]')!;
    await type(labelled(form, "Name (agents see it)"), "WA");
    await type(labelled(form, "Phone number ID"), "106540352242922");
    for (const [label, value] of [["App secret", "a-secret-0000000000"], ["Access token (system user)", "a-token-0000000000"], ["Verify token", "verify-000000000"]]) await type(labelled(form, label!), value!);
    await click(byText(form, "Add WhatsApp inbox", "button"));
    await settle();
    expect(form.querySelector('[role="alert"]')?.textContent).toContain(message);
    // What was typed stays, so the admin need not type it again once the key is set.
    expect(labelled(form, "App secret").value).toBe("a-secret-0000000000");
  });
});

describe("a saved provider channel inbox", () => {
  it("shows each credential's hint, never a secret, and the callback URL; sends only the secret that was replaced", async () => {
    const server = fakeServer();
    const root = await open();
    expect(root.querySelector<HTMLTextAreaElement>(".callback-url textarea")!.value).toBe(`${WEBHOOKS}/whatsapp/wa1`);
    const form = await openVendas(root);
    expect(secretFields(form).map((f) => [f.name, f.value, f.placeholder])).toEqual([
      ["appSecret", "", "•••• 9a7b (saved)"],
      ["accessToken", "", "•••• Zx81 (saved)"],
      ["verifyToken", "", "•••• k3y9 (saved)"],
    ]);
    expect(labelled(form, "Phone number ID").value).toBe("106540352242922");
    expect(root.textContent).toContain("A verify token is saved (ends in k3y9).");

    await type(labelled(form, "Access token (system user)"), "EAAG-rotated-token-Nw55");
    await click(byText(form, "Save channel settings", "button"));
    await settle();
    const sent = server.calls.find((c) => c.method === "PATCH")!.body as Record<string, unknown>;
    expect(sent.credentials).toEqual({ accessToken: "EAAG-rotated-token-Nw55" });
    expect(sent.settings).toEqual({ phoneNumberId: "106540352242922", businessAccountId: null, displayPhone: "+55 11 4000-1234", reopenWindowHours: 24 });
    // Saved: the field empties again and shows the new hint.
    expect(labelled(form, "Access token (system user)").value).toBe("");
    expect(labelled(form, "Access token (system user)").placeholder).toBe("•••• Nw55 (saved)");

    await type(labelled(form, "Phone number as customers see it"), "+55 11 4000-9999");
    await click(byText(form, "Save channel settings", "button"));
    await settle();
    const second = server.calls.filter((c) => c.method === "PATCH")[1]!.body as Record<string, unknown>;
    expect(second).not.toHaveProperty("credentials");
  });

  it("tests the connection and shows the provider's answer, good or bad", async () => {
    fakeServer();
    const root = await open();
    await openVendas(root);
    await click(byText(root, "Test connection", "button"));
    await settle();
    expect(root.querySelector(".connection-result")?.textContent).toBe("Connected: Loja Oficial (+55 11 4000-1234)");
    expect(root.querySelector(".connection-result")?.getAttribute("role")).toBe("status");
  });

  it.each([
    [{ body: { ok: false, status: 401, detail: "Invalid OAuth access token." } }, "The provider answered 401: Invalid OAuth access token."],
    [{ body: { ok: false, status: 0, detail: "The provider could not be reached." } }, "Could not reach the provider: The provider could not be reached."],
    [{ status: 409, body: { error: { code: "conflict", message: "This inbox has no usable credentials." } } }, "The test could not run: This inbox has no usable credentials."],
  ])("shows a failed test as what went wrong (%#)", async (answer, shown) => {
    fakeServer({ test: answer });
    const root = await open();
    await openVendas(root);
    await click(byText(root, "Test connection", "button"));
    await settle();
    const result = root.querySelector(".connection-result")!;
    expect(result.textContent).toBe(shown);
    expect(result.classList.contains("connection-failed")).toBe(true);
  });
});

describe("channel setup strings", () => {
  function leaves(table: unknown, path = ""): [string, string][] {
    if (typeof table === "string") return [[path, table]];
    if (typeof table === "function") return [[path, String((table as (...a: unknown[]) => unknown)("X", 1))]];
    return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }

  it("has every string in en, pt-BR and es, none empty, each translated", () => {
    const en = leaves(CHANNEL_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(CHANNEL_STRINGS[locale]);
      expect(other.map(([p]) => p)).toEqual(en.map(([p]) => p));
      for (const [p, text] of other) expect(text.trim(), `${locale} ${p}`).not.toBe("");
      // Product and permission names (WhatsApp, pages_messaging…) stay as Meta spells them.
      const same = en.filter(([, text], i) => other[i]![1] === text);
      expect(same.map(([p]) => p), locale).toEqual([]);
    }
  });
});
