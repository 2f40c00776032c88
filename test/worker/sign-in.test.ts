/**
 * Sign-in: wrong passwords and unknown e-mails look the same, and attempts are limited
 * per e-mail and per client address.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AGENT_PASSWORD,
  agentWithRole,
  call,
  clientAddress,
  expectApiError,
  login,
  OWNER,
  owner,
  type Client,
} from "./helpers";
import {
  unique,
} from "./route-table";

/** The owner's setup on this file's fresh database: its reply sets the first cookie. */
let setup: Awaited<ReturnType<typeof call>>;
beforeAll(async () => {
  setup = await call("/api/v1/setup", { method: "POST", json: OWNER, client: {} });
  expect(setup.status).toBe(201);
});

describe("sign-in", () => {
  it("answers a wrong password with 401 invalid_credentials and no session", async () => {
    const client: Client = {};
    const res = await login({ email: OWNER.email, password: "not the password" }, client);
    expectApiError(res, 401, "invalid_credentials");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(client.cookie).toBeUndefined();
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const unknown = await login({ email: `nobody-${unique()}@example.com`, password: "not the password" });
    const wrong = await login({ email: OWNER.email, password: "not the password" });
    expectApiError(unknown, 401, "invalid_credentials");
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
  });

  it("refuses the right password with 429 rate_limited after 10 failures for one e-mail, from any address", async () => {
    const victim = await agentWithRole("agent");
    for (let i = 0; i < 10; i++) expectApiError(await login({ email: victim.email, password: `guess number ${i}` }), 401, "invalid_credentials");
    const client: Client = {};
    const res = await login({ email: victim.email, password: AGENT_PASSWORD }, client);
    expectApiError(res, 429, "rate_limited");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(client.cookie).toBeUndefined();
  });

  it("counts an e-mail's failures however it is capitalised or padded", async () => {
    const victim = await agentWithRole("agent");
    const variants = [victim.email.toUpperCase(), ` ${victim.email} `, victim.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 0; i < 10; i++) expectApiError(await login({ email: variants[i % variants.length]!, password: `guess number ${i}` }), 401, "invalid_credentials");
    expectApiError(await login({ email: victim.email, password: AGENT_PASSWORD }), 429, "rate_limited");
  });

  it("resets an e-mail's failure count on a successful sign-in", async () => {
    const person = await agentWithRole("agent");
    for (let i = 0; i < 9; i++) expectApiError(await login({ email: person.email, password: `typo ${i}` }), 401, "invalid_credentials");
    expect((await login({ email: person.email, password: AGENT_PASSWORD })).status).toBe(200);
    for (let i = 0; i < 9; i++) expectApiError(await login({ email: person.email, password: `typo again ${i}` }), 401, "invalid_credentials");
    expect((await login({ email: person.email, password: AGENT_PASSWORD })).status).toBe(200);
  });

  it("limits one client address to 30 attempts however many e-mails it tries", async () => {
    const address = clientAddress();
    for (let i = 0; i < 30; i++) expectApiError(await login({ email: `spray-${i}-${unique()}@example.com`, password: "password123456" }, {}, address), 401, "invalid_credentials");
    expectApiError(await login(OWNER, {}, address), 429, "rate_limited");
    expect((await login(OWNER)).status).toBe(200);
  });

  it("sets the session cookie HttpOnly, SameSite=Lax, on path /, and not Secure on http://localhost", async () => {
    const res = await login(OWNER);
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^sb_session=[A-Za-z0-9_-]{40,}/);
    const attributes = cookie.split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    const winner = setup;
    expect(winner.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(winner.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
  });

  it("marks the session cookie Secure on any other host", async () => {
    const site = "https://support.example.com";
    const res = await exports.default.fetch(
      new Request(`${site}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: site, "CF-Connecting-IP": clientAddress() },
        body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
      }),
    );
    expect(res.status).toBe(200);
    const attributes = res.headers.get("Set-Cookie")!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
  });
});
