/**
 * Settings → Inboxes: the agent bot section and the API inbox form, against a fake API at
 * the fetch boundary: the agent bot is saved whole and its secret shown once (never after
 * a plain save); a bad URL never leaves the form; a new API inbox is created and its
 * signing secret shown once; the strings exist in en, pt-BR and es with the same keys.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { AgentBotSection } from "../../console/settings/agent-bot-section";
import { AGENT_BOT_STRINGS, abs } from "../../console/settings/agent-bot-strings";
import { ApiInboxForm } from "../../console/settings/api-inbox-form";
import { API_INBOX_STRINGS, as } from "../../console/settings/api-inbox-strings";
import { installFetch, mount, settle } from "./fakes";

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

const input = (root: ParentNode, name: string) => root.querySelector<HTMLInputElement & HTMLTextAreaElement>(`[name="${name}"]`)!;
async function change(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
const submit = async (root: ParentNode) => {
  await act(() => void root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true })));
  await settle();
};

describe("the agent bot section", () => {
  it("saves the bot whole and shows the secret from the answer, once", async () => {
    let saves = 0;
    const calls = installFetch([
      ({ method, url, body }) => {
        if (url.pathname !== "/api/v1/inboxes/i1/agent-bot") return undefined;
        if (method === "GET") return { body: { bot: null } };
        const { rollSecret: _r, ...bot } = body as Record<string, unknown>;
        return { body: saves++ === 0 ? { bot, secret: "whsec_<b>shown</b>" } : { bot } };
      },
    ]);
    const mounted = await mount(<AgentBotSection inboxId="i1" onForbidden={() => {}} />);
    unmount = mounted.unmount;
    await settle();
    const root = mounted.container;
    await act(() => input(root, "agent-bot-enabled").click());
    await change(input(root, "agent-bot-url"), "https://bot.example.com/in");
    await change(input(root, "agent-bot-words"), "atendente, humano");
    await submit(root);
    const put = calls.find((c) => c.method === "PUT")!;
    expect(put.body).toEqual({ enabled: true, name: abs.defaultName, url: "https://bot.example.com/in", handoffWords: ["atendente", "humano"], handoffText: null });
    // Rendered as text, not markup.
    expect(root.querySelector(".agent-bot-secret textarea, .agent-bot-secret input")).not.toBeNull();
    expect(root.innerHTML).not.toContain("<b>shown</b>");
    await submit(root);
    expect(root.querySelector(".agent-bot-secret")).toBeNull();
  });

  it("never sends a bot without an https URL", async () => {
    const calls = installFetch([({ method, url }) => (url.pathname === "/api/v1/inboxes/i1/agent-bot" && method === "GET" ? { body: { bot: null } } : undefined)]);
    const mounted = await mount(<AgentBotSection inboxId="i1" onForbidden={() => {}} />);
    unmount = mounted.unmount;
    await settle();
    await submit(mounted.container);
    expect(calls.filter((c) => c.method === "PUT")).toEqual([]);
  });
});

describe("the API inbox form", () => {
  it("creates the inbox, then shows its signing secret once", async () => {
    const calls = installFetch([
      ({ method, url, body }) => {
        if (url.pathname === "/api/v1/inboxes" && method === "POST") {
          const b = body as { name: string; settings: Record<string, unknown> };
          return { status: 201, body: { id: "i9", kind: "api", name: b.name, teamId: null, priority: 50, settings: b.settings, publicKey: null, hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 1 } };
        }
        if (url.pathname === "/api/v1/inboxes/i9/api-secret") return { status: 201, body: { secret: "whsec_abc" } };
        return undefined;
      },
    ]);
    let created: string | null = null;
    const mounted = await mount(<ApiInboxForm onSaved={(i) => (created = i.id)} onForbidden={() => {}} />);
    unmount = mounted.unmount;
    const root = mounted.container;
    await change(input(root, "api-inbox-name"), "App");
    await change(input(root, "api-inbox-url"), "https://example.com/switchboard");
    await submit(root);
    expect(calls.find((c) => c.method === "POST" && c.path === "/api/v1/inboxes")!.body).toEqual({ kind: "api", name: "App", settings: { url: "https://example.com/switchboard", reopenWindowHours: 24 } });
    expect(created).toBe("i9");
    expect(root.querySelector(".api-secret")!.textContent).toContain(as.secret);
  });

  it("has the same strings in every language", () => {
    for (const table of [AGENT_BOT_STRINGS, API_INBOX_STRINGS]) {
      const keys = Object.values(table).map((t) => Object.keys(t).sort().join());
      expect(new Set(keys).size).toBe(1);
      expect(Object.keys(table).sort()).toEqual(["en", "es", "pt-BR"]);
    }
  });
});
