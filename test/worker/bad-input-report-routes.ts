/**
 * The bad-input rows of the report routes (issue 18): one valid request per body route,
 * from which bad-input-kit.ts derives the cases, and the query cases of the report reads.
 * Used by bad-input-reports.test.ts; bad-input-coverage.test.ts checks every JSON-body
 * route has a row.
 */
import { MAX_SAVED_REPORT_NAME_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute, type QueryRoute, type World } from "./bad-input-kit";

export interface ReportWorld extends World {
  savedReportId: string;
}

const asOwner = (world: ReportWorld) => ({ client: world.boss });

const savedReport = () => ({ name: "Primeira resposta por agente", shared: true, definition: { metrics: ["first_response"], view: "breakdown", groupBy: "agent", period: { preset: "last_30_days" } } });
const savedReportCases: BodyRoute<ReportWorld>["badValues"] = [
  { label: "an empty name", set: { name: "" } },
  { label: "a name of spaces", set: { name: "   " } },
  { label: `a name over ${MAX_SAVED_REPORT_NAME_CHARS} characters`, set: { name: huge(MAX_SAVED_REPORT_NAME_CHARS + 1) } },
  { label: "no metrics", set: { definition: { ...savedReport().definition, metrics: [] } } },
  { label: "an unknown metric", set: { definition: { ...savedReport().definition, metrics: ["happiness"] } } },
  { label: "an unknown view", set: { definition: { ...savedReport().definition, view: "pie" } } },
  { label: "an unknown grouping", set: { definition: { ...savedReport().definition, groupBy: "weekday" } } },
  { label: "an unknown period preset", set: { definition: { ...savedReport().definition, period: { preset: "forever" } } } },
  { label: "a period with a negative start", set: { definition: { ...savedReport().definition, period: { from: -1, to: 5 } } } },
  { label: "an unknown filter", set: { definition: { ...savedReport().definition, filters: { contactId: "c1" } } } },
];

export const REPORT_BODY_ROUTES: BodyRoute<ReportWorld>[] = [
  {
    name: "POST /api/v1/reports/saved",
    path: () => "/api/v1/reports/saved",
    as: asOwner,
    valid: savedReport,
    wrongTypes: { name: 5, shared: "yes", definition: "first_response" },
    required: ["name", "definition"],
    badValues: savedReportCases,
  },
  {
    name: "PUT /api/v1/reports/saved/{id}",
    method: "PUT",
    path: (w) => `/api/v1/reports/saved/${w.savedReportId}`,
    as: asOwner,
    valid: savedReport,
    wrongTypes: { name: 5, shared: "yes", definition: "first_response" },
    required: ["name", "definition"],
    badValues: savedReportCases,
  },
  {
    name: "PUT /api/v1/reports/settings",
    method: "PUT",
    path: () => "/api/v1/reports/settings",
    as: asOwner,
    valid: () => ({ timeZone: "America/Manaus" }),
    wrongTypes: { timeZone: -3 },
    required: ["timeZone"],
    badValues: [
      { label: "an empty zone", set: { timeZone: "" } },
      { label: "a zone no runtime knows", set: { timeZone: "America/Atlantis" } },
      { label: "a zone name over 64 characters", set: { timeZone: huge(65) } },
    ],
  },
  {
    name: "POST /api/v1/reports/rebuild",
    path: () => "/api/v1/reports/rebuild",
    as: asOwner,
    valid: () => ({ after: "conversation-id" }),
    wrongTypes: { after: 5 },
    required: [],
    badValues: [
      { label: "an empty cursor", set: { after: "" } },
      { label: "a cursor over 64 characters", set: { after: huge(65) } },
    ],
  },
];

const PERIOD = "from=0&to=3600000";
/** Cases every report read shares: the period, the clock, the filters. */
const PERIOD_CASES: QueryRoute<ReportWorld>["cases"] = [
  { query: "to=3600000", issueAt: ["from"] },
  { query: "from=0", issueAt: ["to"] },
  { query: "from=abc&to=3600000", issueAt: ["from"] },
  { query: "from=-1&to=3600000", issueAt: ["from"] },
  { query: "from=1.5&to=3600000", issueAt: ["from"] },
  { query: "from=7200000&to=3600000", issueAt: ["to"] },
  { query: "from=3600000&to=3600000", issueAt: ["to"] },
  { query: "from=0&to=94867200001", issueAt: ["to"] },
  { query: `${PERIOD}&clock=sideways`, issueAt: ["clock"] },
  { query: `${PERIOD}&channel=fax`, issueAt: ["channel"] },
  { query: `${PERIOD}&agentId=`, issueAt: ["agentId"] },
  { query: `${PERIOD}&teamId=${huge(65)}`, issueAt: ["teamId"] },
  { query: `${PERIOD}&inboxId=${huge(65)}`, issueAt: ["inboxId"] },
  { query: `${PERIOD}&contactId=c1`, issueAt: [] },
];

const route = (name: string, extra: string, cases: QueryRoute<ReportWorld>["cases"]): QueryRoute<ReportWorld> => ({
  name: `GET ${name}`,
  path: (_, q) => `${name}?${q}${extra}`,
  as: asOwner,
  cases: [...PERIOD_CASES, ...cases],
});

export const REPORT_QUERY_ROUTES: QueryRoute<ReportWorld>[] = [
  route("/api/v1/reports/overview", "", []),
  route("/api/v1/reports/breakdown", "&groupBy=agent", [{ query: `${PERIOD}&groupBy=weekday`, issueAt: ["groupBy"] }]),
  {
    name: "GET /api/v1/reports/breakdown without groupBy",
    path: (_, q) => `/api/v1/reports/breakdown?${q}`,
    as: asOwner,
    cases: [{ query: PERIOD, issueAt: ["groupBy"] }],
  },
  route("/api/v1/reports/series", "", [
    { query: `${PERIOD}&interval=year`, issueAt: ["interval"] },
    { query: `${PERIOD}&metrics=happiness`, issueAt: ["metrics"] },
    { query: `${PERIOD}&metrics=`, issueAt: ["metrics"] },
    { query: `${PERIOD}&metrics=${huge(401)}`, issueAt: ["metrics"] },
  ]),
  route("/api/v1/reports/distribution", "&metric=first_response", [
    { query: `${PERIOD}&groupBy=weekday`, issueAt: ["groupBy"] },
  ]),
  {
    name: "GET /api/v1/reports/distribution of a count",
    path: (_, q) => `/api/v1/reports/distribution?${q}`,
    as: asOwner,
    cases: [
      { query: PERIOD, issueAt: ["metric"] },
      { query: `${PERIOD}&metric=messages_in`, issueAt: ["metric"] },
      { query: `${PERIOD}&metric=happiness`, issueAt: ["metric"] },
    ],
  },
  route("/api/v1/reports/export", "&report=breakdown", [
    { query: `${PERIOD}&interval=year`, issueAt: ["interval"] },
    { query: `${PERIOD}&groupBy=weekday`, issueAt: ["groupBy"] },
  ]),
  {
    name: "GET /api/v1/reports/export of an unknown report",
    path: (_, q) => `/api/v1/reports/export?${q}`,
    as: asOwner,
    cases: [
      { query: PERIOD, issueAt: ["report"] },
      { query: `${PERIOD}&report=pdf`, issueAt: ["report"] },
    ],
  },
];
