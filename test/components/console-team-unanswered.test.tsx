/**
 * Settings → Teams, the no-answer delay (issue 14, "forward if no response"): shown in
 * minutes, saved as the API's unansweredTimeoutSeconds (empty: never), a value outside
 * 30 s–24 h or not a number refused in the form before any request.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me, TeamDetail } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { minutesOf, secondsOf } from "../../console/settings/team-editor";
import { TEAM_STRINGS } from "../../console/settings/team-strings";
import { resetDirectory } from "../../console/shared/use-directory";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const FIELD = "Return to the queue if the agent has not answered within (minutes)";

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

async function openTeam(unansweredTimeoutSeconds: number | null) {
  const team: TeamDetail = { id: "t1", name: "Geral", distributionMode: "auto", defaultCapacity: 5, businessHours: null, awayMessage: "", overflowTeamId: null, unansweredTimeoutSeconds, memberIds: [] };
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname === "/api/v1/agents") return { body: { agents: [admin.agent] } };
      if (url.pathname === "/api/v1/teams" && method === "GET") return { body: { teams: [{ id: "t1", name: "Geral" }] } };
      if (url.pathname === "/api/v1/teams/t1" && method === "GET") return { body: team };
      if (url.pathname === "/api/v1/teams/t1" && method === "PATCH") return { body: Object.assign(team, body) };
      return undefined;
    },
  ]);
  const view = await mount(<Settings me={admin} initialTab="teams" />);
  unmount = view.unmount;
  await settle();
  await click(view.container.querySelector('[aria-label="Settings of team Geral"]'));
  await settle();
  const root = view.container;
  const save = async (minutes: string) => {
    await type(labelled(root, FIELD), minutes);
    await click(byText(root, "Save settings", "button"));
    await settle();
  };
  const patches = () => calls.filter((c) => c.method === "PATCH").map((c) => (c.body as { unansweredTimeoutSeconds: unknown }).unansweredTimeoutSeconds);
  return { root, save, patches };
}

describe("Settings → Teams: the no-answer delay", () => {
  it("shows the team's delay in minutes, and empty for never", async () => {
    expect(labelled((await openTeam(300)).root, FIELD).value).toBe("5");
    await act(() => unmount?.());
    expect(labelled((await openTeam(null)).root, FIELD).value).toBe("");
  });

  it("saves minutes as seconds (a comma or a half minute too), and empty as never", async () => {
    const { save, patches, root } = await openTeam(null);
    await save("10");
    await save("2,5");
    await save("0.5");
    await save("1440");
    await save("");
    expect(patches()).toEqual([600, 150, 30, 86_400, null]);
    expect(root.textContent).not.toContain("Leave it empty, or use 0.5 to 1,440 minutes.");
  });

  it.each([["0.25"], ["1441"], ["soon"], ["-5"]])("refuses %s in the form, sending nothing", async (minutes) => {
    const { save, patches, root } = await openTeam(600);
    await save(minutes);
    expect(patches()).toEqual([]);
    expect(root.textContent).toContain("Leave it empty, or use 0.5 to 1,440 minutes.");
    expect(labelled(root, FIELD).getAttribute("aria-invalid")).toBe("true");
  });

  it("converts both ways", () => {
    expect(minutesOf(90)).toBe("1.5");
    expect(minutesOf(null)).toBe("");
    expect(secondsOf(" 3 ")).toBe(180);
    expect(secondsOf("")).toBeNull();
    expect(secondsOf("1e3")).toBeNaN();
  });

  it("is labelled in pt-BR and es", () => {
    expect(TEAM_STRINGS["pt-BR"].unanswered).toBe("Devolver à fila se o agente não responder em (minutos)");
    expect(TEAM_STRINGS.es.unanswered).toBe("Devolver a la cola si el agente no responde en (minutos)");
    expect(TEAM_STRINGS["pt-BR"].unansweredInvalid).not.toBe(TEAM_STRINGS.en.unansweredInvalid);
    expect(TEAM_STRINGS.es.unansweredHint).toContain("24 horas");
  });
});
