/**
 * Authorization for API tokens, route by route, generated from the route table's `token`
 * column (route-table.ts): on every signed-in route, a token holding exactly the scope
 * the route names is let in; one holding every other scope is refused with 403 and
 * changes nothing; revoked and expired tokens get 401 at once. Routes no token may call
 * refuse even a token with every scope. Token calls carry no Origin: CSRF rules are for
 * cookies.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { call, type Client } from "./http-client";
import { isSignedIn, named, NO_TOKEN_ROUTES, ROUTES, send, SIGNED_IN, storedState, TOKEN_ROUTES, VISITOR, type Fixture, type Route } from "./route-table";
import { routeWorld } from "./route-world";
import { allBut, asToken, expired, makeToken, revoked, type MadeToken } from "./token-kit";
import { TOKEN_SCOPES, type TokenScope } from "../../worker/protocol";

let boss: Client;
let f: Fixture;
const exact = {} as Record<TokenScope, MadeToken>;
const others = {} as Record<TokenScope, MadeToken>;
let everything: MadeToken;
let dead: MadeToken;
let lapsed: MadeToken;

beforeAll(async () => {
  ({ boss, f } = await routeWorld());
  for (const scope of TOKEN_SCOPES) {
    exact[scope] = await makeToken(boss, { scopes: [scope] });
    others[scope] = await makeToken(boss, { scopes: allBut(scope) });
  }
  everything = await makeToken(boss);
  dead = await revoked(boss);
  lapsed = await expired(boss);
});

const scopeOf = (route: Route) => route.token as TokenScope;
/** A token call: the bearer header, and no Origin (no browser, no cookie, no CSRF check). */
const asTok = (t: MadeToken) => ({ headers: asToken(t), origin: null });
/** What a refused call must leave as it was: every row but the rate-limit counters (each
 * authenticated token call counts one against its token, refused or not). */
async function stored() {
  const { rows, lastSeq } = await storedState(boss, f);
  const { rate_limit_attempts: _counted, ...rest } = rows;
  return { rows: rest, lastSeq };
}

describe("the route table's token column", () => {
  it("names a token rule on exactly the signed-in rows", () => {
    for (const r of ROUTES) expect(r.token !== undefined, `${r.method} ${r.path}`).toBe(isSignedIn(r));
  });

  it("gives every admin-level row that tokens may call the admin scope, and no agent-level row the admin scope", () => {
    for (const r of TOKEN_ROUTES) expect(r.token === "admin", `${r.method} ${r.path}`).toBe(r.access === "admin");
  });

  it("matches the OpenAPI document: the apiToken scheme on exactly the routes a token may call", async () => {
    const doc = await call("/api/v1/openapi.json");
    for (const r of SIGNED_IN) {
      const security = JSON.stringify(doc.body.paths[r.path][r.method.toLowerCase()].security ?? []);
      expect(security.includes("apiToken"), `${r.method} ${r.path}: ${security}`).toBe(r.token !== "none");
    }
  });
});

describe("a token with exactly the route's scope", () => {
  it.each(named(TOKEN_ROUTES))("is let into %s (no Origin needed)", async (_, route) => {
    const res = await send(route, f, asTok(exact[scopeOf(route)]), await route.fresh?.());
    if (route.ok) expect(res.status, JSON.stringify(res.body)).toBe(route.ok);
    // Success needs more than the table holds (see its comments): past authorization all the same.
    else expect([401, 403], JSON.stringify(res.body)).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  });
});

describe("a token with every scope but the route's", () => {
  it.each(named(TOKEN_ROUTES))("is refused on %s with 403 forbidden, changing nothing", async (_, route) => {
    const before = await stored();
    expectApiError(await send(route, f, asTok(others[scopeOf(route)])), 403, "forbidden");
    expect(await stored()).toEqual(before);
  });
});

describe("routes no token may call", () => {
  it.each(named(NO_TOKEN_ROUTES))("refuse a token with every scope on %s with 403 forbidden, changing nothing", async (_, route) => {
    const before = await stored();
    const res = await send(route, f, asTok(everything));
    expectApiError(res, 403, "forbidden");
    expect(res.socket).toBeUndefined();
    expect(await stored()).toEqual(before);
  });
});

describe("revoked and expired tokens", () => {
  it.each(named(SIGNED_IN))("a revoked token gets 401 invalid_token on %s", async (_, route) => {
    const before = await stored();
    expectApiError(await send(route, f, asTok(dead)), 401, "invalid_token");
    expect(await stored()).toEqual(before);
  });

  it.each(named(SIGNED_IN))("an expired token gets 401 token_expired on %s", async (_, route) => {
    const before = await stored();
    expectApiError(await send(route, f, asTok(lapsed)), 401, "token_expired");
    expect(await stored()).toEqual(before);
  });

  it("a made-up sb_live_ token gets 401 invalid_token, and it does not fall back to the cookie", async () => {
    expectApiError(await call("/api/v1/conversations", { headers: { Authorization: `Bearer sb_live_${"A".repeat(43)}` } }), 401, "invalid_token");
    expectApiError(await call("/api/v1/conversations", { headers: { Authorization: "Bearer sb_live_short" }, client: { ...boss } }), 401, "invalid_token");
  });
});

describe("visitor routes", () => {
  it.each(named(VISITOR))("do not take an API token for a visitor token on %s (401, changing nothing)", async (_, route) => {
    const before = await stored();
    const res = await send(route, f, { token: everything.secret, origin: null });
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(await stored()).toEqual(before);
  });
});
