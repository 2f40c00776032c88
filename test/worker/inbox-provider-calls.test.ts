/**
 * An inbox's calls to its provider through the inbox API — "test connection" (admins)
 * and the approved templates (any agent) — with the provider faked at the fetch boundary
 * (provider-fake.ts), everything else real: the saved credentials are opened and used,
 * the provider's answer comes back without secrets, a failure is reported as the
 * provider's answer (templates: 502), and an inbox whose credentials cannot be opened
 * says so before anything is called.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { expectApiError } from "./assertions";
import { owner } from "./fixtures";
import { call, ORIGIN, type Client } from "./http-client";
import { fakeProvider, networkFailure } from "./provider-fake";

const GRAPH = env.WHATSAPP_API_URL!;
const CREDENTIALS = { appSecret: "wa-app-secret-5f1c2e9a7b", accessToken: "EAAG-wa-access-token-Zx81", verifyToken: "wa-verify-token-k3y9" };
const SETTINGS = { phoneNumberId: "106540352242922", businessAccountId: "102290129340398", displayPhone: "+55 11 4000-1234" };

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

async function whatsappInbox(settings: Record<string, unknown> = SETTINGS): Promise<string> {
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "whatsapp", name: "Vendas", settings, credentials: CREDENTIALS }, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const testConnection = (id: string) => call(`/api/v1/inboxes/${id}/test-connection`, { method: "POST", client: boss });
const templates = (id: string) => call(`/api/v1/inboxes/${id}/templates`, { client: boss });

function expectNoSecret(body: unknown) {
  for (const secret of Object.values(CREDENTIALS)) expect(JSON.stringify(body)).not.toContain(secret);
}

/** Graph's error answer (https://developers.facebook.com/docs/graph-api/guides/error-handling).
 * Answers are made per call: a Response made here, in the test's context, could not be
 * read by the Worker's request (workerd ties a body to the request that made it). */
const graphError = (status: number, message: string, code: number) => () => Response.json({ error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEf123" } }, { status });

describe("POST /api/v1/inboxes/{id}/test-connection", () => {
  it("calls the provider with the saved access token and reports its answer", async () => {
    const id = await whatsappInbox();
    const graph = fakeProvider(GRAPH).on("GET", /.*/, [], () => Response.json({ id: SETTINGS.phoneNumberId, verified_name: "Loja Oficial", display_phone_number: "+55 11 4000-1234", quality_rating: "GREEN" }));
    const res = await testConnection(id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ ok: true, status: 200 });
    expect(res.body.detail).toContain("Loja Oficial");
    expect(graph.calls.length).toBeGreaterThan(0);
    for (const c of graph.calls) expect(c.headers.get("Authorization")).toBe(`Bearer ${CREDENTIALS.accessToken}`);
    expectNoSecret(res.body);
  });

  it("reports the provider's refusal as its status and words, ok false", async () => {
    const id = await whatsappInbox();
    fakeProvider(GRAPH).on("GET", /.*/, [], graphError(401, "Error validating access token: Session has expired.", 190));
    const res = await testConnection(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, status: 401 });
    expect(res.body.detail).toContain("Session has expired");
    expectNoSecret(res.body);
  });

  it("reports a provider it cannot reach as status 0, ok false", async () => {
    const id = await whatsappInbox();
    fakeProvider(GRAPH).on("GET", /.*/, [], networkFailure());
    const res = await testConnection(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, status: 0 });
    expectNoSecret(res.body);
  });

  it("refuses an inbox whose credentials cannot be opened (409) or when the server has no key (503), calling nobody", async () => {
    const id = await whatsappInbox();
    const graph = fakeProvider(GRAPH).on("GET", /.*/, [], () => Response.json({}));
    await env.DB.prepare("UPDATE inboxes SET credentials = NULL WHERE id = ?").bind(id).run();
    const res = await testConnection(id);
    expectApiError(res, 409, "conflict");
    expect(res.body.error.message).toContain("credentials");

    const other = await whatsappInbox();
    const keyless = await app.fetch(
      new Request(`${ORIGIN}/api/v1/inboxes/${other}/test-connection`, { method: "POST", headers: { Origin: ORIGIN, Cookie: boss.cookie! } }),
      { ...env, CREDENTIALS_KEY: undefined },
      createExecutionContext(),
    );
    expectApiError({ status: keyless.status, body: await keyless.json(), headers: keyless.headers }, 503, "credentials_unavailable");
    expect(graph.calls).toEqual([]);
  });
});

describe("GET /api/v1/inboxes/{id}/templates", () => {
  it("lists the approved templates the provider returns", async () => {
    const id = await whatsappInbox();
    const template = {
      name: "pedido_enviado",
      language: "pt_BR",
      status: "APPROVED",
      category: "UTILITY",
      id: "1234567890",
      components: [{ type: "BODY", text: "Olá {{1}}, seu pedido {{2}} foi enviado." }],
    };
    fakeProvider(GRAPH).on("GET", /message_templates/, [], () => Response.json({ data: [template], paging: { cursors: { before: "a", after: "b" } } }));
    const res = await templates(id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.templates).toEqual([{ name: "pedido_enviado", language: "pt_BR", category: "UTILITY", body: "Olá {{1}}, seu pedido {{2}} foi enviado.", parameterCount: 2 }]);
  });

  it("answers a provider failure with 502 unavailable and the provider's words, no secret", async () => {
    const id = await whatsappInbox();
    fakeProvider(GRAPH).on("GET", /.*/, [], graphError(500, "An unexpected error has occurred. Please retry your request later.", 2));
    const res = await templates(id);
    expectApiError(res, 502, "unavailable");
    expect(res.body.error.message).toContain("unexpected error");
    expectNoSecret(res.body);
  });
});
