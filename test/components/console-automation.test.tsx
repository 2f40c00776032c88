/**
 * Settings → Automation against a fake API at the fetch boundary: the rules listed in
 * order with their trigger, last run and last error (as text); an admin adds a rule
 * (incomplete actions never leave), disables one, moves one, deletes one; a webhook's
 * signing secret is shown once; every condition edited (inboxes, channels, words, tags,
 * attribute, hours, statuses, teams), pre-filled and kept on edit, half an attribute
 * refused before any request; the timeline's automation line; pt-BR and es strings.
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

const inbox = (id: string, name: string) => ({ id, kind: "webchat", name, teamId: null, priority: 80, settings: {}, publicKey: `pk_${id}`, hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 1 });

/** A rule holding every condition, as the API would return it. */
const everyCondition: AutomationRule = {
  ...base,
  id: "r3",
  name: "Night VIP",
  position: 2,
  trigger: { type: "customer_message" },
  conditions: {
    inboxIds: ["i2"],
    channels: ["telegram"],
    textContains: ["refund"],
    contactTagIds: ["g2"],
    contactAttribute: { key: "plan", value: "gold" },
    hours: "inside",
    statuses: ["bot", "snoozed"],
    teamIds: ["t1"],
  },
  actions: [{ type: "resolve" }],
};

function fakeServer(extra: AutomationRule[] = []) {
  let rules: AutomationRule[] = [
    { ...base, id: "r1", name: "Greet", position: 0, trigger: { type: "conversation_created" }, actions: [{ type: "send_note", body: "new" }], lastRunAt: Date.UTC(2026, 2, 4, 12) },
    { ...base, id: "r2", name: "Notify", position: 1, trigger: { type: "customer_message" }, actions: [{ type: "call_webhook", url: "https://x.example.com" }], lastError: "<b>webhook answered HTTP 500</b>", lastErrorAt: Date.UTC(2026, 2, 4, 13) },
    ...extra,
  ];
  const positioned = () => rules.map((r, i) => ({ ...r, position: i }));
  const calls = installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/teams") return { body: { teams: [{ id: "t1", name: "Geral" }, { id: "t2", name: "Financeiro" }] } };
      if (p === "/api/v1/agents") return { body: { agents: [] } };
      if (p === "/api/v1/tags") return { body: { tags: [{ id: "g1", name: "vip", color: "#cf222e" }, { id: "g2", name: "atacado", color: "#6e7781" }] } };
      if (p === "/api/v1/inboxes") return { body: { inboxes: [inbox("i1", "Loja"), inbox("i2", "Suporte")] } };
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

/** The checkbox labelled `label` inside the fieldset whose legend is `legend`. */
function box(root: HTMLElement, legend: string, label: string): HTMLInputElement {
  const set = [...root.querySelectorAll("fieldset")].find((f) => f.querySelector(":scope > legend")?.textContent === legend);
  const found = [...(set?.querySelectorAll("label") ?? [])].find((l) => l.textContent?.trim() === label);
  const input = found?.querySelector<HTMLInputElement>('input[type="checkbox"]');
  if (!input) throw new Error(`no checkbox ${label} under ${legend}`);
  return input;
}

const checked = (root: HTMLElement, legend: string) =>
  [...(([...root.querySelectorAll("fieldset")].find((f) => f.querySelector(":scope > legend")?.textContent === legend))?.querySelectorAll("label") ?? [])]
    .filter((l) => l.querySelector<HTMLInputElement>("input")?.checked)
    .map((l) => l.textContent?.trim());

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

describe("the rule's conditions", () => {
  it("creates a rule with every condition: the POST carries exactly what was chosen", async () => {
    const server = fakeServer();
    const root = await open();
    await click(byText(root, "Add rule", "button"));
    await type(labelled(root, "Name"), "Everything");
    await type(root.querySelector<HTMLInputElement>('[aria-label="Value of action 1"]')!, "hello");
    await click(box(root, "Inboxes", "Suporte"));
    await click(box(root, "Channels", "WhatsApp"));
    await click(box(root, "Channels", "E-mail"));
    await click(box(root, "Contact tags", "vip"));
    await type(labelled(root, "Contact attribute"), " plan ");
    await type(labelled(root, "Equals"), "gold");
    await choose(labelled<HTMLSelectElement>(root, "Business hours"), "outside");
    await click(box(root, "Conversation status", "Snoozed"));
    await click(box(root, "Teams", "Financeiro"));
    await click(byText(root, "Save rule", "button"));
    await settle();
    const post = server.calls.filter((c) => c.method === "POST");
    expect(post).toHaveLength(1);
    expect((post[0]!.body as { conditions: unknown }).conditions).toEqual({
      inboxIds: ["i2"],
      channels: ["whatsapp", "email"],
      contactTagIds: ["g1"],
      contactAttribute: { key: "plan", value: "gold" },
      hours: "outside",
      statuses: ["snoozed"],
      teamIds: ["t2"],
    });
    expect(listed(root)).toEqual(["Greet", "Notify", "Everything"]);
  });

  it("edits a rule with conditions: they are pre-filled and kept; an unchecked one is dropped", async () => {
    const server = fakeServer([everyCondition]);
    const root = await open();
    await click(root.querySelector('[aria-label="Edit automation Night VIP"]'));
    expect(checked(root, "Inboxes")).toEqual(["Suporte"]);
    expect(checked(root, "Channels")).toEqual(["Telegram"]);
    expect(checked(root, "Contact tags")).toEqual(["atacado"]);
    expect(checked(root, "Conversation status")).toEqual(["Bot", "Snoozed"]);
    expect(checked(root, "Teams")).toEqual(["Geral"]);
    expect(labelled(root, "Contact attribute").value).toBe("plan");
    expect(labelled(root, "Equals").value).toBe("gold");
    expect(labelled<HTMLSelectElement>(root, "Business hours").value).toBe("inside");
    expect(labelled(root, "Only when the message contains (any, comma-separated)").value).toBe("refund");
    await click(byText(root, "Save rule", "button"));
    await settle();
    const first = server.calls.filter((c) => c.method === "PATCH");
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ path: "/api/v1/automation-rules/r3" });
    expect((first[0]!.body as { conditions: unknown }).conditions).toEqual(everyCondition.conditions);

    await click(root.querySelector('[aria-label="Edit automation Night VIP"]'));
    await click(box(root, "Teams", "Geral"));
    await click(box(root, "Conversation status", "Bot"));
    await choose(labelled<HTMLSelectElement>(root, "Business hours"), "");
    await click(byText(root, "Save rule", "button"));
    await settle();
    const second = server.calls.filter((c) => c.method === "PATCH")[1]!;
    const { teamIds: _t, hours: _h, ...rest } = everyCondition.conditions;
    expect((second.body as { conditions: unknown }).conditions).toEqual({ ...rest, statuses: ["snoozed"] });
  });

  it("refuses half an attribute (a key without a value, or a value without a key) before any request", async () => {
    const server = fakeServer();
    const root = await open();
    await click(byText(root, "Add rule", "button"));
    await type(labelled(root, "Name"), "Half");
    await type(root.querySelector<HTMLInputElement>('[aria-label="Value of action 1"]')!, "hello");
    await type(labelled(root, "Contact attribute"), "plan");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(root.textContent).toContain("Give the contact attribute both a name and a value, or leave both empty.");
    await type(labelled(root, "Contact attribute"), " ");
    await type(labelled(root, "Equals"), "gold");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.filter((c) => c.method !== "GET")).toHaveLength(0);
    await type(labelled(root, "Equals"), "");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect((server.calls.find((c) => c.method === "POST")!.body as { conditions: unknown }).conditions).toEqual({});
  });

  it("refuses a word without a letter or digit before any request", async () => {
    const server = fakeServer();
    const root = await open();
    await click(byText(root, "Add rule", "button"));
    await type(labelled(root, "Name"), "Odd");
    await type(root.querySelector<HTMLInputElement>('[aria-label="Value of action 1"]')!, "hello");
    await type(labelled(root, "Only when the message contains (any, comma-separated)"), "ok, !!!");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(root.textContent).toContain("Some condition is not valid");
    expect(server.calls.filter((c) => c.method !== "GET")).toHaveLength(0);
  });
});

describe("the timeline's automation line", () => {
  it("names the rule and each action, the failed one with its error", () => {
    const e = { type: "automation", ruleId: "r", ruleName: "Notify", trigger: "customer_message", actions: [{ type: "add_tag" }, { type: "call_webhook", error: "webhook answered HTTP 500" }], error: "webhook answered HTTP 500" } as AutomationEvent;
    expect(describeAutomation(e)).toBe("Automation “Notify” ran: add tag, call webhook (failed: webhook answered HTTP 500)");
  });
});

describe("automation strings", () => {
  it("name the conditions in pt-BR and es", () => {
    const pick = (l: "pt-BR" | "es") => {
      const t = AUTOMATION_STRINGS[l];
      return [t.conditions, t.inboxes, t.channels, t.tags, t.attributeKey, t.attributeValue, t.hours, t.hoursAny, t.hoursInside, t.hoursOutside, t.statuses, t.teams];
    };
    expect(pick("pt-BR")).toEqual(["Somente se", "Caixas de entrada", "Canais", "Etiquetas do contato", "Atributo do contato", "É igual a", "Horário de atendimento", "A qualquer hora", "Dentro do horário de atendimento", "Fora do horário de atendimento", "Status da conversa", "Equipes"]);
    expect(pick("es")).toEqual(["Solo si", "Bandejas de entrada", "Canales", "Etiquetas del contacto", "Atributo del contacto", "Es igual a", "Horario de atención", "A cualquier hora", "Dentro del horario de atención", "Fuera del horario de atención", "Estado de la conversación", "Equipos"]);
    expect(AUTOMATION_STRINGS["pt-BR"].attributeHalf).toBe("Dê ao atributo do contato um nome e um valor, ou deixe os dois vazios.");
    expect(AUTOMATION_STRINGS.es.attributeHalf).toBe("Dé al atributo del contacto un nombre y un valor, o deje ambos vacíos.");
  });

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
