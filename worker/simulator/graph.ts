/**
 * @module The stand-in Graph API under `/dev/simulator/graph/{version}/…`: what the
 * WhatsApp, Messenger and Instagram adapters call when `.dev.vars` points
 * WHATSAPP_API_URL / META_API_URL here. Each call names a Graph object id; the inbox
 * whose settings carry that id answers, after the token check Meta would make. Sends
 * become bubbles on the simulated phone (graph-send.ts).
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { database } from "../db/client";
import { accountsWithGraphId, graphAccounts, isGraphAccount, loadAccount, type GraphAccount } from "./accounts";
import { graphError, invalidToken, tokenMatches, unknownObject } from "./graph-answers";
import { accountFields } from "./graph-account";
import { mediaMetadata, serveFile, uploadMetaAttachment, uploadWhatsappMedia } from "./graph-media";
import { metaBubble, MetaSendBody, whatsappBubble, whatsappRecipientOf, WhatsappSendBody } from "./graph-send";
import { providerModeOf, unhealthyAnswer } from "./provider-mode";
import { templateListing } from "./sample-templates";
import { readSendRequest } from "./graph-send-body";
import { hasThread, putMedia, saveItem } from "./state";

const origin = (c: Context) => new URL(c.req.url).origin;

/** The accounts a Graph object id may name. `me` is the page whose token the call
 * carries (the Send API's `/me/messages`). */
async function candidates(c: Context<AppEnv>, graphId: string): Promise<GraphAccount[]> {
  const db = database(c.env.DB);
  if (graphId === "me") return (await graphAccounts(c.env, db)).filter((a) => a.kind !== "whatsapp" && tokenMatches(c, a));
  return accountsWithGraphId(c.env, db, graphId);
}

/** The account a call on `graphId` is for, with its token checked; or Meta's error. */
async function caller(c: Context<AppEnv>, graphId: string, pick: (a: GraphAccount) => boolean = () => true): Promise<GraphAccount | Response> {
  const accounts = (await candidates(c, graphId)).filter(pick);
  const account = accounts[0];
  // `me` names whoever the token is: no match means the token is wrong, not the id.
  if (!account) return graphId === "me" ? invalidToken(c) : unknownObject(c, graphId);
  return tokenMatches(c, account) ? account : invalidToken(c);
}

/** A Messenger and an Instagram inbox may share their page: the send is for the one
 * whose customer it names (the one the simulator holds a thread with). */
async function metaSender(c: Context<AppEnv>, pageId: string, recipient: string): Promise<GraphAccount | Response> {
  const accounts = (await candidates(c, pageId)).filter((a) => a.kind !== "whatsapp");
  let account = accounts[0];
  for (const candidate of accounts) if (await hasThread(c.env.FILES, candidate.inbox.id, recipient)) account = candidate;
  if (!account) return pageId === "me" ? invalidToken(c) : unknownObject(c, pageId);
  return tokenMatches(c, account) ? account : invalidToken(c);
}

function invalidParameter(c: Context, issues: { path: PropertyKey[]; message: string }[]) {
  const first = issues[0];
  const where = first?.path.length ? ` ${first.path.map(String).join(".")}` : "";
  return graphError(c, 400, 100, `(#100) Invalid parameter${where}: ${first?.message ?? "malformed"}`);
}

async function send(c: Context<AppEnv>): Promise<Response> {
  const graphId = c.req.param("id")!;
  const request = await readSendRequest(c);
  if (!request) return graphError(c, 400, 100, "(#100) The request body is neither JSON nor a form.");
  const { json, raw } = request;
  const whatsapp = (await candidates(c, graphId)).some((a) => a.kind === "whatsapp");
  if (whatsapp) {
    const account = await caller(c, graphId, (a) => a.kind === "whatsapp");
    if (account instanceof Response) return account;
    // Marking the customer's message read: acknowledged, nothing to show.
    if ((json as { status?: unknown }).status === "read") return c.json({ success: true }, 200);
    const unhealthy = unhealthyAnswer(c, "whatsapp", await providerModeOf(c.env.FILES, account.inbox.id));
    if (unhealthy) return unhealthy;
    const body = WhatsappSendBody.safeParse(json);
    if (!body.success) return invalidParameter(c, body.error.issues);
    const bubble = await whatsappBubble(c.env.FILES, origin(c), body.data, raw);
    const recipient = whatsappRecipientOf(body.data);
    await saveItem(c.env.FILES, account.inbox.id, recipient, bubble);
    const contact = body.data.to !== undefined ? { input: recipient, wa_id: recipient } : { input: recipient, user_id: recipient };
    return c.json({ messaging_product: "whatsapp", contacts: [contact], messages: [{ id: bubble.providerMessageId }] }, 200);
  }
  const body = MetaSendBody.safeParse(json);
  const recipient = body.success ? body.data.recipient.id : "";
  const account = await metaSender(c, graphId, recipient);
  if (account instanceof Response) return account;
  if (!body.success) return invalidParameter(c, body.error.issues);
  // A sender action (typing, seen) shows nothing on the phone.
  if (!body.data.message) return c.json({ recipient_id: recipient }, 200);
  const unhealthy = unhealthyAnswer(c, account.kind, await providerModeOf(c.env.FILES, account.inbox.id));
  if (unhealthy) return unhealthy;
  const attachment = body.data.message.attachment;
  if (request.file && attachment) {
    // A file sent with the message: kept as if uploaded first, so the phone can show it.
    const file = request.file;
    attachment.payload.attachment_id = await putMedia(c.env.FILES, account.inbox.id, await file.arrayBuffer(), file.type || "application/octet-stream", file.name || null);
  }
  const bubble = await metaBubble(c.env.FILES, origin(c), account.kind === "instagram" ? "instagram" : "messenger", body.data, raw);
  await saveItem(c.env.FILES, account.inbox.id, recipient, bubble);
  return c.json({ recipient_id: recipient, message_id: bubble.providerMessageId }, 200);
}

async function objectRead(c: Context<AppEnv>): Promise<Response> {
  const id = c.req.param("id")!;
  const media = await mediaMetadata(c, id);
  if (media) {
    // The token must be that of the inbox the file belongs to, as at Meta.
    const owner = media.inboxId ? await loadAccount(c.env, database(c.env.DB), media.inboxId) : null;
    if (!owner || typeof owner === "string" || !isGraphAccount(owner)) return unknownObject(c, id);
    return tokenMatches(c, owner) ? c.json(media.body, 200) : invalidToken(c);
  }
  const account = await caller(c, id);
  if (account instanceof Response) return account;
  const answer = accountFields(account, id, c.req.query("fields") ?? null);
  if (!answer.ok) return graphError(c, 400, 100, `(#100) Tried accessing nonexisting field (${answer.field}) on node type (${account.kind === "whatsapp" ? "WhatsAppBusinessPhoneNumber" : "Page"})`);
  return c.json(answer.body, 200);
}

export const graphRoutes = new Hono<AppEnv>()
  .post("/dev/simulator/graph/:version/:id/messages", send)
  .post("/dev/simulator/graph/:version/:id/media", async (c) => {
    const account = await caller(c, c.req.param("id"), (a) => a.kind === "whatsapp");
    return account instanceof Response ? account : uploadWhatsappMedia(c, account);
  })
  .post("/dev/simulator/graph/:version/:id/message_attachments", async (c) => {
    const account = await caller(c, c.req.param("id"), (a) => a.kind !== "whatsapp");
    return account instanceof Response ? account : uploadMetaAttachment(c, account);
  })
  .get("/dev/simulator/graph/:version/:id/message_templates", async (c) => {
    const id = c.req.param("id");
    const account = await caller(c, id, (a) => a.kind === "whatsapp" && a.settings.businessAccountId === id);
    return account instanceof Response ? account : c.json(templateListing(id), 200);
  })
  .get("/dev/simulator/graph/:version/:id", objectRead)
  .all("/dev/simulator/graph/*", (c) => graphError(c, 400, 100, `Unsupported ${c.req.method.toLowerCase()} request.`, "GraphMethodException", 33))
  .get("/dev/simulator/files/:id", (c) => serveFile(c, c.req.param("id")));
