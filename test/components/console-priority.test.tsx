/**
 * Contact priority in the console (issue 14): Settings → Priority rules lists, adds (tag
 * or attribute value), edits and deletes rules with the protocol's own checks before any
 * request; the contact panel shows the queue priority (and when a rule lifts it), and
 * only admins get to edit the contact's own priority. The string tables are complete in
 * en, pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me, PriorityRule, Tag } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { ContactPanel } from "../../console/conversation/contact/contact-panel";
import type { ContactPatch, ContactState } from "../../console/conversation/contact/use-contact";
import { PRIORITY_STRINGS } from "../../console/settings/priority-strings";
import { resetDirectory } from "../../console/shared/use-directory";
import { DIRECTORY, PROFILE, contactDetail } from "./console-fixtures";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const VIP: Tag = { id: "t-vip", name: "VIP", color: "#aa0000" };

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
  document.body.innerHTML = "";
});

/** A fake rules API at the fetch boundary, answering like the Worker. */
function installRulesServer(rules: PriorityRule[]) {
  let next = 1;
  return installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/tags") return { body: { tags: [VIP] } };
      if (p === "/api/v1/agents") return { body: { agents: DIRECTORY.agents } };
      if (p === "/api/v1/teams") return { body: { teams: DIRECTORY.teams } };
      if (p === "/api/v1/inboxes") return { body: { inboxes: [] } };
      if (p === "/api/v1/conversation-types") return { body: { types: [] } };
      if (p === "/api/v1/priority-rules" && method === "GET") return { body: { rules } };
      if (p === "/api/v1/priority-rules" && method === "POST") {
        const rule = { id: `r${next++}`, ...(body as object) } as PriorityRule;
        rules.push(rule);
        return { status: 201, body: rule };
      }
      const id = p.match(/^\/api\/v1\/priority-rules\/(.+)$/)?.[1];
      const at = rules.findIndex((r) => r.id === id);
      if (id && method === "PATCH") return { body: (rules[at] = { ...rules[at]!, ...(body as object) } as PriorityRule) };
      if (id && method === "DELETE") return { body: (rules.splice(at, 1), { ok: true }) };
      return undefined;
    },
  ]);
}

async function openRules(rules: PriorityRule[]) {
  const calls = installRulesServer(rules);
  const view = await mount(<Settings me={admin} initialTab="priority" />);
  unmount = view.unmount;
  await settle(6);
  return { root: view.container, calls, writes: () => calls.filter((c) => c.method !== "GET").map((c) => ({ method: c.method, path: c.path, body: c.body })) };
}

const addForm = (root: ParentNode) => root.querySelector<HTMLFormElement>('form[aria-label="Add rule"]')!;
async function submit(form: HTMLFormElement) {
  await act(() => void form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  await settle(4);
}
async function choose(select: HTMLSelectElement, value: string) {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

describe("Settings → Priority rules", () => {
  it("lists the rules by what they match, with the tag's name", async () => {
    const { root } = await openRules([
      { id: "r1", kind: "tag", tagId: VIP.id, priority: 90 },
      { id: "r2", kind: "attribute", key: "plan", value: "gold", priority: 40 },
    ]);
    const rows = [...root.querySelectorAll(".settings-row")].map((r) => r.querySelector(".priority-rule-name")?.textContent);
    expect(rows).toEqual(["plan = gold", "tag VIP"]);
    expect(root.querySelector(".settings-row")!.textContent).toContain("40");
  });

  it("adds an attribute rule with a numeric priority, after refusing priority 0 without a request", async () => {
    const { root, writes } = await openRules([]);
    const form = addForm(root);
    await choose(labelled<HTMLSelectElement>(form, "Matches"), "attribute");
    await type(labelled(form, "Attribute"), "plan");
    await type(labelled(form, "Value"), "gold");
    await type(labelled(form, "Priority"), "0");
    await submit(form);
    expect(writes()).toEqual([]);
    expect(form.textContent).toContain("A whole number from 1 to 100.");

    await type(labelled(form, "Priority"), "70");
    await submit(form);
    expect(writes()).toEqual([{ method: "POST", path: "/api/v1/priority-rules", body: { kind: "attribute", key: "plan", value: "gold", priority: 70 } }]);
    expect(byText(root, "plan = gold")).not.toBeNull();
  });

  it("adds a tag rule from the directory's tags, and refuses one with no tag chosen", async () => {
    const { root, writes } = await openRules([]);
    const form = addForm(root);
    await submit(form);
    expect(writes()).toEqual([]);
    expect(form.textContent).toContain("Choose a tag.");
    await choose(labelled<HTMLSelectElement>(form, "Tag"), VIP.id);
    await submit(form);
    expect(writes()).toEqual([{ method: "POST", path: "/api/v1/priority-rules", body: { kind: "tag", tagId: VIP.id, priority: 50 } }]);
  });

  it("edits a rule without changing its kind, and deletes one after confirming", async () => {
    const { root, writes } = await openRules([{ id: "r2", kind: "attribute", key: "plan", value: "gold", priority: 40 }]);
    const edit = root.querySelector<HTMLButtonElement>('button[aria-label="Edit rule plan = gold"]')!;
    await click(edit);
    const form = root.querySelector<HTMLFormElement>(".settings-row--editing form")!;
    expect(labelled<HTMLSelectElement>(form, "Matches").disabled).toBe(true);
    await type(labelled(form, "Priority"), "85");
    await submit(form);
    expect(writes()).toEqual([{ method: "PATCH", path: "/api/v1/priority-rules/r2", body: { key: "plan", value: "gold", priority: 85 } }]);

    await click(root.querySelector('button[aria-label="Delete rule plan = gold"]'));
    await click(byText(root, "Yes, delete", "button"));
    await settle(4);
    expect(writes().at(-1)).toEqual({ method: "DELETE", path: "/api/v1/priority-rules/r2", body: undefined });
    expect(root.querySelector(".settings-row")).toBeNull();
  });
});

describe("the contact panel's queue priority", () => {
  async function panel(canSetPriority: boolean, contact: { priority: number; effectivePriority: number }) {
    installRulesServer([]);
    const saved: ContactPatch[] = [];
    const state: ContactState = { detail: contactDetail(contact), error: null, save: async (patch) => (saved.push(patch), null) };
    const view = await mount(<ContactPanel id="contact-c1" contact={state} tags={[]} conversationId="c1" onClose={() => {}} canSetPriority={canSetPriority} />);
    unmount = view.unmount;
    await settle(4);
    return { root: view.container, saved };
  }
  const editButton = (root: ParentNode) => root.querySelector<HTMLButtonElement>('button[aria-label="Edit queue priority"]');

  it("shows the effective priority, and says when a rule lifts it above the contact's own", async () => {
    const { root } = await panel(false, { priority: 10, effectivePriority: 90 });
    const row = root.querySelector(".contact-priority")!;
    expect(row.querySelector("strong")!.textContent).toBe("90");
    expect(row.textContent).toContain("90 by a priority rule · Own: 10");
  });

  it("gives agents no edit button", async () => {
    const { root } = await panel(false, { priority: 0, effectivePriority: 0 });
    expect(editButton(root)).toBeNull();
  });

  it("lets an admin set the own priority, refusing 101 on the spot", async () => {
    const { root, saved } = await panel(true, { priority: 0, effectivePriority: 0 });
    await click(editButton(root));
    const input = root.querySelector<HTMLInputElement>('.contact-priority input[type="number"]')!;
    await type(input, "101");
    await submit(root.querySelector<HTMLFormElement>(".contact-priority form")!);
    expect(saved).toEqual([]);
    expect(root.querySelector(".contact-priority [role=alert]")!.textContent).toBe("A whole number from 0 to 100.");
    await type(input, "80");
    await submit(root.querySelector<HTMLFormElement>(".contact-priority form")!);
    expect(saved).toEqual([{ priority: 80 }]);
  });
});

describe("priority strings", () => {
  function leaves(table: unknown, path = ""): [string, string][] {
    if (typeof table === "string") return [[path, table]];
    if (typeof table === "function") return [[path, String((table as (...a: unknown[]) => unknown)("X", "Y"))]];
    return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }

  it("has every string in en, pt-BR and es, none empty, each translated", () => {
    const en = leaves(PRIORITY_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(PRIORITY_STRINGS[locale]);
      expect(other.map(([p]) => p)).toEqual(en.map(([p]) => p));
      for (const [path, text] of other) expect(text.trim(), `${locale} ${path}`).not.toBe("");
      // Most strings differ from English (a few, like "X = Y", are the same everywhere).
      const same = other.filter(([path, text]) => en.find(([p]) => p === path)![1] === text).map(([p]) => p);
      expect(same, locale).toEqual(["ruleName.attribute"]);
    }
  });
});
