/**
 * @module Who a widget request comes from: the visitor token names the contact and the
 * inbox; the conversation is always looked up, never taken from the request.
 */
import type { Context } from "hono";
import { newId, type Db } from "../../db/client";
import { latestConversationOf } from "../../db/conversations";
import { findContact, toWidgetContact, verifiedUserOf } from "../../db/contacts";
import { findInbox, type InboxRow } from "../../db/inboxes";
import { ApiError } from "../../http/api-error";
import { WebchatSettings, type ConversationSummary, type WidgetSession } from "../../protocol";
import { VISITOR_TOKEN_RENEWABLE_MS, signVisitorToken, verifyVisitorToken, type VisitorClaims } from "../../auth/widget-token";
import { isRevoked } from "../../db/visitor-tokens";
import { roomOf } from "../../conversation/room-client";
import type { AppEnv } from "../../env";
import { conversationFor as threadConversationFor, threadFor } from "../threads";
import { webchatAdapter } from "./adapter";

export function settingsOf(inbox: InboxRow): WebchatSettings {
  const parsed = WebchatSettings.safeParse(inbox.settings);
  return parsed.success ? parsed.data : WebchatSettings.parse({});
}

/** Settings the widget may see: everything but the opening-hours table, which only
 * matters to the server's `online` answer. */
export function publicSettings(inbox: InboxRow) {
  const { businessHours: _hidden, ...rest } = settingsOf(inbox);
  return rest;
}

export function bearer(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("Authorization");
  return header?.startsWith("Bearer ") ? header.slice(7) : undefined;
}

export function clientAddress(c: Context<AppEnv>): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}

export interface Visitor {
  claims: Pick<VisitorClaims, "contactId" | "inboxId">;
  conversation: ConversationSummary;
}

/** Verifies the token and finds its conversation; 401 `invalid_token` otherwise, and 401
 * `token_expired` for a genuine token past its expiry (the widget renews and retries). */
export async function visitorFrom(c: Context<AppEnv>, token: string | undefined): Promise<Visitor> {
  const db = c.var.db;
  const claims = token ? await verifyVisitorToken(db, token) : null;
  if (!claims) throw new ApiError(401, "invalid_token", "Missing or invalid visitor token.");
  if (claims.exp <= Date.now()) throw new ApiError(401, "token_expired", "This visitor token has expired; renew it with POST /api/v1/widget/sessions.");
  if (await isRevoked(db, claims)) throw new ApiError(401, "invalid_token", "This visitor token was revoked; start a new session.");
  return visitorOfClaims(db, claims);
}

/** The conversation of already verified claims (a socket ticket's, a token's). */
export async function visitorOfClaims(db: Db, claims: Visitor["claims"]): Promise<Visitor> {
  const conversation = await latestConversationOf(db, claims.contactId, claims.inboxId);
  if (!conversation) throw new ApiError(401, "invalid_token", "This visitor token no longer matches a conversation; start a new session.");
  return { claims, conversation };
}

/** The claims of a token that may be exchanged for a fresh one on `inboxId`: genuine, of
 * that inbox, not revoked, and expired for less than the renewal window. */
export async function renewableClaims(db: Db, token: string | undefined, inboxId: string, now = Date.now()): Promise<VisitorClaims | null> {
  const claims = token ? await verifyVisitorToken(db, token) : null;
  if (!claims || claims.inboxId !== inboxId || claims.exp + VISITOR_TOKEN_RENEWABLE_MS <= now) return null;
  return (await isRevoked(db, claims)) ? null : claims;
}

/** The contact's conversation in `inbox`, made if missing (a verified user's contact
 * arriving in an inbox it never wrote to). Through the seam's find-or-create, so two
 * concurrent sessions of that contact make one thread, not two. */
export async function conversationFor(db: Db, contactId: string, inbox: InboxRow): Promise<ConversationSummary> {
  // The reopen window does not apply: web chat's rule keeps one thread per visitor.
  return threadConversationFor(db, inbox, contactId, webchatAdapter.reuse, 0, Date.now());
}

/** A brand-new anonymous visitor: contact, web chat identity and first conversation, in
 * one batch. The identity's external id is minted here: an anonymous visitor has no id of
 * its own, and the visitor token (naming the contact) is what brings it back. */
export async function newVisitor(db: Db, inbox: InboxRow): Promise<ConversationSummary> {
  return threadFor(db, inbox, { externalId: newId() }, webchatAdapter.reuse, 0, Date.now());
}

/** The session answer for a contact and its conversation: a fresh token, the contact as
 * the widget shows it, and the live status from the room. */
export async function sessionAnswer(c: Context<AppEnv>, inbox: InboxRow, conversation: ConversationSummary): Promise<WidgetSession> {
  const db = c.var.db;
  const [contact, verified, state] = await Promise.all([
    findContact(db, conversation.contactId),
    verifiedUserOf(db, conversation.contactId),
    roomOf(c.env, conversation).snapshot(),
  ]);
  // Read after any revocation the caller made, so the new token carries the new generation.
  const { token, exp } = await signVisitorToken(db, {
    contactId: conversation.contactId,
    inboxId: inbox.id,
    gen: contact!.tokenGeneration,
    // Only a verified visitor's standing depends on the identity secret.
    ...(verified ? { ig: inbox.visitorTokenGeneration } : {}),
  });
  return {
    token,
    tokenExpiresAt: exp,
    contactId: conversation.contactId,
    conversationId: conversation.id,
    contact: toWidgetContact(contact!, verified !== undefined),
    status: state.status,
    inbox: { name: inbox.name, settings: publicSettings(inbox) },
  };
}

export async function inboxOfClaims(db: Db, claims: Visitor["claims"]): Promise<InboxRow> {
  const inbox = await findInbox(db, claims.inboxId);
  if (!inbox) throw new ApiError(401, "invalid_token", "This visitor token's inbox is gone.");
  return inbox;
}
