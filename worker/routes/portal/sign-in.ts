/**
 * @module Signing customers in to the portal: a one-time link by e-mail, or a password
 * they set after a link sign-in; signing out; who is signed in.
 *
 * A link request answers the same (202) whether or not the address belongs to a contact
 * and whether or not mail could be sent, so the portal cannot be used to learn who is a
 * customer; an unknown address gets no mail. The mail is sent after the answer
 * (`waitUntil`), which also keeps the known and unknown answers close in time. A link
 * opens a page with a button rather than signing in on the GET itself: mail scanners
 * fetch links, and would otherwise spend them.
 */
import { createRoute } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, router } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { audited } from "../../audit/entry";
import { recordPortalSignInFailureAudit } from "../../audit/sign-in-failures";
import { Ok, PortalCustomer, PortalLinkBody, PortalLinkSent, PortalPasswordBody, PortalRedeemBody, PortalSetPasswordBody } from "../../protocol";
import { randomToken, sha256Base64Url } from "../../auth/encoding";
import { takeTokenTimed, type RateLimit } from "../../auth/rate-limit";
import { decoyHash, hashPassword, verifyPassword } from "../../auth/password";
import { mayTrySignIn, recordSignInFailure, recordSignInSuccess } from "../../auth/login-limits";
import { endPortalSession, startPortalSession } from "../../auth/portal-session";
import { consumeSignInLink, contactByEmail, insertSignInLink, portalPasswordOf, revokeOtherPortalSessions, savePortalPassword } from "../../db/portal-customers";
import { readPortalSettings } from "../../db/portal-settings";
import { findContact } from "../../db/contacts";
import { portalSender, sendSignInMail } from "../../portal/sign-in-mail";
import { LINK_TTL_MS, LINKS_PER_ADDRESS, LINKS_PER_IP, REDEEMS_PER_IP, passwordAccountKey } from "../../portal/limits";
import { clientAddress } from "../../channels/webchat/visitor";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { customerOnly } from "./access";

const requestLink = createRoute({
  method: "post",
  path: "/api/v1/portal/sign-in/link",
  request: jsonBody(PortalLinkBody),
  responses: { 202: jsonResponse(PortalLinkSent, "Accepted; a link is mailed if the address belongs to a customer"), 400: errors[400], 403: errors[403], 429: errors[429] },
});
const redeem = createRoute({
  method: "post",
  path: "/api/v1/portal/sign-in/redeem",
  request: jsonBody(PortalRedeemBody),
  responses: { 200: jsonResponse(PortalCustomer, "Signed in; the portal cookie is set"), 400: errors[400], 403: errors[403], 410: errors[410], 429: errors[429] },
});
const passwordSignIn = createRoute({
  method: "post",
  path: "/api/v1/portal/sign-in/password",
  request: jsonBody(PortalPasswordBody),
  responses: { 200: jsonResponse(PortalCustomer, "Signed in; the portal cookie is set"), 400: errors[400], 401: errors[401], 403: errors[403], 429: errors[429] },
});
const signOut = createRoute({
  method: "post",
  path: "/api/v1/portal/sign-out",
  responses: { 200: jsonResponse(Ok, "Session revoked"), 403: errors[403] },
});
const me = createRoute({
  method: "get",
  path: "/api/v1/portal/me",
  ...customerOnly,
  responses: { 200: jsonResponse(PortalCustomer, "The signed-in customer"), 401: errors[401] },
});
const setPassword = createRoute({
  method: "put",
  path: "/api/v1/portal/password",
  ...customerOnly,
  request: jsonBody(PortalSetPasswordBody),
  responses: { 200: jsonResponse(PortalCustomer, "Saved; the customer's other sessions are ended"), 400: errors[400], 401: errors[401], 403: errors[403] },
});

async function limit(c: Context<AppEnv>, key: string, rule: RateLimit): Promise<void> {
  const { allowed, retryAfterMs } = await takeTokenTimed(c.var.db, key, rule);
  if (!allowed) {
    c.header("Retry-After", String(Math.ceil(retryAfterMs / 1000)));
    throw new ApiError(429, "rate_limited", "Too many attempts; please wait a few minutes.");
  }
}

async function customerAnswer(c: Context<AppEnv>, contactId: string, email: string) {
  const [contact, password] = await Promise.all([findContact(c.var.db, contactId), portalPasswordOf(c.var.db, contactId)]);
  return { name: contact && !contact.nameGenerated ? contact.name : null, email, hasPassword: password !== null };
}

export const portalSignInRoutes = router()
  .openapi(requestLink, async (c) => {
    const { email, locale } = c.req.valid("json");
    const db = c.var.db;
    await limit(c, `portal:link:ip:${clientAddress(c)}`, LINKS_PER_IP);
    await limit(c, `portal:link:email:${email}`, LINKS_PER_ADDRESS);
    const [contactId, settings] = await Promise.all([contactByEmail(db, email), readPortalSettings(db)]);
    const sender = contactId && settings.inboxId ? await portalSender(db, settings.emailInboxId) : null;
    if (contactId && sender) {
      const token = randomToken();
      const now = Date.now();
      await insertSignInLink(db, { tokenHash: await sha256Base64Url(token), contactId, email, now, expiresAt: now + LINK_TTL_MS });
      const lang = locale ?? "pt-BR";
      const link = `${new URL(c.req.url).origin}/portal/sign-in?lang=${encodeURIComponent(lang)}#token=${token}`;
      c.executionCtx.waitUntil(
        sendSignInMail(c.env, sender, { to: email, link, locale: lang }).catch((err: unknown) => {
          // Never the address or the link: the log is not the customer's mailbox.
          console.warn(JSON.stringify({ msg: "portal sign-in mail not sent", contactId, error: String(err).slice(0, 300) }));
        }),
      );
    }
    return c.json({ sent: true as const }, 202);
  })
  .openapi(redeem, async (c) => {
    await limit(c, `portal:redeem:ip:${clientAddress(c)}`, REDEEMS_PER_IP);
    const used = await consumeSignInLink(c.var.db, await sha256Base64Url(c.req.valid("json").token), Date.now());
    if (!used) throw new ApiError(410, "link_expired", "This sign-in link was already used or has expired; ask for a new one.");
    await startPortalSession(c, used.contactId, used.email, "link");
    return c.json(await customerAnswer(c, used.contactId, used.email), 200);
  })
  .openapi(passwordSignIn, async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.var.db;
    const ip = clientAddress(c);
    const account = passwordAccountKey(email);
    if (!(await mayTrySignIn(db, ip, account))) throw new ApiError(429, "rate_limited", "Too many failed sign-ins. Wait a few minutes and try again.");
    const contactId = await contactByEmail(db, email);
    const stored = contactId ? await portalPasswordOf(db, contactId) : null;
    // The same PBKDF2 work with or without a password on file: no timing tells them apart.
    const ok = await verifyPassword(password, stored ?? (await decoyHash()));
    if (!contactId || !stored || !ok) {
      await recordSignInFailure(db, ip, account);
      await recordPortalSignInFailureAudit(c, { email, contactId, reason: !contactId ? "unknown_account" : !stored ? "no_password" : "wrong_password" });
      throw new ApiError(401, "invalid_credentials", "E-mail or password is wrong.");
    }
    await recordSignInSuccess(db, ip, account);
    await startPortalSession(c, contactId, email, "password");
    return c.json(await customerAnswer(c, contactId, email), 200);
  })
  .openapi(signOut, async (c) => {
    await endPortalSession(c);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(me, async (c) => c.json(await customerAnswer(c, c.var.customer.contactId, c.var.customer.email), 200))
  .openapi(setPassword, async (c) => {
    const { contactId, email, sessionHash } = c.var.customer;
    const now = Date.now();
    const audit = audited(c, "portal.password_changed", { type: "contact", id: contactId }, {}, { type: "contact", id: contactId, name: null });
    await savePortalPassword(c.var.db, contactId, await hashPassword(c.req.valid("json").password), now, audit);
    // Whoever else held a session (a forgotten shared computer) is out; this one stays.
    await revokeOtherPortalSessions(c.var.db, contactId, sessionHash, now);
    return c.json(await customerAnswer(c, contactId, email), 200);
  });
