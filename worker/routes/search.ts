/**
 * @module Search for agents: full text over messages (notes included) and contacts'
 * names, e-mails and phones, accent-insensitive, newest first, with highlighted snippets
 * (see ../db/search.ts for the order and ../db/fts-query.ts for how the text is read).
 */
import { createRoute } from "@hono/zod-openapi";
import { search } from "../db/search";
import { ftsQuery } from "../db/fts-query";
import { errors, jsonResponse, router } from "../http/openapi";
import { agentOr } from "./access";
import { callerInboxes } from "../auth/principal";
import { ApiError } from "../http/api-error";
import { SearchQuery, SearchResults } from "../protocol";
import { decodeSearchCursor, encodeSearchCursor } from "./cursor";

const route = createRoute({
  method: "get",
  path: "/api/v1/search",
  ...agentOr("conversations:read"),
  request: { query: SearchQuery },
  responses: { 200: jsonResponse(SearchResults, "Message and contact hits, newest first"), 400: errors[400], 401: errors[401] },
});

export const searchRoutes = router().openapi(route, async (c) => {
  // Hits span every inbox (contacts have no inbox): a token limited to some cannot search.
  if (callerInboxes(c)) throw new ApiError(403, "forbidden", "Search needs a token for all inboxes.");
  const q = c.req.valid("query");
  const cursor = q.cursor ? decodeSearchCursor(q.cursor) : undefined;
  const match = ftsQuery(q.q);
  // Only punctuation or symbols: there is no word to look for, so nothing matches.
  if (match === null) return c.json({ hits: [], nextCursor: null }, 200);
  const { hits, next } = await search(c.var.db, match, cursor, q.limit);
  return c.json({ hits, nextCursor: next ? encodeSearchCursor(next) : null }, 200);
});
