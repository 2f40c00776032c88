/**
 * The bad-input rows of the console's routes (stars, read marks, tags, types, canned
 * responses, search, contacts): one valid request per body route, from which
 * bad-input-kit.ts derives the cases; the query cases; and the routes with ids in their
 * path. Used by bad-input-console.test.ts; bad-input-coverage.test.ts checks every
 * JSON-body route has a row.
 */
import { MAX_CANNED_BODY_CHARS, MAX_CONTACT_ATTRIBUTES, MAX_SEARCH_QUERY_CHARS, MAX_TAGS_PER_TARGET } from "../../worker/protocol";
import { huge, type BodyRoute, type QueryRoute, type World } from "./bad-input-kit";

/** The console's world also names a message and one record of each kind it edits. */
export interface ConsoleWorld extends World {
  messageSeq: number;
  tagId: string;
  typeId: string;
  cannedId: string;
}

const asOwner = (world: ConsoleWorld) => ({ client: world.boss });
const unique = () => crypto.randomUUID().slice(0, 8);
const tooManyIds = () => Array.from({ length: MAX_TAGS_PER_TARGET + 1 }, (_, i) => `t${i}`);

/** The bad values every tag-set body shares. */
const TAG_SET_BAD_VALUES: BodyRoute["badValues"] = [
  { label: `more than ${MAX_TAGS_PER_TARGET} tags`, set: { tagIds: tooManyIds() } },
  { label: "an empty tag id", set: { tagIds: [""] } },
  { label: "a tag id over 64 characters", set: { tagIds: [huge(65)] } },
  { label: "a tag id that is not a string", set: { tagIds: [5] } },
  { label: "an unknown tag", set: { tagIds: ["no-such-tag"] }, status: 404, code: "tag_not_found" },
];

export const CONSOLE_BODY_ROUTES: BodyRoute<ConsoleWorld>[] = [
  {
    name: "POST /api/v1/conversations/{id}/star",
    path: (x) => `/api/v1/conversations/${x.conversationId}/star`,
    as: asOwner,
    valid: () => ({ starred: true }),
    wrongTypes: { starred: "yes" },
    required: ["starred"],
    badValues: [{ label: "starred as a number", set: { starred: 1 } }],
  },
  {
    name: "POST /api/v1/conversations/{id}/read",
    path: (x) => `/api/v1/conversations/${x.conversationId}/read`,
    as: asOwner,
    valid: () => ({ seq: 1 }),
    wrongTypes: { seq: "1" },
    required: ["seq"],
    badValues: [
      { label: "a negative seq", set: { seq: -1 } },
      { label: "a fractional seq", set: { seq: 1.5 } },
    ],
  },
  {
    name: "PUT /api/v1/conversations/{id}/tags",
    method: "PUT",
    path: (x) => `/api/v1/conversations/${x.conversationId}/tags`,
    as: asOwner,
    valid: (x) => ({ tagIds: [x.tagId] }),
    wrongTypes: { tagIds: "vip" },
    required: ["tagIds"],
    badValues: TAG_SET_BAD_VALUES,
  },
  {
    name: "PUT /api/v1/conversations/{id}/messages/{seq}/tags",
    method: "PUT",
    path: (x) => `/api/v1/conversations/${x.conversationId}/messages/${x.messageSeq}/tags`,
    as: asOwner,
    valid: (x) => ({ tagIds: [x.tagId] }),
    wrongTypes: { tagIds: { id: "vip" } },
    required: ["tagIds"],
    badValues: TAG_SET_BAD_VALUES,
  },
  {
    name: "PUT /api/v1/conversations/{id}/type",
    method: "PUT",
    path: (x) => `/api/v1/conversations/${x.conversationId}/type`,
    as: asOwner,
    valid: (x) => ({ typeId: x.typeId }),
    wrongTypes: { typeId: 5 },
    required: ["typeId"],
    badValues: [
      { label: "an empty type id", set: { typeId: "" } },
      { label: "a type id over 64 characters", set: { typeId: huge(65) } },
      { label: "an unknown type", set: { typeId: "no-such-type" }, status: 404, code: "conversation_type_not_found" },
    ],
  },
  {
    name: "POST /api/v1/tags",
    path: () => "/api/v1/tags",
    as: asOwner,
    valid: () => ({ name: `bad-input-${unique()}`, color: "#1f883d" }),
    wrongTypes: { name: 5, color: 0x1f883d },
    required: ["name"],
    badValues: [
      { label: "a blank name", set: { name: "   " } },
      { label: "a name over 60 characters", set: { name: huge(61) } },
      { label: "a colour that is not #rrggbb", set: { color: "green" } },
      { label: "a 3-digit colour", set: { color: "#fff" } },
      { label: "a name already taken, in another letter case", set: { name: "EXISTING TAG" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/tags/{id}",
    method: "PATCH",
    path: (x) => `/api/v1/tags/${x.tagId}`,
    as: asOwner,
    valid: () => ({ name: `renamed-${unique()}` }),
    wrongTypes: { name: ["x"], color: true },
    required: [],
    badValues: [
      { label: "a blank name", set: { name: "" } },
      { label: "a colour that is not #rrggbb", set: { color: "#12345g" } },
      { label: "another tag's name", set: { name: "ANOTHER TAG" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "POST /api/v1/conversation-types",
    path: () => "/api/v1/conversation-types",
    as: asOwner,
    valid: () => ({ name: `Type ${unique()}` }),
    wrongTypes: { name: 7 },
    required: ["name"],
    badValues: [
      { label: "a blank name", set: { name: "\t" } },
      { label: "a name over 60 characters", set: { name: huge(61) } },
      { label: "a name already taken, in another letter case", set: { name: "existing type" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/conversation-types/{id}",
    method: "PATCH",
    path: (x) => `/api/v1/conversation-types/${x.typeId}`,
    as: asOwner,
    valid: () => ({ name: `Renamed ${unique()}` }),
    wrongTypes: { name: null },
    required: ["name"],
    badValues: [{ label: "another type's name", set: { name: "another TYPE" }, status: 409, code: "conflict" }],
  },
  {
    name: "POST /api/v1/canned-responses",
    path: () => "/api/v1/canned-responses",
    as: asOwner,
    valid: () => ({ shortcode: `bi-${unique()}`, body: "Hello {{contact.name}}" }),
    wrongTypes: { shortcode: 1, body: ["Hello"] },
    required: ["shortcode", "body"],
    badValues: [
      { label: "a shortcode with a space", set: { shortcode: "two words" } },
      { label: "a shortcode with a slash", set: { shortcode: "/greet" } },
      { label: "a shortcode over 40 characters", set: { shortcode: huge(41) } },
      { label: "a whitespace-only body", set: { body: "  \n " } },
      { label: `a body over ${MAX_CANNED_BODY_CHARS} characters`, set: { body: huge(MAX_CANNED_BODY_CHARS + 1) } },
      { label: "a shortcode already taken", set: { shortcode: "existing" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/canned-responses/{id}",
    method: "PATCH",
    path: (x) => `/api/v1/canned-responses/${x.cannedId}`,
    as: asOwner,
    valid: () => ({ body: "Edited" }),
    wrongTypes: { shortcode: false, body: 3 },
    required: [],
    badValues: [
      { label: "an empty body", set: { body: "" } },
      { label: "another response's shortcode", set: { shortcode: "ANOTHER" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/contacts/{id}",
    method: "PATCH",
    path: (x) => `/api/v1/contacts/${x.contactId}`,
    as: asOwner,
    valid: () => ({ name: "Bad Input" }),
    wrongTypes: { name: 5, email: 5, phone: 5511, attributes: "plan=pro", tagIds: "vip", priority: "10" },
    required: [],
    badValues: [
      { label: "a blank name", set: { name: " " } },
      { label: "a name over 120 characters", set: { name: huge(121) } },
      { label: "an e-mail that is not one", set: { email: "ana@" } },
      { label: "a phone with letters", set: { phone: "call me maybe" } },
      { label: "an attribute value over 500 characters", set: { attributes: { note: huge(501) } } },
      { label: "an attribute that is an object", set: { attributes: { address: { city: "Recife" } } } },
      { label: "an empty attribute name", set: { attributes: { "": "x" } } },
      {
        label: `more than ${MAX_CONTACT_ATTRIBUTES} attributes`,
        set: { attributes: Object.fromEntries(Array.from({ length: MAX_CONTACT_ATTRIBUTES + 1 }, (_, i) => [`a${i}`, i])) },
      },
      { label: `more than ${MAX_TAGS_PER_TARGET} tags`, set: { tagIds: tooManyIds() } },
      { label: "an unknown tag", set: { tagIds: ["no-such-tag"] }, status: 404, code: "tag_not_found" },
      { label: "a priority over 100", set: { priority: 101 } },
      { label: "a negative priority", set: { priority: -1 } },
      { label: "a fractional priority", set: { priority: 0.5 } },
    ],
  },
];

export const CONSOLE_QUERY_ROUTES: QueryRoute<ConsoleWorld>[] = [
  {
    name: "GET /api/v1/conversations (console filters)",
    path: (_, q) => `/api/v1/conversations?${q}`,
    as: asOwner,
    cases: [
      { query: "view=inbox", issueAt: ["view"] },
      { query: "view=", issueAt: ["view"] },
      { query: "channel=fax", issueAt: ["channel"] },
      { query: "tag=", issueAt: ["tag"] },
      { query: `tag=${huge(65)}`, issueAt: ["tag"] },
      { query: "view=all&view=mine", issueAt: ["view"] },
    ],
  },
  {
    name: "GET /api/v1/search",
    path: (_, q) => `/api/v1/search?${q}`,
    as: asOwner,
    cases: [
      { query: "", issueAt: ["q"] },
      { query: "q=", issueAt: ["q"] },
      { query: "q=%20%20%20", issueAt: ["q"] },
      { query: `q=${huge(MAX_SEARCH_QUERY_CHARS + 1)}`, issueAt: ["q"] },
      { query: "q=a&q=b", issueAt: ["q"] },
      { query: "q=a&limit=0", issueAt: ["limit"] },
      { query: "q=a&limit=201", issueAt: ["limit"] },
      { query: "q=a&cursor=garbage", issueAt: ["cursor"] },
      { query: `q=a&cursor=${btoa('["x","y"]')}`, issueAt: ["cursor"] },
      { query: `q=a&cursor=${huge(201)}`, issueAt: ["cursor"] },
      { query: "q=a&page=2", issueAt: [] },
    ],
  },
  {
    name: "GET /api/v1/canned-responses",
    path: (_, q) => `/api/v1/canned-responses?${q}`,
    as: asOwner,
    cases: [
      { query: `q=${huge(101)}`, issueAt: ["q"] },
      { query: "q=a&q=b", issueAt: ["q"] },
      { query: "shortcode=a", issueAt: [] },
    ],
  },
];

/** Routes with an id (and maybe a seq) in the path: bad ids are 400 at the parameter,
 * unknown ones 404 with the record's own code. */
export const CONSOLE_ID_ROUTES: Array<{ name: string; method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; path: (id: string) => string; json?: unknown; notFound: string }> = [
  { name: "POST /api/v1/conversations/{id}/star", method: "POST", path: (id) => `/api/v1/conversations/${id}/star`, json: { starred: true }, notFound: "conversation_not_found" },
  { name: "POST /api/v1/conversations/{id}/read", method: "POST", path: (id) => `/api/v1/conversations/${id}/read`, json: { seq: 1 }, notFound: "conversation_not_found" },
  { name: "PUT /api/v1/conversations/{id}/tags", method: "PUT", path: (id) => `/api/v1/conversations/${id}/tags`, json: { tagIds: [] }, notFound: "conversation_not_found" },
  { name: "PUT /api/v1/conversations/{id}/type", method: "PUT", path: (id) => `/api/v1/conversations/${id}/type`, json: { typeId: null }, notFound: "conversation_not_found" },
  { name: "GET /api/v1/conversations/{id}/message-tags", method: "GET", path: (id) => `/api/v1/conversations/${id}/message-tags`, notFound: "conversation_not_found" },
  { name: "PUT /api/v1/conversations/{id}/messages/{seq}/tags", method: "PUT", path: (id) => `/api/v1/conversations/${id}/messages/1/tags`, json: { tagIds: [] }, notFound: "conversation_not_found" },
  { name: "PATCH /api/v1/tags/{id}", method: "PATCH", path: (id) => `/api/v1/tags/${id}`, json: { color: "#000000" }, notFound: "tag_not_found" },
  { name: "DELETE /api/v1/tags/{id}", method: "DELETE", path: (id) => `/api/v1/tags/${id}`, notFound: "tag_not_found" },
  { name: "PATCH /api/v1/conversation-types/{id}", method: "PATCH", path: (id) => `/api/v1/conversation-types/${id}`, json: { name: "Nope" }, notFound: "conversation_type_not_found" },
  { name: "DELETE /api/v1/conversation-types/{id}", method: "DELETE", path: (id) => `/api/v1/conversation-types/${id}`, notFound: "conversation_type_not_found" },
  { name: "PATCH /api/v1/canned-responses/{id}", method: "PATCH", path: (id) => `/api/v1/canned-responses/${id}`, json: { body: "Nope" }, notFound: "canned_response_not_found" },
  { name: "DELETE /api/v1/canned-responses/{id}", method: "DELETE", path: (id) => `/api/v1/canned-responses/${id}`, notFound: "canned_response_not_found" },
  { name: "GET /api/v1/contacts/{id}", method: "GET", path: (id) => `/api/v1/contacts/${id}`, notFound: "contact_not_found" },
  { name: "PATCH /api/v1/contacts/{id}", method: "PATCH", path: (id) => `/api/v1/contacts/${id}`, json: { name: "Nope" }, notFound: "contact_not_found" },
  { name: "POST /api/v1/inboxes/{id}/test-connection", method: "POST", path: (id) => `/api/v1/inboxes/${id}/test-connection`, notFound: "inbox_not_found" },
  { name: "GET /api/v1/inboxes/{id}/templates", method: "GET", path: (id) => `/api/v1/inboxes/${id}/templates`, notFound: "inbox_not_found" },
  { name: "DELETE /api/v1/inboxes/{id}", method: "DELETE", path: (id) => `/api/v1/inboxes/${id}`, notFound: "inbox_not_found" },
  { name: "GET /api/v1/inboxes/{id}/bot", method: "GET", path: (id) => `/api/v1/inboxes/${id}/bot`, notFound: "inbox_not_found" },
  { name: "PUT /api/v1/inboxes/{id}/bot", method: "PUT", path: (id) => `/api/v1/inboxes/${id}/bot`, json: { enabled: false, name: "Bot", greeting: "Oi", options: [{ label: "Humano", action: { type: "human" } }], invalidText: "?", handoffText: "Ok", timeoutMinutes: 5, handoffWords: [] }, notFound: "inbox_not_found" },
];
