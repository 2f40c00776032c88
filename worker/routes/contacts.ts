/**
 * @module The contact panel: any signed-in agent reads a contact (details, identities,
 * tags, attributes, queue priority and every conversation they had, on any channel) and
 * edits it; only admins and owners set its priority. An edit that changes the contact's
 * effective priority moves its waiting conversations in their queues.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { findContact } from "../db/contacts";
import { contactDetail, editContact, mergedAttributes } from "../db/contact-panel";
import { existingTagIds } from "./tag-ids";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { callerInboxes, callerIsAdmin } from "../auth/principal";
import { republishContacts } from "../pipeline/contact-priority-publish";
import { ContactDetail, MAX_CONTACT_ATTRIBUTES, UpdateContactBody } from "../protocol";
import { IdParam } from "./params";
import { publishContactUpdated } from "../webhooks/contact-events";
import type { AppEnv } from "../env";

const get = createRoute({
  method: "get",
  path: "/api/v1/contacts/{id}",
  ...agentOr("contacts:manage"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(ContactDetail, "The contact and their conversations, most recent first"), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/contacts/{id}",
  ...agentOr("contacts:manage"),
  request: { params: IdParam, ...jsonBody(UpdateContactBody) },
  responses: { 200: jsonResponse(ContactDetail, "Updated"), ...writeErrors },
});

/** The contact as the caller may see it: a token limited to some inboxes sees only the
 * contacts with a conversation there, and only those conversations. */
async function detailOf(c: Context<AppEnv>, id: string): Promise<ContactDetail> {
  const detail = await contactDetail(c.var.db, id);
  const limited = callerInboxes(c);
  const visible = detail && limited ? { ...detail, conversations: detail.conversations.filter((v) => limited.includes(v.inboxId)) } : detail;
  if (!visible || (limited && visible.conversations.length === 0)) throw new ApiError(404, "contact_not_found", "No contact with that id.");
  return visible;
}

export const contactRoutes = router()
  .openapi(get, async (c) => c.json(await detailOf(c, c.req.valid("param").id), 200))
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const edit = c.req.valid("json");
    const db = c.var.db;
    // A contact's priority moves them ahead of everyone else waiting: admins decide that.
    if (edit.priority !== undefined && !callerIsAdmin(c)) throw new ApiError(403, "forbidden", "Only admins and owners may set a contact's priority.");
    const contact = await findContact(db, id);
    if (!contact) throw new ApiError(404, "contact_not_found", "No contact with that id.");
    // Out of a limited token's reach: 404, as for a contact that does not exist.
    if (callerInboxes(c)) await detailOf(c, id);
    if (Object.keys(mergedAttributes(contact, edit)).length > MAX_CONTACT_ATTRIBUTES) {
      throw new ApiError(400, "validation_failed", `A contact has at most ${MAX_CONTACT_ATTRIBUTES} attributes.`, [{ path: ["attributes"], message: "too many attributes" }]);
    }
    const tagIds = edit.tagIds && (await existingTagIds(db, edit.tagIds));
    const moved = await editContact(db, id, { ...edit, tagIds });
    // Awaited: the answer comes once the contact's waiting conversations have moved.
    await republishContacts(c.env, db, moved);
    const detail = await detailOf(c, id);
    await publishContactUpdated(c.env, db, detail.contact);
    return c.json(detail, 200);
  });
