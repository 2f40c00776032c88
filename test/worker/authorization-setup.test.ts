/**
 * Setup runs once: of two racing setups on the empty database exactly one creates the
 * owner, and a later one is refused without writing or signing anyone in. Secrets (the
 * passwords, their hashes and salts, the session token) never leave in a response.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { AGENT_PASSWORD, login, OWNER, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { keysDeep, unique } from "./route-table";
import { storedRows } from "./stored-rows";

let needsSetupBefore: boolean;
let racingSetups: Array<Awaited<ReturnType<typeof call>>>;
let boss: Client;

beforeAll(async () => {
  needsSetupBefore = (await call("/api/v1/setup")).body.needsSetup;
  // Two setups race on the empty database; at most one may create an owner.
  racingSetups = await Promise.all([OWNER, { ...OWNER, name: "Mallory Racer" }].map((json) => call("/api/v1/setup", { method: "POST", json, client: {} })));
  boss = await owner();
});

describe("setup", () => {
  it("reported needsSetup true before the owner existed, and lets exactly one of two racing setups win", () => {
    expect(needsSetupBefore).toBe(true);
    expect(racingSetups.map((r) => r.status).sort()).toEqual([201, 409]);
    expectApiError(racingSetups.find((r) => r.status === 409)!, 409, "setup_already_done");
  });

  it("answers a second POST /api/v1/setup with 409 setup_already_done and leaves the agent count unchanged", async () => {
    const agentsBefore = (await call("/api/v1/agents", { client: boss })).body.agents;
    const rows = await storedRows();
    const client: Client = {};
    const res = await call("/api/v1/setup", { method: "POST", json: { name: "Mallory", email: `mallory-${unique()}@example.com`, password: "mallory's own password" }, client });
    expectApiError(res, 409, "setup_already_done");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(client.cookie).toBeUndefined();
    expect((await call("/api/v1/agents", { client: boss })).body.agents).toEqual(agentsBefore);
    expect(await storedRows()).toEqual(rows);
  });

  it("keeps exactly one owner", async () => {
    const agents = (await call("/api/v1/agents", { client: boss })).body.agents as Array<{ role: string }>;
    expect(agents.filter((a) => a.role === "owner")).toHaveLength(1);
  });

  it("reports needsSetup false once the owner exists", async () => {
    expect(await call("/api/v1/setup")).toMatchObject({ status: 200, body: { needsSetup: false } });
  });

  it("does not let a refused setup's credentials sign in", async () => {
    const email = `latecomer-${unique()}@example.com`;
    expectApiError(await call("/api/v1/setup", { method: "POST", json: { name: "Latecomer", email, password: "latecomer password" } }), 409, "setup_already_done");
    expectApiError(await login({ email, password: "latecomer password" }), 401, "invalid_credentials");
  });
});

describe("secrets", () => {
  const SECRET_KEYS = ["password", "passwordHash", "passwordSalt", "passwordIterations", "salt", "hash", "tokenHash"];

  it("never returns a password, hash or salt from setup, login, me or agents", async () => {
    const bodies: Array<[string, unknown]> = [];
    bodies.push(["setup", racingSetups.find((r) => r.status === 201)!.body]);
    const client: Client = {};
    bodies.push(["login", (await login(OWNER, client)).body]);
    bodies.push(["me", (await call("/api/v1/me", { client })).body]);
    bodies.push(["agents", (await call("/api/v1/agents", { client })).body]);
    const email = `fresh-${unique()}@example.com`;
    bodies.push(["create agent", (await call("/api/v1/agents", { method: "POST", json: { name: "Fresh", email, password: AGENT_PASSWORD, role: "agent" }, client })).body]);
    bodies.push(["agent login", (await login({ email, password: AGENT_PASSWORD })).body]);
    for (const [name, body] of bodies) {
      expect(body, name).toBeTruthy();
      const keys = keysDeep(body);
      for (const key of SECRET_KEYS) expect(keys.has(key), `${name} returns "${key}"`).toBe(false);
      const text = JSON.stringify(body);
      expect(text, name).not.toContain(OWNER.password);
      expect(text, name).not.toContain(AGENT_PASSWORD);
      expect(text, name).not.toContain(client.cookie!.split("=")[1]);
    }
  });
});
