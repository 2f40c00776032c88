/**
 * Settings → Inboxes for Telegram and Twilio, rendered against a fake API at the fetch
 * boundary: the bodies each form sends, secrets never shown back (fields empty, hints as
 * placeholders, never in the page), Telegram's refusal of a bot token (422
 * provider_refused) shown in the provider's words with nothing created, Twilio's "number
 * or Messaging Service" rule, its public base URL override in the URL to paste, what to
 * do at each provider, and the connection test's answer; and the new words in en, pt-BR
 * and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Inbox, Me } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { TWILIO_TELEGRAM_STRINGS } from "../../console/settings/twilio-telegram-strings";
import { resetDirectory } from "../../console/shared/use-directory";
import { PROFILE } from "./console-fixtures";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const ORIGIN = "http://widget.test";
const BOT_TOKEN = "7123456789:AAHk-secret-bot-token-Tg42";
const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
// Values valid under the agreed shapes, so the form's own check passes them once the
// protocol lists these kinds (an auth token is 32 hex characters at Twilio).
const AUTH_TOKEN = "0a1b2c3d4e5f60718293a4b5c6d79f8e";
const SERVICE_SID = `MG${"fedcba9876543210".repeat(2)}`;

const base = { teamId: null, priority: 50, publicKey: null, hasIdentitySecret: false, createdAt: 1 };
const botInbox: Inbox = {
  ...base,
  id: "tg1",
  kind: "telegram",
  name: "Bot da Loja",
  settings: { reopenWindowHours: 24 },
  // The generated webhook secret has a hint too; the form must not offer it as a field.
  credentials: { botToken: { set: true, last4: "Zq81" }, webhookSecret: { set: true, last4: "w9_x" } },
  webhookUrl: `${ORIGIN}/webhooks/telegram/tg1`,
};
const smsInbox: Inbox = {
  ...base,
  id: "tw1",
  kind: "sms",
  name: "SMS Loja",
  settings: { medium: "sms", from: "+5511912345678", messagingServiceSid: "", publicBaseUrl: "", reopenWindowHours: 24 },
  credentials: { accountSid: { set: true, last4: "cdef" }, authToken: { set: true, last4: "9f8e" } },
  webhookUrl: `${ORIGIN}/webhooks/twilio/tw1`,
};

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

type Answer = { status?: number; body: unknown };

/** The inbox API as the Worker answers it, with hints computed from what was sent. */
function fakeServer(options: { create?: Answer; update?: Answer; test?: Answer } = {}) {
  const inboxes: Inbox[] = [{ ...botInbox }, { ...smsInbox }];
  const hints = (creds: Record<string, string>) => Object.fromEntries(Object.entries(creds).map(([k, v]) => [k, { set: true, last4: v.slice(-4) }]));
  const paths = { telegram: "telegram", sms: "twilio" } as Record<string, string>;
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname === "/api/v1/inboxes" && method === "GET") return { body: { inboxes } };
      if (url.pathname === "/api/v1/inboxes" && method === "POST") {
        if (options.create) return options.create;
        const b = body as { kind: Inbox["kind"]; name: string; settings: Record<string, unknown>; credentials: Record<string, string> };
        const generated: Record<string, string> = b.kind === "telegram" ? { webhookSecret: "generated-secret-AbC1" } : {};
        const made: Inbox = { ...base, id: "new1", kind: b.kind, name: b.name, settings: b.settings, credentials: hints({ ...generated, ...b.credentials }), webhookUrl: `${ORIGIN}/webhooks/${paths[b.kind]}/new1` };
        inboxes.push(made);
        return { status: 201, body: made };
      }
      const patch = /^\/api\/v1\/inboxes\/([^/]+)$/.exec(url.pathname);
      if (patch && method === "PATCH") {
        if (options.update) return options.update;
        const i = inboxes.findIndex((x) => x.id === patch[1]);
        const b = body as { name?: string; settings?: Record<string, unknown>; credentials?: Record<string, string> };
        inboxes[i] = { ...inboxes[i]!, ...(b.settings ? { settings: b.settings } : {}), credentials: { ...inboxes[i]!.credentials, ...hints(b.credentials ?? {}) } };
        return { body: inboxes[i] };
      }
      if (/\/test-connection$/.test(url.pathname) && method === "POST") return options.test ?? { body: { ok: true, status: 200, detail: "@loja_bot: webhook set, 0 pending updates, no delivery error" } };
      if (url.pathname === "/api/v1/teams") return { body: { teams: [] } };
      return undefined;
    },
  ]);
  return { inboxes, calls, posts: () => calls.filter((c) => c.method === "POST" && c.path === "/api/v1/inboxes") };
}

async function open() {
  const view = await mount(<Settings me={admin} initialTab="inboxes" />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

async function newForm(root: HTMLElement, kind: "telegram" | "sms", label: string) {
  await click(root.querySelector(`input[name="new-inbox-kind"][value="${kind}"]`));
  return root.querySelector<HTMLFormElement>(`form[aria-label="${label}"]`)!;
}

async function openSaved(root: HTMLElement, name: string) {
  await click(root.querySelector(`[aria-label="Configure ${name}"]`));
  return root.querySelector<HTMLFormElement>(`form[aria-label="Channel settings of ${name}"]`)!;
}

/** Field errors as a screen reader hears them: the control's aria-describedby texts. */
function errorOf(form: HTMLElement, label: string): string {
  const field = labelled(form, label);
  expect(field.getAttribute("aria-invalid"), label).toBe("true");
  return field.getAttribute("aria-describedby")!.split(" ").map((id) => form.querySelector(`[id="${id}"]`)?.textContent).join(" ");
}

const secretInputs = (root: ParentNode) => [...root.querySelectorAll<HTMLInputElement>('.secret-row input')];

it("names and draws Telegram and SMS among the new inbox's choices and on the inbox rows", async () => {
  fakeServer();
  const root = await open();
  for (const [kind, name, hint] of [
    ["telegram", "Telegram", "A Telegram bot (Bot API)."],
    ["sms", "SMS", "SMS and MMS, or WhatsApp, through a Twilio account."],
  ] as const) {
    const choice = root.querySelector(`input[name="new-inbox-kind"][value="${kind}"]`)!.closest("label")!;
    expect(choice.querySelector(`svg[data-channel="${kind}"]`)?.getAttribute("aria-label")).toBe(name);
    expect(choice.querySelector(".kind-name")?.textContent).toBe(name);
    expect(choice.textContent).toContain(hint);
  }
  const rows = [...root.querySelectorAll(".inbox-row")].map((row) => [row.querySelector("strong")?.textContent, row.querySelector(".channel-badge svg")?.getAttribute("data-channel")]);
  expect(rows).toEqual([
    ["Bot da Loja", "telegram"],
    ["SMS Loja", "sms"],
  ]);
});

describe("a new Telegram inbox", () => {
  it("sends the bot token and settings, then shows the webhook URL the server registered, never the token", async () => {
    const server = fakeServer();
    const root = await open();
    const form = await newForm(root, "telegram", "New Telegram inbox");
    // The bot token is the only credential: the webhook secret is the server's to make up.
    expect(secretInputs(form).map((i) => [i.name, i.type])).toEqual([["botToken", "password"]]);
    expect(form.querySelector('[aria-label="Generate a random verify token"]')).toBeNull();
    expect(labelled(form, "Reopen window (hours)").value).toBe("24");
    await type(labelled(form, "Name (agents see it)"), "Bot Suporte");
    await type(labelled(form, "Bot token"), BOT_TOKEN);
    await click(byText(form, "Add Telegram inbox", "button"));
    await settle();

    expect(server.posts().map((c) => c.body)).toEqual([{ kind: "telegram", name: "Bot Suporte", settings: { reopenWindowHours: 24 }, credentials: { botToken: BOT_TOKEN } }]);
    expect(root.querySelector(".settings-status")?.textContent).toBe("Inbox “Bot Suporte” created, and its webhook registered with Telegram. Test the connection to see Telegram's side.");
    const editor = root.querySelector<HTMLElement>("#inbox-editor-new1")!;
    expect(editor.querySelector("h3")?.textContent).toBe("At Telegram");
    expect(editor.textContent).toContain("Nothing to paste: this server registered the webhook below with Telegram when you saved");
    expect(labelled<HTMLTextAreaElement>(editor, "Webhook URL for Bot Suporte").value).toBe(`${ORIGIN}/webhooks/telegram/new1`);
    expect(labelled(editor, "Bot token").value).toBe("");
    expect(labelled(editor, "Bot token").placeholder).toBe("•••• Tg42 (saved)");
    expect(editor.querySelector('[name="webhookSecret"]')).toBeNull();
    // The token is nowhere in the page once saved.
    expect(root.innerHTML).not.toContain(BOT_TOKEN);
  });

  it("shows Telegram's refusal of the token in its own words, creates nothing, and keeps what was typed", async () => {
    const message = "The provider answered 401: Unauthorized Nothing was saved.";
    const server = fakeServer({ create: { status: 422, body: { error: { code: "provider_refused", message } } } });
    const root = await open();
    const form = await newForm(root, "telegram", "New Telegram inbox");
    await type(labelled(form, "Name (agents see it)"), "Bot");
    await type(labelled(form, "Bot token"), "123456:AAwrong-but-well-formed-token");
    await click(byText(form, "Add Telegram inbox", "button"));
    await settle();
    expect(server.posts()).toHaveLength(1);
    expect(form.querySelector('[role="alert"]')?.textContent).toBe(`Telegram refused these settings: ${message}`);
    expect(root.querySelector('[aria-label="Configure Bot"]')).toBeNull();
    expect(labelled(form, "Bot token").value).toBe("123456:AAwrong-but-well-formed-token");
  });

  it("asks for the bot token and a whole number of hours before any request", async () => {
    const server = fakeServer();
    const root = await open();
    const form = await newForm(root, "telegram", "New Telegram inbox");
    await type(labelled(form, "Name (agents see it)"), "Bot");
    await type(labelled(form, "Reopen window (hours)"), "1.5");
    await click(byText(form, "Add Telegram inbox", "button"));
    await settle();
    expect(server.posts()).toEqual([]);
    expect(errorOf(form, "Bot token")).toContain("Required.");
    expect(errorOf(form, "Reopen window (hours)")).toContain("A whole number of hours from 0 to");
  });
});

describe("a saved Telegram inbox", () => {
  it("shows the token's hint only, sends a replaced token alone, and shows a refusal of it", async () => {
    const server = fakeServer();
    const root = await open();
    const form = await openSaved(root, "Bot da Loja");
    expect(secretInputs(form).map((i) => [i.name, i.value, i.placeholder])).toEqual([["botToken", "", "•••• Zq81 (saved)"]]);
    await type(labelled(form, "Bot token"), "7000000000:AAnew-token-for-the-shop-Nw55");
    await click(byText(form, "Save channel settings", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")?.body).toEqual({ name: "Bot da Loja", settings: { reopenWindowHours: 24 }, credentials: { botToken: "7000000000:AAnew-token-for-the-shop-Nw55" } });
    expect(labelled(form, "Bot token").value).toBe("");
    expect(labelled(form, "Bot token").placeholder).toBe("•••• Nw55 (saved)");
  });

  it("shows a refused token change in Telegram's words", async () => {
    const message = "The provider answered 401: Unauthorized Nothing was saved.";
    fakeServer({ update: { status: 422, body: { error: { code: "provider_refused", message } } } });
    const root = await open();
    const form = await openSaved(root, "Bot da Loja");
    await type(labelled(form, "Bot token"), "7000000000:AAbad-token-telegram-refuses");
    await click(byText(form, "Save channel settings", "button"));
    await settle();
    expect(form.querySelector('[role="alert"]')?.textContent).toBe(`Telegram refused these settings: ${message}`);
  });

  it("tests the connection: Telegram's webhook info, pending updates and last error", async () => {
    const detail = "@loja_bot: 3 pending updates; last error 2 minutes ago: Wrong response from the webhook: 502 Bad Gateway";
    fakeServer({ test: { body: { ok: false, status: 200, detail } } });
    const root = await open();
    await openSaved(root, "Bot da Loja");
    const editor = root.querySelector<HTMLElement>("#inbox-editor-tg1")!;
    expect(editor.textContent).toContain("Asks Telegram for the webhook's state: updates waiting to be delivered and the last delivery error, if any.");
    await click(byText(editor, "Test connection", "button"));
    await settle();
    const result = editor.querySelector(".connection-result")!;
    expect(result.textContent).toBe(`The provider answered 200: ${detail}`);
    expect(result.classList.contains("connection-failed")).toBe(true);
  });
});

describe("a new Twilio inbox", () => {
  it("sends an SMS sender number with the account's credentials, and says where to paste the webhook URL", async () => {
    const server = fakeServer();
    const root = await open();
    const form = await newForm(root, "sms", "New SMS inbox");
    expect(labelled(form, "SMS and MMS").checked).toBe(true);
    // The Account SID is typed in the clear (it names the account) but is write-only all the same.
    expect(secretInputs(form).map((i) => [i.name, i.type])).toEqual([["accountSid", "text"], ["authToken", "password"]]);
    await type(labelled(form, "Name (agents see it)"), "SMS Vendas");
    await type(labelled(form, "Sender number"), "+5511987654321");
    await type(labelled(form, "Account SID"), ACCOUNT_SID);
    await type(labelled(form, "Auth token"), AUTH_TOKEN);
    await click(byText(form, "Add SMS inbox", "button"));
    await settle();

    expect(server.posts().map((c) => c.body)).toEqual([
      {
        kind: "sms",
        name: "SMS Vendas",
        settings: { medium: "sms", from: "+5511987654321", messagingServiceSid: "", reopenWindowHours: 24, publicBaseUrl: "" },
        credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
      },
    ]);
    expect(root.querySelector(".settings-status")?.textContent).toBe("Inbox “SMS Vendas” created. Paste its webhook URL at Twilio, then test the connection.");
    const editor = root.querySelector<HTMLElement>("#inbox-editor-new1")!;
    expect(editor.querySelector(".at-provider h3")?.textContent).toBe("At Twilio");
    expect(editor.querySelector(".at-twilio-where")?.textContent).toContain("Phone Numbers → Manage → Active numbers");
    expect(labelled<HTMLTextAreaElement>(editor, "Webhook URL for SMS Vendas").value).toBe(`${ORIGIN}/webhooks/twilio/new1`);
    expect(editor.textContent).toContain("every message sent from here carries its own status callback URL");
    for (const input of secretInputs(editor)) expect(input.value).toBe("");
    expect(root.innerHTML).not.toContain(AUTH_TOKEN);
    expect(root.innerHTML).not.toContain(ACCOUNT_SID);
  });

  it("sends WhatsApp through a Messaging Service behind a custom domain, and the URL to paste is on that domain", async () => {
    const server = fakeServer();
    const root = await open();
    const form = await newForm(root, "sms", "New SMS inbox");
    const advanced = form.querySelector<HTMLDetailsElement>("details.advanced-settings")!;
    expect(advanced.open).toBe(false);
    await click(labelled(form, "WhatsApp through Twilio"));
    await type(labelled(form, "Name (agents see it)"), "WhatsApp Twilio");
    await type(labelled(form, "Messaging Service SID"), SERVICE_SID);
    await type(labelled(form, "Public base URL"), "https://suporte.loja.com.br");
    await type(labelled(form, "Account SID"), ACCOUNT_SID);
    await type(labelled(form, "Auth token"), AUTH_TOKEN);
    await click(byText(form, "Add SMS inbox", "button"));
    await settle();
    expect((server.posts()[0]!.body as { settings: unknown }).settings).toEqual({
      medium: "whatsapp",
      from: "",
      messagingServiceSid: SERVICE_SID,
      reopenWindowHours: 24,
      publicBaseUrl: "https://suporte.loja.com.br",
    });
    const editor = root.querySelector<HTMLElement>("#inbox-editor-new1")!;
    expect(labelled<HTMLTextAreaElement>(editor, "Webhook URL for WhatsApp Twilio").value).toBe("https://suporte.loja.com.br/webhooks/twilio/new1");
    expect(editor.querySelector(".at-twilio-where")?.textContent).toContain("Messaging → Services → your service → Integration");
    // The saved override opens the advanced part, so it is not hidden from whoever edits next.
    expect(editor.querySelector<HTMLDetailsElement>("details.advanced-settings")!.open).toBe(true);
  });

  it.each([
    ["neither", "", "", "Enter a sender number or a Messaging Service SID."],
    ["both", "+5511987654321", SERVICE_SID, "Enter a sender number or a Messaging Service SID, not both."],
  ])("refuses %s a sender number and a Messaging Service, beside both fields, without a request", async (_, from, service, shown) => {
    const server = fakeServer();
    const root = await open();
    const form = await newForm(root, "sms", "New SMS inbox");
    await type(labelled(form, "Name (agents see it)"), "SMS");
    await type(labelled(form, "Sender number"), from);
    await type(labelled(form, "Messaging Service SID"), service);
    await type(labelled(form, "Account SID"), ACCOUNT_SID);
    await type(labelled(form, "Auth token"), AUTH_TOKEN);
    await click(byText(form, "Add SMS inbox", "button"));
    await settle();
    expect(server.posts()).toEqual([]);
    expect(errorOf(form, "Sender number")).toContain(shown);
    expect(errorOf(form, "Messaging Service SID")).toContain(shown);
    expect(labelled(form, "Account SID").getAttribute("aria-invalid")).toBe("false");
  });

  it("places the server's issues beside the Account SID and the sender number", async () => {
    fakeServer({
      create: {
        status: 400,
        body: {
          error: {
            code: "validation_failed",
            message: "The body is not valid.",
            issues: [
              { path: ["credentials", "accountSid"], message: "AC followed by 32 hex characters" },
              { path: ["settings", "from"], message: "an E.164 phone number" },
            ],
          },
        },
      },
    });
    const root = await open();
    const form = await newForm(root, "sms", "New SMS inbox");
    await type(labelled(form, "Name (agents see it)"), "SMS");
    // Well-formed here; the server refuses them all the same (a number not on the account).
    await type(labelled(form, "Sender number"), "+5511987654321");
    await type(labelled(form, "Account SID"), ACCOUNT_SID);
    await type(labelled(form, "Auth token"), AUTH_TOKEN);
    await click(byText(form, "Add SMS inbox", "button"));
    await settle();
    expect(errorOf(form, "Account SID")).toContain("AC followed by 32 hex characters");
    expect(errorOf(form, "Sender number")).toContain("an E.164 phone number");
    expect(form.querySelector('[role="alert"]')?.textContent).toBe("Please fix the highlighted fields.");
  });
});

describe("a saved Twilio inbox", () => {
  it("shows both credentials' hints and no secret, sends only what changed, and tests the connection", async () => {
    const server = fakeServer({ test: { body: { ok: true, status: 200, detail: "Loja (active)" } } });
    const root = await open();
    // Closed, the row shows the URL to paste.
    expect(labelled<HTMLTextAreaElement>(root, "Webhook URL for SMS Loja").value).toBe(`${ORIGIN}/webhooks/twilio/tw1`);
    const form = await openSaved(root, "SMS Loja");
    expect(secretInputs(form).map((i) => [i.name, i.value, i.placeholder])).toEqual([
      ["accountSid", "", "•••• cdef (saved)"],
      ["authToken", "", "•••• 9f8e (saved)"],
    ]);
    expect(labelled(form, "Sender number").value).toBe("+5511912345678");
    await type(labelled(form, "Auth token"), "77aa6b5c4d3e2f1a0b9c8d7e6f5a4b3c");
    await click(byText(form, "Save channel settings", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")?.body).toEqual({
      name: "SMS Loja",
      settings: { medium: "sms", from: "+5511912345678", messagingServiceSid: "", reopenWindowHours: 24, publicBaseUrl: "" },
      credentials: { authToken: "77aa6b5c4d3e2f1a0b9c8d7e6f5a4b3c" },
    });
    const editor = root.querySelector<HTMLElement>("#inbox-editor-tw1")!;
    expect(editor.textContent).toContain("Asks Twilio for the account, with the saved Account SID and auth token.");
    await click(byText(editor, "Test connection", "button"));
    await settle();
    expect(editor.querySelector(".connection-result")?.textContent).toBe("Connected: Loja (active)");
  });
});

describe("Telegram and Twilio setup strings", () => {
  function leaves(table: unknown, path = ""): [string, string][] {
    if (typeof table === "string") return [[path, table]];
    if (typeof table === "function") return [[path, String((table as (...a: unknown[]) => unknown)("X", 1))]];
    return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }

  it("has every string in en, pt-BR and es, none empty, each translated", () => {
    const en = leaves(TWILIO_TELEGRAM_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(TWILIO_TELEGRAM_STRINGS[locale]);
      expect(other.map(([p]) => p)).toEqual(en.map(([p]) => p));
      for (const [p, text] of other) expect(text.trim(), `${locale} ${p}`).not.toBe("");
      expect(en.filter(([, text], i) => other[i]![1] === text).map(([p]) => p), locale).toEqual([]);
    }
  });
});
