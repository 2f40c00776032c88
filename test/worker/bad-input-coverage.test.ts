/**
 * The bad-input suites cover every route that reads a JSON body: the routes are read
 * from the OpenAPI document (as the route table's test does for authorization), so a
 * route added without a row in the bad-input tables fails here instead of shipping
 * without its malformed, oversize, wrong-type and unknown-field cases.
 */
import { describe, expect, it } from "vitest";
import { CONSOLE_BODY_ROUTES } from "./bad-input-console-routes";
import type { BodyRoute } from "./bad-input-kit";
import { ACCOUNT_BODY_ROUTES, CONVERSATION_BODY_ROUTES, SETUP } from "./bad-input-routes";
import { WIDGET_BODY_ROUTES } from "./bad-input-widget-routes";
import { ROUTING_BODY_ROUTES } from "./bad-input-routing-routes";
import { BOT_BODY_ROUTES } from "./bad-input-bot-routes";
import { PRIORITY_BODY_ROUTES } from "./bad-input-priority-routes";
import { TOKEN_BODY_ROUTES } from "./bad-input-token-routes";
import { AUTOMATION_BODY_ROUTES } from "./bad-input-automation-routes";
import { WEBHOOK_BODY_ROUTES } from "./bad-input-webhook-routes";
import { RIGHTS_BODY_ROUTES } from "./bad-input-rights-routes";
import { OUTBOUND_BODY_ROUTES } from "./bad-input-outbound-routes";
import { CONSENT_BODY_ROUTES } from "./bad-input-consent-routes";
import { PORTAL_BODY_ROUTES } from "./bad-input-portal-routes";
import { REPORT_BODY_ROUTES } from "./bad-input-report-routes";
import { HC_BODY_ROUTES } from "./bad-input-helpcenter-routes";
import { call } from "./http-client";

/** Every body row of bad-input.test.ts and bad-input-console.test.ts. */
const BODY_ROWS: BodyRoute<any>[] = [SETUP, ...ACCOUNT_BODY_ROUTES, ...CONVERSATION_BODY_ROUTES, ...WIDGET_BODY_ROUTES, ...CONSOLE_BODY_ROUTES, ...ROUTING_BODY_ROUTES, ...PRIORITY_BODY_ROUTES, ...TOKEN_BODY_ROUTES, ...AUTOMATION_BODY_ROUTES, ...BOT_BODY_ROUTES, ...WEBHOOK_BODY_ROUTES, ...RIGHTS_BODY_ROUTES, ...OUTBOUND_BODY_ROUTES, ...CONSENT_BODY_ROUTES, ...PORTAL_BODY_ROUTES, ...REPORT_BODY_ROUTES, ...HC_BODY_ROUTES];

const VERBS = new Set(["get", "post", "put", "patch", "delete"]);

interface Operation {
  requestBody?: { content?: Record<string, unknown> };
}

/** `METHOD /path` of every documented operation whose request body is JSON. */
async function jsonBodyOperations(): Promise<string[]> {
  const doc = await call("/api/v1/openapi.json");
  expect(doc.status).toBe(200);
  return Object.entries(doc.body.paths as Record<string, Record<string, Operation>>)
    .flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method, op]) => VERBS.has(method) && op.requestBody?.content?.["application/json"] !== undefined)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe("the bad-input tables", () => {
  it("have exactly one body row per documented operation with a JSON body, so a new one cannot ship without its cases", async () => {
    const documented = await jsonBodyOperations();
    // The check means something only if the document does mark JSON bodies.
    expect(documented).toContain("POST /api/v1/conversations/{id}/messages");
    expect(BODY_ROWS.map((r) => r.name).sort()).toEqual(documented);
  });

  it("send each body row with the method its name says", () => {
    for (const route of BODY_ROWS) expect(route.name, route.name).toMatch(new RegExp(`^${route.method ?? "POST"} /api/`));
  });
});
