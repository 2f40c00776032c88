/**
 * Settings → Routing against a fake API at the fetch boundary: the rules listed in
 * order with their team; an admin adds a rule with conditions (only the filled ones go
 * out, a bad keyword list never leaves), edits one, disables one, moves one down (the
 * whole new order goes out), and deletes one; the strings exist in pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Inbox, Me, RoutingRule } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { ROUTING_STRINGS } from "../../console/settings/routing-strings";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const teams = [
  { id: "t1", name: "Geral" },
  { id: "t2", name: "Financeiro" },
];
const inbox = (id: string, name: string, kind: Inbox["kind"]): Inbox => ({ id, kind, name, teamId: "t1", priority: 50, settings: {}, publicKey: null, hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 1 });
const inboxes = [inbox("i1", "WhatsApp Vendas", "whatsapp"), inbox("i2", "Site", "webchat")];
const tags = [{ id: "g1", name: "vip", color: "#6e7781" }];

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

function fakeServer() {
  let rules: RoutingRule[] = [
    { id: "r1", name: "Refunds", position: 0, enabled: true, conditions: { keywords: ["reembolso"] }, teamId: "t2" },
    { id: "r2", name: "VIP", position: 1, enabled: true, conditions: { contactTagIds: ["g1"] }, teamId: "t1" },
  ];
  const positioned = () => rules.map((r, i) => ({ ...r, position: i }));
  const calls = installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/teams") return { body: { teams } };
      if (p === "/api/v1/inboxes") return { body: { inboxes } };
      if (p === "/api/v1/tags") return { body: { tags } };
      if (p === "/api/v1/routing-rules" && method === "GET") return { body: { rules: positioned() } };
      if (p === "/api/v1/routing-rules" && method === "POST") {
        const made = { id: `r${rules.length + 1}`, position: rules.length, enabled: true, conditions: {}, ...(body as object) } as RoutingRule;
        rules.push(made);
        return { status: 201, body: made };
      }
      if (p === "/api/v1/routing-rules/order") {
        const ids = (body as { ids: string[] }).ids;
        rules = ids.map((id) => rules.find((r) => r.id === id)!);
        return { body: { rules: positioned() } };
      }
      const one = /^\/api\/v1\/routing-rules\/([^/]+)$/.exec(p);
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
  const view = await mount(<Settings me={admin} initialTab="routing" />);
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

const listed = (root: HTMLElement) => [...root.querySelectorAll(".routing-rules > li strong")].map((el) => el.textContent);

describe("Settings → Routing", () => {
  it("lists the rules in order with the team each sends to", async () => {
    fakeServer();
    const root = await open();
    expect(byText(root, "Routing", "button[role=tab]")?.getAttribute("aria-selected")).toBe("true");
    expect(listed(root)).toEqual(["Refunds", "VIP"]);
    expect(root.querySelector(".routing-rules")?.textContent).toContain("→ Financeiro");
  });

  it("adds a rule: only the conditions filled in go out; a bad keyword list never leaves", async () => {
    const server = fakeServer();
    const root = await open();
    await click(byText(root, "Add rule", "button"));
    await type(labelled(root, "Name"), "Cancelamentos");
    await choose(labelled<HTMLSelectElement>(root, "Route to team"), "t2");
    await click(labelled(root, "WhatsApp Vendas"));
    await click(labelled(root, "Telegram"));
    await type(labelled(root, "Keywords in the first message"), "cancelar, " + "x".repeat(61));
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(root.textContent).toContain("Use words of up to 60 characters, at most 50, separated by commas.");

    await type(labelled(root, "Keywords in the first message"), " cancelar ,  estorno,");
    await choose(labelled<HTMLSelectElement>(root, "Business hours"), "outside");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "POST")).toMatchObject({
      path: "/api/v1/routing-rules",
      body: { name: "Cancelamentos", teamId: "t2", enabled: true, conditions: { inboxIds: ["i1"], channels: ["telegram"], keywords: ["cancelar", "estorno"], hours: "outside" } },
    });
    expect(Object.keys((server.calls.find((c) => c.method === "POST")!.body as { conditions: object }).conditions).sort()).toEqual(["channels", "hours", "inboxIds", "keywords"]);
    expect(listed(root)).toEqual(["Refunds", "VIP", "Cancelamentos"]);
  });

  it("adds a rule on customer portal categories: a bad id never leaves, the ids go out as a list", async () => {
    const server = fakeServer();
    const root = await open();
    await click(byText(root, "Add rule", "button"));
    await type(labelled(root, "Name"), "Portal: financeiro");
    await choose(labelled<HTMLSelectElement>(root, "Route to team"), "t2");
    await type(labelled(root, "Customer portal categories"), "Financeiro!");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(root.textContent).toContain("Use category ids (lower-case letters, digits and dashes) separated by commas.");

    await type(labelled(root, "Customer portal categories"), "financeiro, cobrancas");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "POST")).toMatchObject({
      path: "/api/v1/routing-rules",
      body: { name: "Portal: financeiro", teamId: "t2", conditions: { portalCategories: ["financeiro", "cobrancas"] } },
    });
  });

  it("refuses a rule without a team before sending it", async () => {
    const server = fakeServer();
    const root = await open();
    await click(byText(root, "Add rule", "button"));
    await type(labelled(root, "Name"), "Sem equipe");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(root.textContent).toContain("Choose the team this rule sends conversations to.");
  });

  it("edits a rule: the form starts from it and the whole rule goes out", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('[aria-label="Edit rule Refunds"]'));
    expect(labelled(root, "Keywords in the first message").value).toBe("reembolso");
    await type(labelled(root, "Contact attribute"), "plano");
    await type(labelled(root, "equals"), "ouro");
    await click(byText(root, "Save rule", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")).toMatchObject({
      path: "/api/v1/routing-rules/r1",
      body: { name: "Refunds", teamId: "t2", enabled: true, conditions: { keywords: ["reembolso"], contactAttribute: { key: "plano", value: "ouro" } } },
    });
    expect(server.rules()[0]!.conditions).toEqual({ keywords: ["reembolso"], contactAttribute: { key: "plano", value: "ouro" } });
  });

  it("disables a rule with its checkbox", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('[aria-label="Rule VIP enabled"]'));
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/v1/routing-rules/r2", body: { enabled: false } });
    expect(root.querySelector<HTMLInputElement>('[aria-label="Rule VIP enabled"]')!.checked).toBe(false);
  });

  it("moves a rule down: the whole new order goes out and the list follows it", async () => {
    const server = fakeServer();
    const root = await open();
    expect(root.querySelector<HTMLButtonElement>('[aria-label="Move rule Refunds up"]')!.disabled).toBe(true);
    await click(root.querySelector('[aria-label="Move rule Refunds down"]'));
    await settle();
    expect(server.calls.find((c) => c.method === "PUT")).toMatchObject({ path: "/api/v1/routing-rules/order", body: { ids: ["r2", "r1"] } });
    expect(listed(root)).toEqual(["VIP", "Refunds"]);
    expect(root.textContent).toContain("Rule “Refunds” is now number 2.");
  });

  it("deletes a rule after confirming", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('[aria-label="Delete rule VIP"]'));
    await click(byText(root, "Yes, delete", "button.danger"));
    await settle();
    expect(server.calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/routing-rules/r2"]);
    expect(listed(root)).toEqual(["Refunds"]);
  });
});

describe("routing strings", () => {
  it("say everything in pt-BR and es, not in English", () => {
    const leaves = (o: Record<string, unknown>): string[] =>
      Object.values(o).flatMap((v) => (typeof v === "function" ? [String((v as (x: string, n: number) => string)("X", 2))] : typeof v === "object" && v ? leaves(v as Record<string, unknown>) : [String(v)]));
    const en = leaves(ROUTING_STRINGS.en);
    // Brand names are the same in every language.
    const same = new Set(["WhatsApp", "Telegram", "Messenger", "Instagram", "SMS", "E-mail", "API", "→ X"]);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(ROUTING_STRINGS[locale]);
      expect(other).toHaveLength(en.length);
      other.forEach((text, i) => {
        if (!same.has(en[i]!)) expect(text, `${locale} #${i}`).not.toBe(en[i]);
      });
    }
    expect(ROUTING_STRINGS["pt-BR"].tab).toBe("Roteamento");
  });
});
