/**
 * @module An inbox's built-in menu bot, for admins: read it, and save it whole. A bot
 * whose option routes to a team that does not exist is refused before anything is
 * written. Saving takes effect in a running conversation within a minute (the room's
 * configuration cache, worker/conversation/channel-config-cache.ts); new conversations
 * start in `bot` from the save on.
 */
import { articleAnswer } from "../help-center/article-answer";
import { MAX_MENU_TEXT_CHARS, truncateText } from "../protocol";
import { createRoute } from "@hono/zod-openapi";
import { eq, inArray } from "drizzle-orm";
import { inboxes, teams } from "../db/schema";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { InboxBotAnswer, MenuBot } from "../protocol";
import { storedMenuBot } from "../bots/menu/stored";
import { agentBotOn } from "../bots/agent/stored";
import { adminOrToken, writeErrors } from "./access";
import { IdParam } from "./params";
import { loadInbox } from "./inbox-view";
import { settingsChanged } from "../audit/entry";
import { writeAudited } from "../db/audit-conditional";

const read = createRoute({
  method: "get",
  path: "/api/v1/inboxes/{id}/bot",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(InboxBotAnswer, "The inbox's menu bot (null: none saved yet)"), 401: errors[401], 403: errors[403], 404: errors[404] },
});

const save = createRoute({
  method: "put",
  path: "/api/v1/inboxes/{id}/bot",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(MenuBot) },
  responses: { 200: jsonResponse(InboxBotAnswer, "The bot as saved"), ...writeErrors, 409: errors[409] },
});

export const inboxBotRoutes = router()
  .openapi(read, async (c) => {
    const inbox = await loadInbox(c, c.req.valid("param").id);
    return c.json({ bot: storedMenuBot(inbox.menuBot) }, 200);
  })
  .openapi(save, async (c) => {
    const { id } = c.req.valid("param");
    const bot = c.req.valid("json");
    const inbox = await loadInbox(c, id);
    // A bot's replies carry no e-mail envelope (subject, threading headers): not on e-mail.
    if (bot.enabled && inbox.kind === "email") throw new ApiError(409, "conflict", "E-mail inboxes cannot have a bot: its replies would go out without a subject or thread.");
    // One bot per inbox (routes/inbox-agent-bot.ts).
    if (bot.enabled && agentBotOn(inbox.agentBot)) throw new ApiError(409, "conflict", "This inbox's agent bot is on; switch it off before turning on the menu bot.");
    const teamIds = [...new Set(bot.options.flatMap((o) => (o.action.type === "team" ? [o.action.teamId] : [])))];
    if (teamIds.length > 0) {
      const known = new Set((await c.var.db.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds))).map((t) => t.id));
      const index = bot.options.findIndex((o) => o.action.type === "team" && !known.has(o.action.teamId));
      if (index !== -1) throw new ApiError(404, "team_not_found", "An option routes to a team that does not exist.", [{ path: ["options", index, "action", "teamId"], message: "unknown team" }]);
    }
    // An article option says the article as it is now (see MenuAction "article").
    for (const [index, option] of bot.options.entries()) {
      if (option.action.type !== "article") continue;
      try {
        option.action.text = truncateText(await articleAnswer(c.var.db, option.action.articleId), MAX_MENU_TEXT_CHARS);
      } catch (err) {
        throw new ApiError(404, "article_not_found", `An option's help center article cannot be sent: ${(err as Error).message}.`, [{ path: ["options", index, "action", "articleId"], message: "unknown, draft or internal article" }]);
      }
    }
    await writeAudited(c.var.db, c.var.db.update(inboxes).set({ menuBot: bot }).where(eq(inboxes.id, id)), settingsChanged(c, "inbox_bot", "updated", { type: "inbox", id }, { name: inbox.name, enabled: bot.enabled }));
    return c.json({ bot }, 200);
  });
