/**
 * @module One-click unsubscribe from marketing e-mail (RFC 8058,
 * https://www.rfc-editor.org/rfc/rfc8058): `POST /u/{token}` with the body
 * `List-Unsubscribe=One-Click` — what Gmail's and Outlook's unsubscribe button sends —
 * revokes the contact's e-mail consent for every marketing purpose (ledger source
 * `list_unsubscribe`, recorded by the contact). `GET` only shows a page with a button
 * that sends that POST: link scanners and previews fetch URLs from mail, and must never
 * unsubscribe anyone (RFC 8058 section 3.2 makes the POST the action for this reason).
 *
 * Public on purpose: the signed token is the authority (../unsubscribe/link.ts), and the
 * request carries no cookie or credential (RFC 8058 section 3.2 forbids them).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { readUnsubscribeToken } from "../unsubscribe/link";
import { readCapped } from "../channels/read-capped";
import { unsubscribePage, type PageKind } from "../unsubscribe/page";
import { revokeMarketingEmail } from "../unsubscribe/revoke";
import type { AppEnv } from "../env";

const Params = z.object({ token: z.string().min(1).max(200) });
/** The one body RFC 8058 defines; anything longer is not a one-click POST. */
const ONE_CLICK = "List-Unsubscribe=One-Click";
const MAX_BODY_BYTES = 1_024;

const html = (description: string) => ({ content: { "text/html": { schema: z.string() } }, description });

const page = createRoute({
  method: "get",
  path: "/u/{token}",
  description: "The unsubscribe link opened in a browser: a page with a button (never unsubscribes by itself).",
  request: { params: Params },
  responses: { 200: html("The confirmation page"), 403: errors[403], 410: errors[410] },
});
const oneClick = createRoute({
  method: "post",
  path: "/u/{token}",
  description: "RFC 8058 one-click unsubscribe: revokes the contact's e-mail consent for the marketing purposes.",
  request: { params: Params },
  responses: { 200: html("Unsubscribed (also when already unsubscribed)"), 400: errors[400], 403: errors[403], 410: errors[410], 413: errors[413] },
});

async function contactOf(c: Context<AppEnv>, token: string): Promise<string> {
  const read = await readUnsubscribeToken(c.var.db, token);
  if (read.ok) return read.contactId;
  if (read.why === "expired") throw new ApiError(410, "link_expired", "This unsubscribe link has expired; use the one in a newer message.");
  throw new ApiError(403, "invalid_token", "This unsubscribe link is not valid.");
}

function answer(c: Context<AppEnv>, kind: PageKind) {
  return c.html(unsubscribePage(kind, c.req.header("Accept-Language") ?? ""), 200, {
    // The page is static text and one form posting to itself: nothing else may load or run.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
  });
}

export const unsubscribeRoutes = router()
  .openapi(page, async (c) => {
    await contactOf(c, c.req.valid("param").token);
    return answer(c, "confirm");
  })
  .openapi(oneClick, async (c) => {
    const contactId = await contactOf(c, c.req.valid("param").token);
    // Read at most MAX_BODY_BYTES, whatever Content-Length claims (or when it is absent).
    const raw = c.req.raw.body ? await readCapped(c.req.raw.body, MAX_BODY_BYTES) : new ArrayBuffer(0);
    if (raw === null) throw new ApiError(413, "payload_too_large", "A one-click unsubscribe has a one-line body.");
    const body = new TextDecoder().decode(raw);
    // Form-encoded (RFC 8058) or multipart: either way the one field is there.
    if (!body.includes(ONE_CLICK)) throw new ApiError(400, "bad_request", `Send the body ${ONE_CLICK} (RFC 8058).`);
    await revokeMarketingEmail(c.var.db, contactId, { ip: c.req.header("CF-Connecting-IP") ?? null, now: Date.now() });
    return answer(c, "done");
  });
