/**
 * Bad input on the report routes (issue 18): malformed, oversize and unknown bodies and
 * query strings (periods backwards or over two years, unknown metrics, groupings,
 * clocks, zones), each a 4xx JSON error that stores nothing. Rows in
 * bad-input-report-routes.ts; the body cases are derived as in bad-input.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, describeQueryRoutes, huge } from "./bad-input-kit";
import { REPORT_BODY_ROUTES, REPORT_QUERY_ROUTES, type ReportWorld } from "./bad-input-report-routes";
import { customerWrites, owner } from "./fixtures";
import { call } from "./http-client";

const w = {} as ReportWorld;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = (await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Bad input reports" }, client: w.boss })).body;
  const c = await customerWrites(inbox.publicKey, "First message");
  const saved = await call("/api/v1/reports/saved", {
    method: "POST",
    json: { name: "Existing", definition: { metrics: ["reply"], view: "series", period: { preset: "last_7_days" } } },
    client: w.boss,
  });
  if (saved.status !== 201) throw new Error(JSON.stringify(saved.body));
  Object.assign(w, { conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId, savedReportId: saved.body.id });
});

describeBodyRoutes(w, REPORT_BODY_ROUTES);
describeQueryRoutes(w, REPORT_QUERY_ROUTES);

describe.each([
  ["PUT", { name: "x", definition: { metrics: ["reply"], view: "series", period: { preset: "today" } } }],
  ["DELETE", undefined],
] as const)("%s /api/v1/reports/saved/{id}", (method, json) => {
  it("answers an id over 64 characters with 400 at id, and an unknown id with 404 report_not_found", async () => {
    const long = await call(`/api/v1/reports/saved/${huge(65)}`, { method, json, client: { ...w.boss } });
    expectApiError(long, 400, "validation_failed");
    expect(long.body.error.issues[0].path).toEqual(["id"]);
    expectApiError(await call(`/api/v1/reports/saved/${crypto.randomUUID()}`, { method, json, client: { ...w.boss } }), 404, "report_not_found");
  });
});
