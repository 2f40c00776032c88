/**
 * Agent status in the console against a fake API at the fetch boundary: the header's
 * availability toggle (online ↔ away, a refused change keeps the old state and says so)
 * and the status dots of Settings → Agents; the string table complete in pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { EffectiveStatus, ManagedAgent, Me } from "../../worker/protocol";
import { AvailabilityToggle } from "../../console/shell/availability-toggle";
import { STATUS_STRINGS } from "../../console/shell/status-strings";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { click, installFetch, mount, settle } from "./fakes";
import { PROFILE } from "./console-fixtures";

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

async function show(vnode: preact.ComponentChild) {
  const view = await mount(vnode);
  unmount = view.unmount;
  await settle();
  return view.container;
}

function statusServer(initial: "online" | "away", refuse = false) {
  let current = initial;
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname !== "/api/v1/me/status") return undefined;
      if (method === "PUT") {
        if (refuse) return { status: 503, body: { error: { code: "unavailable", message: "down" } } };
        current = (body as { status: "online" | "away" }).status;
      }
      return { body: { status: current } };
    },
  ]);
  return { calls, current: () => current };
}

describe("the header's availability toggle", () => {
  it("shows the status the server holds and switches online → away → online", async () => {
    const server = statusServer("online");
    const root = await show(<AvailabilityToggle />);
    const toggle = root.querySelector("button.availability-toggle")!;
    expect(toggle.textContent).toBe("Online");
    expect(toggle.getAttribute("aria-label")).toBe("Your status: Online. Change it");
    expect(toggle.getAttribute("aria-pressed")).toBe("false");

    await click(toggle);
    await settle();
    expect(server.current()).toBe("away");
    expect(server.calls.filter((c) => c.method === "PUT").map((c) => c.body)).toEqual([{ status: "away" }]);
    expect(toggle.textContent).toBe("Away");
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(toggle.querySelector(".status-dot--away")).not.toBeNull();

    await click(toggle);
    await settle();
    expect(server.current()).toBe("online");
    expect(toggle.textContent).toBe("Online");
  });

  it("starts as away when the agent left it away", async () => {
    statusServer("away");
    const root = await show(<AvailabilityToggle />);
    expect(root.querySelector("button.availability-toggle")!.textContent).toBe("Away");
  });

  it("keeps the old state and says so when the change is refused", async () => {
    statusServer("online", true);
    const root = await show(<AvailabilityToggle />);
    await click(root.querySelector("button.availability-toggle"));
    await settle();
    expect(root.querySelector("button.availability-toggle")!.textContent).toBe("Online");
    expect(root.querySelector("[role=alert]")!.textContent).toBe("Your status could not be changed. Try again.");
  });

  it("shows nothing while the server has not said", async () => {
    installFetch([]);
    const root = await show(<AvailabilityToggle />);
    expect(root.querySelector("button")).toBeNull();
  });
});

describe("Settings → Agents status dots", () => {
  const ownerMe: Me = { agent: { id: "o1", name: "Olivia", email: "olivia@example.com", role: "owner" }, teamIds: ["t1"], profile: PROFILE };
  const agents: ManagedAgent[] = [
    { id: "o1", name: "Olivia", email: "olivia@example.com", role: "owner", capacity: null, status: "active" },
    { id: "b1", name: "Bruno", email: "bruno@example.com", role: "agent", capacity: 3, status: "active" },
    { id: "c1", name: "Carla", email: "carla@example.com", role: "agent", capacity: null, status: "active" },
  ];
  const team = (id: string, statuses: Record<string, EffectiveStatus>) => ({
    teamId: id,
    agents: Object.entries(statuses).map(([agentId, status]) => ({ id: agentId, name: agentId, status })),
  });

  it("shows each agent's best status across their teams, with the word as its label", async () => {
    installFetch([
      ({ method, url }) => {
        if (method !== "GET") return undefined;
        if (url.pathname === "/api/v1/agents/all" || url.pathname === "/api/v1/agents") return { body: { agents } };
        if (url.pathname === "/api/v1/teams") return { body: { teams: [{ id: "t1", name: "Sales" }, { id: "t2", name: "Support" }] } };
        if (url.pathname === "/api/v1/agents/status") {
          const id = url.searchParams.get("team");
          // Bruno is offline in Sales but online in Support: online wins.
          if (id === "t1") return { body: team("t1", { o1: "away", b1: "offline", c1: "offline" }) };
          if (id === "t2") return { body: team("t2", { b1: "online" }) };
        }
        return undefined;
      },
    ]);
    const root = await show(<Settings me={ownerMe} initialTab="agents" />);
    await settle();
    const dotOf = (name: string) => {
      const row = [...root.querySelectorAll(".settings-row")].find((r) => r.textContent?.includes(name))!;
      return row.querySelector(".status-dot");
    };
    expect(dotOf("Bruno")!.getAttribute("aria-label")).toBe("Online");
    expect(dotOf("Bruno")!.classList.contains("status-dot--online")).toBe(true);
    expect(dotOf("Olivia")!.getAttribute("aria-label")).toBe("Away");
    expect(dotOf("Carla")!.getAttribute("aria-label")).toBe("Offline");
  });

  it("lists the agents without dots when statuses cannot be read", async () => {
    installFetch([({ method, url }) => (method === "GET" && url.pathname === "/api/v1/agents/all" ? { body: { agents } } : undefined)]);
    const root = await show(<Settings me={ownerMe} initialTab="agents" />);
    expect(root.querySelectorAll(".settings-row")).toHaveLength(3);
    expect(root.querySelector(".status-dot")).toBeNull();
  });
});

describe("status strings", () => {
  it("are complete and translated in pt-BR and es", () => {
    const sample = (t: (typeof STATUS_STRINGS)["en"]) => [
      ...Object.values(t.statuses),
      t.toggleLabel("X"),
      t.goAway,
      t.goOnline,
      t.failed,
    ];
    const en = sample(STATUS_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = sample(STATUS_STRINGS[locale]);
      for (const text of other) expect(text.trim()).not.toBe("");
      // Every string differs from English except the word "Offline", which pt-BR uses as is.
      expect(other.filter((text, i) => text === en[i])).toEqual(locale === "pt-BR" ? ["Offline"] : []);
    }
  });
});
