/**
 * @module Who is reading the help center, the one input every visibility decision takes.
 *
 * - anonymous: a visitor of the public site or the widget: public articles only;
 * - customer: a customer signed in to the portal (/portal, issue 17's customer portal):
 *   public and customers' articles, and segment articles whose tag their contact has;
 * - agent: a console session or a token with `articles:manage`: everything, internal too.
 * Drafts are never shown to any of them by the public reads (db/hc-published.ts) and
 * search (db/hc-search.ts); editors see drafts only through the console's article API.
 */
export type HcAudience = { kind: "anonymous" } | { kind: "customer"; contactId: string } | { kind: "agent" };

export const ANONYMOUS: HcAudience = { kind: "anonymous" };
export const AGENT: HcAudience = { kind: "agent" };
