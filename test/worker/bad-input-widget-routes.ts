/**
 * The bad-input rows of the widget's routes, which a visitor's token (or nothing, for a
 * new session) authorizes: one valid request each, from which bad-input-kit.ts derives
 * the cases every route must refuse. Used by bad-input.test.ts; bad-input-coverage.test.ts
 * checks every JSON-body route has a row.
 */
import { MAX_ATTRIBUTE_VALUE_CHARS, MAX_BODY_CHARS, MAX_CONTACT_ATTRIBUTES, MAX_CSAT_COMMENT_CHARS, MAX_PAGE_TITLE_CHARS, MAX_PAGE_URL_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute } from "./bad-input-kit";
import { bearer } from "./http-client";

export const WIDGET_BODY_ROUTES: BodyRoute[] = [
  {
    name: "POST /api/v1/widget/sessions",
    path: () => "/api/v1/widget/sessions",
    as: () => ({}),
    valid: (w) => ({ inbox: w.publicKey, locale: "pt-BR", context: { page: { url: "https://shop.example/p", title: "Shop", referrer: "https://search.example/" }, timezone: "America/Sao_Paulo" } }),
    wrongTypes: { inbox: 5, token: { v: 1 }, locale: 1, context: "https://shop.example/p" },
    required: ["inbox"],
    badValues: [
      { label: "an empty inbox key", set: { inbox: "" } },
      { label: "a token over 2048 characters", set: { token: huge(2049) } },
      { label: "an unknown locale", set: { locale: "fr" } },
      { label: "a javascript: page URL", set: { context: { page: { url: "javascript:alert(1)" } } } },
      { label: `a page URL over ${MAX_PAGE_URL_CHARS} characters`, set: { context: { page: { url: `https://shop.example/${huge(MAX_PAGE_URL_CHARS)}` } } } },
      { label: "a data: referrer", set: { context: { page: { url: "https://shop.example/", referrer: "data:text/html,hi" } } } },
      { label: "an unknown time zone", set: { context: { timezone: "Mars/Olympus_Mons" } } },
      { label: "an unknown context field", set: { context: { ip: "1.2.3.4" } } },
      { label: "an unknown inbox key", set: { inbox: "pk_nope" }, status: 404, code: "inbox_not_found" },
    ],
  },
  {
    name: "POST /api/v1/widget/messages",
    path: () => "/api/v1/widget/messages",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ body: "Hello?", clientId: "bad-input-1" }),
    wrongTypes: { body: 5, clientId: ["c1"] },
    required: ["body", "clientId"],
    badValues: [
      { label: "a whitespace-only body", set: { body: "   " } },
      { label: `a body over ${MAX_BODY_CHARS} characters`, set: { body: huge(MAX_BODY_CHARS + 1) } },
      { label: "a clientId with spaces", set: { clientId: "c 1" } },
      { label: "a clientId over 64 characters", set: { clientId: huge(65) } },
      { label: "a private-note kind (visitors cannot send one)", set: { kind: "note" }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/widget/identify",
    path: () => "/api/v1/widget/identify",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ id: "user-1", name: "Ana" }),
    wrongTypes: { id: 5, name: ["Ana"], hash: 1 },
    required: ["id"],
    badValues: [
      { label: "an empty id", set: { id: "" } },
      { label: "an id over 128 characters", set: { id: huge(129) } },
      { label: "a hash that is not 64 hex digits", set: { hash: "abc" } },
      { label: "an e-mail that is not one", set: { email: "ana-at-example" } },
    ],
  },
  {
    name: "PATCH /api/v1/widget/contact",
    method: "PATCH",
    path: () => "/api/v1/widget/contact",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ name: "Ana", attributes: { plan: "pro" } }),
    wrongTypes: { name: 5, attributes: "plan=pro" },
    required: [],
    badValues: [
      { label: "an e-mail that is not one", set: { email: "ana-at-example" } },
      { label: `more than ${MAX_CONTACT_ATTRIBUTES} attributes`, set: { attributes: Object.fromEntries(Array.from({ length: MAX_CONTACT_ATTRIBUTES + 1 }, (_, i) => [`k${i}`, i])) } },
      { label: `an attribute value over ${MAX_ATTRIBUTE_VALUE_CHARS} characters`, set: { attributes: { plan: huge(MAX_ATTRIBUTE_VALUE_CHARS + 1) } } },
      { label: "an attribute value that is an object", set: { attributes: { plan: { tier: "pro" } } } },
      { label: "an empty attribute key", set: { attributes: { "": "pro" } } },
    ],
  },
  {
    name: "POST /api/v1/widget/page",
    path: () => "/api/v1/widget/page",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ url: "https://shop.example/checkout", title: "Checkout", referrer: "https://search.example/" }),
    wrongTypes: { url: 5, title: ["Checkout"], referrer: true },
    required: ["url"],
    badValues: [
      { label: "a relative URL", set: { url: "/checkout" } },
      { label: "a javascript: URL", set: { url: "javascript:alert(1)" } },
      { label: "a file: URL", set: { url: "file:///etc/passwd" } },
      { label: `a URL over ${MAX_PAGE_URL_CHARS} characters`, set: { url: `https://shop.example/${huge(MAX_PAGE_URL_CHARS)}` } },
      { label: `a title over ${MAX_PAGE_TITLE_CHARS} characters`, set: { title: huge(MAX_PAGE_TITLE_CHARS + 1) } },
      { label: "a javascript: referrer", set: { referrer: "javascript:alert(1)" } },
    ],
  },
  {
    name: "POST /api/v1/widget/csat",
    path: () => "/api/v1/widget/csat",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ rating: 5, comment: "Great" }),
    wrongTypes: { rating: "5", comment: 3 },
    required: ["rating"],
    badValues: [
      { label: "a rating of 0", set: { rating: 0 } },
      { label: "a rating of 6", set: { rating: 6 } },
      { label: "a fractional rating", set: { rating: 4.5 } },
      { label: `a comment over ${MAX_CSAT_COMMENT_CHARS} characters`, set: { comment: huge(MAX_CSAT_COMMENT_CHARS + 1) } },
    ],
  },
];
