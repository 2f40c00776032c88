/**
 * Sign-in: wrong passwords and unknown e-mails look the same, and failed attempts are
 * limited per address and account, per address, and per account (without locking the
 * account's owner out: see worker/auth/login-limits.ts).
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { AGENT_PASSWORD, agentWithRole, clientAddress, login, OWNER, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import {
  unique,
} from "./route-table";
import { LOGIN_FAILURES_BEFORE_ACCOUNT_SLOWS, LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT } from "../../worker/auth/login-limits";

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

  it("does not let 10 wrong passwords from 10 addresses lock anyone out: the right password from a new address signs in", async () => {
    const victim = await agentWithRole("agent");
    for (let i = 0; i < 10; i++) expectApiError(await login({ email: victim.email, password: `guess number ${i}` }), 401, "invalid_credentials");
    const client: Client = {};
    const res = await login({ email: victim.email, password: AGENT_PASSWORD }, client);
    expect(res.status).toBe(200);
    expect(client.cookie).toBeDefined();
  });

  it(`refuses an address that failed ${LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT} times on an account, right password included, but not other addresses`, async () => {
    const victim = await agentWithRole("agent");
    const office = clientAddress();
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++) expectApiError(await login({ email: victim.email, password: `typo ${i}` }, {}, office), 401, "invalid_credentials");
    const client: Client = {};
    const refused = await login({ email: victim.email, password: AGENT_PASSWORD }, client, office);
    expectApiError(refused, 429, "rate_limited");
    expect(refused.headers.get("Set-Cookie")).toBeNull();
    expect(client.cookie).toBeUndefined();
    expect((await login({ email: victim.email, password: AGENT_PASSWORD })).status).toBe(200);
  });

  it("counts an e-mail's failures however it is capitalised or padded", async () => {
    const victim = await agentWithRole("agent");
    const address = clientAddress();
    const variants = [victim.email.toUpperCase(), ` ${victim.email} `, victim.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++) expectApiError(await login({ email: variants[i % variants.length]!, password: `guess number ${i}` }, {}, address), 401, "invalid_credentials");
    expectApiError(await login({ email: victim.email, password: AGENT_PASSWORD }, {}, address), 429, "rate_limited");
  });

  it("resets an address's failures on an account when it signs in", async () => {
    const person = await agentWithRole("agent");
    const address = clientAddress();
    const typos = LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT - 1;
    for (let i = 0; i < typos; i++) expectApiError(await login({ email: person.email, password: `typo ${i}` }, {}, address), 401, "invalid_credentials");
    expect((await login({ email: person.email, password: AGENT_PASSWORD }, {}, address)).status).toBe(200);
    for (let i = 0; i < typos; i++) expectApiError(await login({ email: person.email, password: `typo again ${i}` }, {}, address), 401, "invalid_credentials");
    expect((await login({ email: person.email, password: AGENT_PASSWORD }, {}, address)).status).toBe(200);
  });

  it("does not count refused attempts: a blocked address cannot spend the account's budget", async () => {
    const victim = await agentWithRole("agent");
    const blocked = clientAddress();
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++) expectApiError(await login({ email: victim.email, password: `guess ${i}` }, {}, blocked), 401, "invalid_credentials");
    for (let i = 0; i < 20; i++) expectApiError(await login({ email: victim.email, password: `more ${i}` }, {}, blocked), 429, "rate_limited");
    // 5 failures counted, not 25: the account is not under attack, so an address with
    // 4 typos on it still gets its fifth try.
    const person = clientAddress();
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT - 1; i++) expectApiError(await login({ email: victim.email, password: `typo ${i}` }, {}, person), 401, "invalid_credentials");
    expect((await login({ email: victim.email, password: AGENT_PASSWORD }, {}, person)).status).toBe(200);
  });

  it(`slows guessing after ${LOGIN_FAILURES_BEFORE_ACCOUNT_SLOWS} failures on an account: addresses that failed stop, a new address gets one try`, async () => {
    const victim = await agentWithRole("agent");
    const [a, b, c] = [clientAddress(), clientAddress(), clientAddress()];
    for (let i = 0; i < 5; i++) expectApiError(await login({ email: victim.email, password: `a ${i}` }, {}, a), 401, "invalid_credentials");
    for (let i = 0; i < 4; i++) expectApiError(await login({ email: victim.email, password: `b ${i}` }, {}, b), 401, "invalid_credentials");
    expectApiError(await login({ email: victim.email, password: "c 0" }, {}, c), 401, "invalid_credentials");
    // Ten failures: b and c have failed on this account, so they wait, right password or not.
    expectApiError(await login({ email: victim.email, password: AGENT_PASSWORD }, {}, b), 429, "rate_limited");
    expectApiError(await login({ email: victim.email, password: AGENT_PASSWORD }, {}, c), 429, "rate_limited");
    // A new address gets one try: a guesser's wrong one, then nothing more from there.
    const guesser = clientAddress();
    expectApiError(await login({ email: victim.email, password: "one guess" }, {}, guesser), 401, "invalid_credentials");
    expectApiError(await login({ email: victim.email, password: "second guess" }, {}, guesser), 429, "rate_limited");
    // The owner of the account, from an address they have not mistyped from, signs in.
    expect((await login({ email: victim.email, password: AGENT_PASSWORD })).status).toBe(200);
    // Other accounts are untouched, also from the addresses that failed here.
    expect((await login(OWNER, {}, b)).status).toBe(200);
  });

  it(`limits one client address to ${LOGIN_FAILURES_PER_ADDRESS} failures however many e-mails it tries`, async () => {
    const address = clientAddress();
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS; i++) expectApiError(await login({ email: `spray-${i}-${unique()}@example.com`, password: "password123456" }, {}, address), 401, "invalid_credentials");
    expectApiError(await login(OWNER, {}, address), 429, "rate_limited");
    expect((await login(OWNER)).status).toBe(200);
  });

  it("never counts successful sign-ins: an office behind one address signs in as often as it needs", async () => {
    const office = clientAddress();
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS + 1; i++) expect((await login(OWNER, {}, office)).status).toBe(200);
    expect((await login({ email: OWNER.email, password: "one typo" }, {}, office)).status).toBe(401);
    expect((await login(OWNER, {}, office)).status).toBe(200);
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
