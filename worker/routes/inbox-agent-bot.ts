/**
 * @module An inbox's agent bot, for admins: read it, and save it whole. The first save
 * (and one with `rollSecret`) makes the signing secret and answers with it, that once;
 * it is stored sealed and never returned again. An inbox has the menu bot or an agent
 * bot, not both switched on: saving one while the other is on is refused (409). The URL
 * passes the same SSRF guard as webhook endpoints.
 */
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { inboxes } from "../db/schema";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { AgentBotAnswer, SaveAgentBotBody, type AgentBot } from "../protocol";
import { storedMenuBot } from "../bots/menu/stored";
import { agentBotOutboxName, storedAgentBot } from "../bots/agent/stored";
import { newAgentBotSecret, sealAgentBotSecret } from "../bots/agent/secret";
import { allowsLocal, checkWebhookUrl } from "../webhooks/url-guard";
import { adminOrToken, writeErrors } from "./access";
import { IdParam } from "./params";
import { loadInbox } from "./inbox-view";
import { audited, settingsChanged } from "../audit/entry";
import { writeAudited } from "../db/audit-conditional";

const read = createRoute({
  method: "get",
  path: "/api/v1/inboxes/{id}/agent-bot",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(AgentBotAnswer, "The inbox's agent bot (null: none saved yet); never its secret"), 401: errors[401], 403: errors[403], 404: errors[404] },
});

const save = createRoute({
  method: "put",
  path: "/api/v1/inboxes/{id}/agent-bot",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(SaveAgentBotBody) },
  responses: { 200: jsonResponse(AgentBotAnswer, "The bot as saved; `secret` when this save made one (shown this once)"), ...writeErrors, 409: errors[409] },
});

export const inboxAgentBotRoutes = router()
  .openapi(read, async (c) => {
    const inbox = await loadInbox(c, c.req.valid("param").id);
    return c.json({ bot: storedAgentBot(inbox.agentBot) }, 200);
  })
  .openapi(save, async (c) => {
    const { id } = c.req.valid("param");
    const { rollSecret, ...body } = c.req.valid("json");
    const inbox = await loadInbox(c, id);
    const verdict = checkWebhookUrl(body.url, allowsLocal(c.env));
    if (!verdict.ok) throw new ApiError(400, "validation_failed", `This URL cannot receive the bot's calls: ${verdict.reason}.`, [{ path: ["url"], message: verdict.reason }]);
    // A bot's replies carry no e-mail envelope (subject, threading headers): not on e-mail.
    if (body.enabled && inbox.kind === "email") throw new ApiError(409, "conflict", "E-mail inboxes cannot have a bot: its replies would go out without a subject or thread.");
    if (body.enabled && storedMenuBot(inbox.menuBot)?.enabled) {
      throw new ApiError(409, "conflict", "This inbox's menu bot is on; switch it off before turning on an agent bot.");
    }
    const bot: AgentBot = { ...body, url: verdict.url.href };
    const secret = rollSecret || !inbox.agentBotSecret ? newAgentBotSecret() : null;
    // A new signing secret is a credential change; otherwise a setting. Never the URL
    // (it may carry a key) nor the secret.
    const audit = secret
      ? audited(c, "credentials.changed", { type: "inbox", id }, { name: inbox.name, area: "inbox_agent_bot", credentials: ["agentBotSecret"], enabled: bot.enabled })
      : settingsChanged(c, "inbox_agent_bot", "updated", { type: "inbox", id }, { name: inbox.name, enabled: bot.enabled });
    await writeAudited(
      c.var.db,
      c.var.db
        .update(inboxes)
        .set({ agentBot: bot, ...(secret ? { agentBotSecret: await sealAgentBotSecret(c.env, id, secret) } : {}) })
        .where(eq(inboxes.id, id)),
      audit,
    );
    // Switched off: its conversations go to people (the room hands them over), so calls
    // still queued would answer conversations no longer the bot's. Switched on: anything
    // kept goes out now.
    const outbox = c.env.WEBHOOK_OUTBOX.getByName(agentBotOutboxName(id));
    await (bot.enabled ? outbox.resume() : outbox.forget());
    return c.json({ bot, ...(secret ? { secret } : {}) }, 200);
  });
