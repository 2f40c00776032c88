/**
 * Settings → Automation against a fake API at the fetch boundary: the rules listed in
 * order with their trigger, last run and last error (as text); an admin adds a rule
 * (incomplete actions never leave), disables one, moves one, deletes one; a webhook's
 * signing secret is shown once; the timeline's automation line; pt-BR and es strings.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { AutomationEvent, AutomationRule, Me } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { AUTOMATION_STRINGS } from "../../console/settings/automation-strings";
import { AUTOMATION_LINE_STRINGS } from "../../console/conversation/automation-strings";
import { describeAutomation } from "../../console/conversation/timeline/system-line";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

const base = { enabled: true, conditions: {}, lastRunAt: null, lastError: null, lastErrorAt: null };

function fakeServer() {
  let rules: AutomationRule[] = [
    { ...base, id: "r1", name: "Greet", position: 0, trigger: { type: "conversation_created" }, actions: [{ type: "send_note", body: "new" }], lastRunAt: Date.UTC(2026, 2, 4, 12) },
    { ...base, id: "r2", name: "Notify", position: 1, trigger: { type: "customer_message" }, actions: [{ type: "call_webhook", url: "https://x.example.com" }], lastError: "<b>webhook answered HTTP 500</b>", lastErrorAt: Date.UTC(2026, 2, 4, 13) },
  ];
  const positioned = () => rules.map((r, i) => ({ ...r, position: i }));
  const calls = installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/teams") return { body: { teams: [{ id: "t1", name: "Geral" }] } };
      if (p === "/api/v1/agents") return { body: { agents: [] } };
      if (p === "/api/v1/tags") return { body: { tags: [] } };
      if (p === "/api/v1/conversation-types") return { body: { types: [] } };
      if (p === "/api/v1/canned-responses") return { body: { cannedResponses: [] } };
      if (p === "/api/v1/automation-rules" && method === "GET") return { body: { rules: positioned() } };
      if (p === "/api/v1/automation-rules" && method === "POST") {
        const made = { ...base, id: `r${rules.length + 1}`, position: rules.length, ...(body as object) } as AutomationRule;
        rules.push(made);
        const hasHook = made.actions.some((a) => a.type === "call_webhook");
        return { status: 201, body: { ...made, ...(hasHook ? { signingSecret: "whsec_shown_once" } : {}) } };
      }
      if (p === "/api/v1/automation-rules/order") {
        rules = (body as { ids: string[] }).ids.map((id) => rules.find((r) => r.id === id)!);
        return { body: { rules: positioned() } };
      }
      const one = /^\/api\/v1\/automation-rules\/([^/]+)$/.exec(p);
      if (!one) return undefined;
      const i = rules.findIndex((r) => r.id === one[1]);
      if (method === "PATCH") {
        rules[i] = { ...rules[i]!, ...(body as object) };
        return { body: positioned()[i] };
      }
      if (method === "DELETE") {
        rules.splice(i, 1);
        return { body: { ok: true } };
      }
      return undefined;
    },
  ]);
  return { calls, rules: () => rules };
}

async function open() {
  const view = await mount(<Settings me={admin} initialTab="automation" />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

async function choose(select: HTMLSelectElement, value: string) {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const listed = (root: HTMLElement) => [...root.querySelectorAll(".automation-rules > li strong")].map((el) => el.textContent);

describe("Settings → Automation", () => {
  it("lists rules in order with trigger, last run and last error, the error as text", async () => {
    fakeServer();
    const root = await open();
    expect(listed(root)).toEqual(["Greet", "Notify"]);
    const list = root.querySelector(".automation-rules")!;
    expect(list.textContent).toContain("A conversation starts");
    expect(list.textContent).toContain("Never ran");
    expect(list.textContent).toContain("<b>webhook answered HTTP 500</b>");
    expect(list.querySelector("b")).toBeNull();
  });

  it("adds a rule: an incomplete action never leaves; the webhook secret is shown once", async () => {
    const server = fakeServer();
    const root = await open();
    await click(byText(root, "Add rule", "button"));
    await type(labelled(root, "Name"), "Hook");
    await choose(labelled<HTMLSelectElement>(root, "When"), "idle");
    await type(labelled(root, "Idle for (minutes)"), "45");
    await choose(root.querySelector<HTMLSelectElement>('[aria-label="Action 1"]')!, "call_webhook");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(root.textContent).toContain("Give the rule a name and at least one complete action.");
    await type(root.querySelector<HTMLInputElement>('[aria-label="Value of action 1"]')!, "https://hooks.example.com/in");
    await type(labelled(root, "Only when the message contains (any, comma-separated)"), "boleto, fatura");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "POST")).toMatchObject({
      path: "/api/v1/automation-rules",
      body: { name: "Hook", enabled: true, trigger: { type: "idle", minutes: 45 }, conditions: { textContains: ["boleto", "fatura"] }, actions: [{ type: "call_webhook", url: "https://hooks.example.com/in" }] },
    });
    expect(listed(root)).toEqual(["Greet", "Notify", "Hook"]);
    expect(root.querySelector<HTMLTextAreaElement>(".settings-notice textarea")?.value).toBe("whsec_shown_once");
  });

  it("disables a rule, moves one down, deletes one", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('[aria-label="Automation Greet enabled"]'));
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/v1/automation-rules/r1", body: { enabled: false } });
    await click(root.querySelector('[aria-label="Move automation Greet down"]'));
    await settle();
    expect(server.calls.find((c) => c.method === "PUT")).toMatchObject({ body: { ids: ["r2", "r1"] } });
    expect(listed(root)).toEqual(["Notify", "Greet"]);
    await click(root.querySelector('[aria-label="Delete automation Notify"]'));
    await click(byText(root, "Yes, delete", "button.danger"));
    await settle();
    expect(listed(root)).toEqual(["Greet"]);
  });
});

describe("the timeline's automation line", () => {
  it("names the rule and each action, the failed one with its error", () => {
    const e = { type: "automation", ruleId: "r", ruleName: "Notify", trigger: "customer_message", actions: [{ type: "add_tag" }, { type: "call_webhook", error: "webhook answered HTTP 500" }], error: "webhook answered HTTP 500" } as AutomationEvent;
    expect(describeAutomation(e)).toBe("Automation “Notify” ran: add tag, call webhook (failed: webhook answered HTTP 500)");
  });
});

describe("automation strings", () => {
  it("say everything in pt-BR and es, not in English", () => {
    const leaves = (o: Record<string, unknown>): string[] =>
      Object.values(o).flatMap((v) => (typeof v === "function" ? [String((v as (x: string, n: string) => string)("X", "Y"))] : typeof v === "object" && v ? leaves(v as Record<string, unknown>) : [String(v)]));
    for (const table of [AUTOMATION_STRINGS, AUTOMATION_LINE_STRINGS] as Array<Record<string, Record<string, unknown>>>) {
      const en = leaves(table["en"]!);
      const same = new Set(["https://…"]);
      for (const locale of ["pt-BR", "es"]) {
        const other = leaves(table[locale]!);
        expect(other).toHaveLength(en.length);
        other.forEach((text, i) => {
          if (!same.has(en[i]!)) expect(text, `${locale} #${i}`).not.toBe(en[i]);
        });
      }
    }
  });
});
