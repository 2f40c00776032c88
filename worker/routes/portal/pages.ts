/**
 * @module The customer portal's pages at /portal, rendered here on the server: signed
 * out, the sign-in page (and a link's landing page); signed in, the conversation list, a
 * conversation, and the new-request form. They read what the JSON API reads, through the
 * same functions, so a page never shows what the API would refuse. Not part of the
 * OpenAPI document: these are pages, not API operations.
 *
 * Headers: a strict CSP (only our own script and stylesheet; no inline script), no
 * framing, no referrer beyond our origin, and `no-store` on signed-in pages (a shared
 * computer's back button must not show a signed-out customer's conversations).
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../env";
import { withDatabase } from "../../http/database";
import { portalCustomer } from "../../auth/portal-session";
import { conversationOfContact, conversationsOfContact } from "../../db/portal-conversations";
import { readPortalSettings } from "../../db/portal-settings";
import { portalPasswordOf } from "../../db/portal-customers";
import { roomOf } from "../../conversation/room-client";
import { contactLog } from "../../portal/contact-log";
import { portalLocale } from "../../portal/locale";
import { portalConversation, portalEvents } from "../../portal/view";
import { linkLandingPage, signInPage } from "../../portal/pages/sign-in";
import { conversationListPage, conversationPage, newRequestPage, notFoundPage } from "../../portal/pages/conversations";
import type { Page } from "../../portal/pages/layout";
import { PORTAL_CSS, PORTAL_JS } from "../../portal/assets";

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function locale(c: Context<AppEnv>) {
  return portalLocale(c.req.query("lang"), c.req.header("Accept-Language"));
}

async function page(c: Context<AppEnv>, body: Page, status: 200 | 404 = 200): Promise<Response> {
  c.header("Content-Security-Policy", CSP);
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "same-origin");
  c.header("Cache-Control", "no-store");
  return c.html(await body, status);
}

function asset(body: string, type: string): Response {
  return new Response(body, { headers: { "Content-Type": type, "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" } });
}

export const portalPages = new Hono<AppEnv>()
  .use("/portal", withDatabase)
  .use("/portal/*", withDatabase)
  .get("/portal/portal.js", () => asset(PORTAL_JS, "text/javascript; charset=utf-8"))
  .get("/portal/portal.css", () => asset(PORTAL_CSS, "text/css; charset=utf-8"))
  .get("/portal/sign-in", (c) => page(c, linkLandingPage(locale(c))))
  .get("/portal", async (c) => {
    const lang = locale(c);
    const customer = await portalCustomer(c);
    if (!customer) return page(c, signInPage(lang));
    const [rows, settings, password] = await Promise.all([
      conversationsOfContact(c.var.db, customer.contactId),
      readPortalSettings(c.var.db),
      portalPasswordOf(c.var.db, customer.contactId),
    ]);
    return page(c, conversationListPage(lang, rows.map(portalConversation), { email: customer.email, hasPassword: password !== null }, settings.inboxId !== null));
  })
  .get("/portal/new", async (c) => {
    const lang = locale(c);
    if (!(await portalCustomer(c))) return c.redirect(`/portal?lang=${lang}`);
    return page(c, newRequestPage(lang, (await readPortalSettings(c.var.db)).categories));
  })
  .get("/portal/conversations/:id", async (c) => {
    const lang = locale(c);
    const customer = await portalCustomer(c);
    if (!customer) return c.redirect(`/portal?lang=${lang}`);
    const id = c.req.param("id");
    const row = id.length <= 64 ? await conversationOfContact(c.var.db, customer.contactId, id) : undefined;
    if (!row) return page(c, notFoundPage(lang), 404);
    const [state, events] = await Promise.all([roomOf(c.env, row).snapshot(), contactLog(c.env, row)]);
    return page(c, conversationPage(lang, portalConversation({ ...row, status: state.status }), portalEvents(events), state.status !== "resolved"));
  });
