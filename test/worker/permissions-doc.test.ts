/**
 * docs/permissions.md is generated from the route table (test/worker/permission-matrix.ts):
 * a route added, removed or given another access level without regenerating the document
 * fails here, so the published matrix never drifts from what the authorization suites test.
 */
import { describe, expect, it } from "vitest";
import doc from "../../docs/permissions.md?raw";
import { NOTES, permissionMatrix, REGENERATE } from "./permission-matrix";
import { ROUTES } from "./route-table";

describe("docs/permissions.md", () => {
  it(`matches the route table (if not, run \`${REGENERATE}\`)`, () => {
    expect(doc, `docs/permissions.md is out of date: run \`${REGENERATE}\``).toBe(permissionMatrix(ROUTES));
  });

  it("has one row per route of the table, each route once", () => {
    const rows = doc.split("\n").filter((l) => /^\| (GET|POST|PUT|PATCH|DELETE) \|/.test(l));
    const named = rows.map((l) => l.split("|").slice(1, 3).map((c) => c.trim().replace(/`/g, "")).join(" "));
    expect(named).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`));
    expect(new Set(named).size).toBe(named.length);
  });

  it("shows an admin-only route denied to visitors, customers and agents, allowed to admins and owners", () => {
    const row = doc.split("\n").find((l) => l.startsWith("| POST | `/api/v1/agents` |"));
    expect(row?.split("|").slice(4, 9).map((c) => c.trim())).toEqual(["❌", "❌", "❌", "✅", "✅"]);
  });

  it("has notes only for routes the table holds", () => {
    const routes = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    for (const key of Object.keys(NOTES)) expect(routes.has(key), key).toBe(true);
  });
});
