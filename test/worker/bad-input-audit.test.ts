/**
 * Bad input on the audit log's query (rows in bad-input-audit-routes.ts): unknown actions,
 * ids too long, times that are not times or run backwards, limits out of range, cursors
 * this API did not issue and unknown parameters each get a 4xx JSON error and store nothing.
 */
import { beforeAll } from "vitest";
import { describeQueryRoutes, type World } from "./bad-input-kit";
import { AUDIT_QUERY_ROUTES } from "./bad-input-audit-routes";
import { customerWrites, owner, webchatInbox } from "./fixtures";

const w = {} as World;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = await webchatInbox(w.boss, "Bad input audit");
  const c = await customerWrites(inbox.publicKey, "First message");
  Object.assign(w, { conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId });
});

describeQueryRoutes(w, AUDIT_QUERY_ROUTES);
