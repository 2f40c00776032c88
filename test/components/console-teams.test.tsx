/**
 * Settings → Teams against a fake API at the fetch boundary: an admin adds a team, opens
 * a team's settings and saves distribution, capacity, away message and overflow (the
 * whole change goes out, a bad capacity never leaves), toggles a member, and deletes a
 * team: refused while it has conversations and no target, then with one.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me, TeamDetail } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";
import { TEAM_STRINGS } from "../../console/settings/team-strings";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const agents = [admin.agent, { id: "a2", name: "Bruno", email: "bruno@example.com", role: "agent" as const }];
const blank = { distributionMode: "manual" as const, defaultCapacity: 5, businessHours: null, awayMessage: "", overflowTeamId: null, unansweredTimeoutSeconds: null, memberIds: [] as string[] };

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

function fakeServer(opts: { busyTeams?: string[] } = {}) {
  const teams: TeamDetail[] = [
    { id: "t1", name: "Geral", ...blank },
    { id: "t2", name: "Vendas", ...blank },
  ];
  const brief = () => teams.map((t) => ({ id: t.id, name: t.name }));
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname === "/api/v1/agents") return { body: { agents } };
      if (url.pathname === "/api/v1/teams" && method === "GET") return { body: { teams: brief() } };
      if (url.pathname === "/api/v1/teams" && method === "POST") {
        const made = { id: `t${teams.length + 1}`, ...blank, ...(body as { name: string }) };
        teams.push(made);
        return { status: 201, body: made };
      }
      const member = /^\/api\/v1\/teams\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
      if (member) {
        const team = teams.find((t) => t.id === member[1])!;
        team.memberIds = method === "PUT" ? [...new Set([...team.memberIds, member[2]!])] : team.memberIds.filter((id) => id !== member[2]);
        return { body: team };
      }
      const one = /^\/api\/v1\/teams\/([^/]+)$/.exec(url.pathname);
      if (!one) return undefined;
      const i = teams.findIndex((t) => t.id === one[1]);
      if (method === "GET") return { body: teams[i] };
      if (method === "PATCH") {
        teams[i] = { ...teams[i]!, ...(body as object) };
        return { body: teams[i] };
      }
      if (method === "DELETE") {
        if (opts.busyTeams?.includes(one[1]!) && !url.searchParams.get("targetTeamId")) return { status: 409, body: { error: { code: "conflict", message: "The team has conversations." } } };
        teams.splice(i, 1);
        return { body: { ok: true, movedConversations: 1 } };
      }
      return undefined;
    },
  ]);
  return { teams, calls };
}

async function open() {
  const view = await mount(<Settings me={admin} initialTab="teams" />);
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

describe("Settings → Teams: team management", () => {
  it("adds a team, which is listed at once", async () => {
    const server = fakeServer();
    const root = await open();
    await type(labelled(root, "New team's name"), "  Suporte  ");
    await click(byText(root, "Add team", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "POST")).toMatchObject({ path: "/api/v1/teams", body: { name: "Suporte" } });
    expect(root.querySelector(".settings-list")?.textContent).toContain("Suporte");
  });

  it("saves a team's settings; a capacity out of range never leaves", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('[aria-label="Settings of team Geral"]'));
    await settle();
    await choose(labelled<HTMLSelectElement>(root, "Distribution"), "auto");
    await type(labelled(root, "Conversations per agent at once"), "101");
    await click(byText(root, "Save settings", "button"));
    await settle();
    expect(server.calls.filter((c) => c.method === "PATCH")).toHaveLength(0);
    expect(root.textContent).toContain("Use a whole number from 1 to 100.");

    await type(labelled(root, "Conversations per agent at once"), "8");
    await type(labelled<HTMLTextAreaElement>(root, "Away message"), "Voltamos às 9h.");
    await choose(labelled<HTMLSelectElement>(root, "Overflow team"), "t2");
    await click(byText(root, "Save settings", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")).toMatchObject({
      path: "/api/v1/teams/t1",
      body: { distributionMode: "auto", defaultCapacity: 8, businessHours: null, awayMessage: "Voltamos às 9h.", overflowTeamId: "t2" },
    });
    // The overflow choice never offers the team itself.
    const overflowValues = [...labelled<HTMLSelectElement>(root, "Overflow team").options].map((o) => o.value);
    expect(overflowValues).toEqual(["", "t2"]);
  });

  it("adds and removes a member with a checkbox", async () => {
    const server = fakeServer();
    const root = await open();
    await click(root.querySelector('[aria-label="Settings of team Geral"]'));
    await settle();
    const bruno = root.querySelector<HTMLInputElement>('[aria-label="Bruno is a member"]')!;
    expect(bruno.checked).toBe(false);
    await click(bruno);
    await settle();
    expect(server.calls.at(-1)).toMatchObject({ method: "PUT", path: "/api/v1/teams/t1/members/a2" });
    expect(root.querySelector<HTMLInputElement>('[aria-label="Bruno is a member"]')!.checked).toBe(true);
    await click(root.querySelector('[aria-label="Bruno is a member"]'));
    await settle();
    expect(server.calls.at(-1)).toMatchObject({ method: "DELETE", path: "/api/v1/teams/t1/members/a2" });
    expect(server.teams[0]!.memberIds).toEqual([]);
  });

  it("deleting a team with conversations asks for a target, then moves them there", async () => {
    const server = fakeServer({ busyTeams: ["t1"] });
    const root = await open();
    await click(root.querySelector('[aria-label="Settings of team Geral"]'));
    await settle();
    await click(root.querySelector('[aria-label="Delete team Geral"]'));
    await click(byText(root, "Yes, delete", "button.danger"));
    await settle();
    expect(root.textContent).toContain("This team has conversations: choose a team to move them to.");
    expect(root.querySelector(".settings-list")?.textContent).toContain("Geral");

    await choose(labelled<HTMLSelectElement>(root, "Move its conversations to"), "t2");
    await click(root.querySelector('[aria-label="Delete team Geral"]'));
    await click(byText(root, "Yes, delete", "button.danger"));
    await settle();
    expect(server.calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/teams/t1", "/api/v1/teams/t1?targetTeamId=t2"]);
    expect(root.querySelector(".settings-list")?.textContent).not.toContain("Geral");
  });
});

describe("team strings", () => {
  it("say everything in pt-BR and es, not in English", () => {
    const leaves = (o: Record<string, unknown>) => Object.values(o).map((v) => (typeof v === "function" ? (v as (x: string) => string)("X") : String(v)));
    const en = leaves(TEAM_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(TEAM_STRINGS[locale]);
      expect(other).toHaveLength(en.length);
      other.forEach((text, i) => expect(text, `${locale} #${i}`).not.toBe(en[i]));
    }
    expect(TEAM_STRINGS["pt-BR"].overflow).toBe("Equipe de transbordo");
  });
});
