/**
 * Settings → Agents against a fake API at the fetch boundary: invite (the link shown to
 * copy), the list with role, capacity and status, role and capacity changes, the
 * last-owner refusal in the console's words, deactivation and reactivation; owner
 * changes offered to owners only. And the string table complete in pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { ManagedAgent, Me } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { AGENT_STRINGS } from "../../console/settings/agent-strings";
import { resetDirectory } from "../../console/shared/use-directory";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";

const ownerMe: Me = { agent: { id: "o1", name: "Olivia", email: "olivia@example.com", role: "owner" }, teamIds: [], profile: PROFILE };
const adminMe: Me = { agent: { id: "a1", name: "Ana", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };

function seed(): ManagedAgent[] {
  return [
    { id: "o1", name: "Olivia", email: "olivia@example.com", role: "owner", capacity: null, status: "active" },
    { id: "b1", name: "Bruno", email: "bruno@example.com", role: "agent", capacity: 3, status: "active" },
  ];
}

function fakeServer(agents: ManagedAgent[], refuse?: { status: number; code: string; message: string }) {
  return installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (method === "GET" && p === "/api/v1/agents/all") return { body: { agents } };
      if (method === "GET" && p === "/api/v1/agents") return { body: { agents } };
      if (method === "POST" && p === "/api/v1/agents/invites") {
        const b = body as { email: string; role: string };
        return { status: 201, body: { email: b.email, role: b.role, url: "http://localhost/console/invite#tok123", token: "tok123", expiresAt: Date.UTC(2026, 11, 13) } };
      }
      const m = /^\/api\/v1\/agents\/([^/]+)(\/deactivate|\/reactivate)?$/.exec(p);
      if (!m) return undefined;
      if (refuse) return { status: refuse.status, body: { error: { code: refuse.code, message: refuse.message } } };
      const agent = agents.find((a) => a.id === m[1])!;
      if (method === "PATCH") Object.assign(agent, body);
      if (m[2] === "/deactivate") {
        agent.status = "deactivated";
        return { body: { agent, unassigned: ["c1", "c2"] } };
      }
      if (m[2] === "/reactivate") agent.status = "active";
      return { body: agent };
    },
  ]);
}

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

async function open(me: Me) {
  const view = await mount(<Settings me={me} initialTab="agents" />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

const button = (root: ParentNode, name: string) => [...root.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent?.trim()) === name) ?? null;

describe("Settings → Agents", () => {
  it("lists each agent with role, capacity and status", async () => {
    fakeServer(seed());
    const root = await open(ownerMe);
    const rows = [...root.querySelectorAll(".settings-row")].map((r) => r.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("Bruno");
    expect(rows[0]).toContain("Agent");
    expect(rows[0]).toContain("Capacity: 3");
    expect(rows[0]).toContain("Active");
    expect(rows[1]).toContain("Capacity: Team default");
  });

  it("creates an invite and shows its link to copy, once", async () => {
    const calls = fakeServer(seed());
    const root = await open(adminMe);
    await type(labelled(root, "E-mail of the person to invite"), "new@example.com");
    await click(button(root, "Create invite link"));
    await settle();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ email: "new@example.com", role: "agent" });
    const link = labelled<HTMLTextAreaElement>(root, "Invite link for new@example.com");
    expect(link.value).toBe("http://localhost/console/invite#tok123");
  });

  it("checks the e-mail before sending anything", async () => {
    const calls = fakeServer(seed());
    const root = await open(adminMe);
    await type(labelled(root, "E-mail of the person to invite"), "not an address");
    await click(button(root, "Create invite link"));
    await settle();
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);
    expect(root.textContent).toContain("Enter an e-mail address.");
  });

  it("offers owner changes only to owners: an admin sees no actions on an owner and no owner role", async () => {
    fakeServer(seed());
    const root = await open(adminMe);
    expect(button(root, "Change role of Olivia")).toBeNull();
    expect(button(root, "Deactivate Olivia")).toBeNull();
    const roles = [...labelled<HTMLSelectElement>(root, "Role").options].map((o) => o.value);
    expect(roles).toEqual(["agent", "admin"]);
  });

  it("changes a role and capacity", async () => {
    const agents = seed();
    const calls = fakeServer(agents);
    const root = await open(ownerMe);
    await click(button(root, "Change role of Bruno"));
    const form = root.querySelector(".settings-row--editing")!;
    const select = labelled<HTMLSelectElement>(form, "Role");
    await act(() => {
      select.value = "admin";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await type(labelled(form, "Capacity"), "5");
    await click(button(form, "Save"));
    await settle();
    expect(calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/v1/agents/b1", body: { role: "admin", capacity: 5 } });
    expect(root.textContent).toContain("Bruno saved.");
    expect(byText(root, /Capacity: 5/)).not.toBeNull();
  });

  it("shows the last-owner refusal in the console's words", async () => {
    fakeServer(seed(), { status: 409, code: "last_owner", message: "server words" });
    const root = await open(ownerMe);
    await click(button(root, "Deactivate Olivia"));
    await settle();
    expect(root.textContent).toContain("This is the last active owner. Make another agent an owner first.");
    expect(root.textContent).not.toContain("server words");
  });

  it("deactivates and reactivates, saying how many conversations went back to the queue", async () => {
    fakeServer(seed());
    const root = await open(ownerMe);
    await click(button(root, "Deactivate Bruno"));
    await settle();
    expect(root.textContent).toContain("Bruno deactivated; 2 open conversation(s) went back to the queue.");
    expect(root.textContent).toContain("Deactivated");
    await click(button(root, "Reactivate Bruno"));
    await settle();
    expect(root.textContent).toContain("Bruno can sign in again.");
  });
});

describe("agent strings", () => {
  function leaves(table: unknown, path = ""): [string, string][] {
    if (typeof table === "string") return [[path, table]];
    if (typeof table === "function") return [[path, String((table as (...a: unknown[]) => unknown)("X", 1))]];
    return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }

  it("has every string in English, Brazilian Portuguese and Spanish, the translations translated", () => {
    const en = leaves(AGENT_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(AGENT_STRINGS[locale]);
      expect(other.map(([p]) => p)).toEqual(en.map(([p]) => p));
      for (const [p, text] of other) expect(text.trim(), p).not.toBe("");
      expect(en.filter(([p, text], i) => other[i]![1] === text).map(([p]) => p)).toEqual([]);
    }
  });
});
