/**
 * The bad-input rows of GET /api/v1/audit-log's query, for bad-input-audit.test.ts: each
 * answers a 4xx JSON error naming the parameter, and stores nothing.
 */
import { huge, type QueryRoute } from "./bad-input-kit";

const cursorOf = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "");

export const AUDIT_QUERY_ROUTES: QueryRoute[] = [
  {
    name: "GET /api/v1/audit-log",
    path: (_, q) => `/api/v1/audit-log?${q}`,
    as: (w) => ({ client: w.boss }),
    cases: [
      { query: "action=bogus", issueAt: ["action"] },
      { query: "action=", issueAt: ["action"] },
      { query: "action=auth.sign_in&action=auth.sign_out", issueAt: ["action"] },
      { query: "actorId=", issueAt: ["actorId"] },
      { query: `actorId=${huge(65)}`, issueAt: ["actorId"] },
      { query: `targetId=${huge(129)}`, issueAt: ["targetId"] },
      { query: "from=-1", issueAt: ["from"] },
      { query: "from=abc", issueAt: ["from"] },
      { query: "to=1.5", issueAt: ["to"] },
      { query: "from=2000&to=1000", issueAt: ["from"] },
      { query: "limit=0", issueAt: ["limit"] },
      { query: "limit=201", issueAt: ["limit"] },
      { query: "limit=abc", issueAt: ["limit"] },
      { query: "cursor=", issueAt: ["cursor"] },
      { query: "cursor=not-a-cursor", issueAt: ["cursor"] },
      { query: `cursor=${cursorOf(["1", "x"])}`, issueAt: ["cursor"] },
      { query: `cursor=${cursorOf({ at: 1, id: "x" })}`, issueAt: ["cursor"] },
      { query: `cursor=${huge(201)}`, issueAt: ["cursor"] },
      { query: "page=2", issueAt: [] },
    ],
  },
];
