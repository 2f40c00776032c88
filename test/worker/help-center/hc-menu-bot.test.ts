/**
 * The menu bot answers with an article: an option of kind "article" says the article's
 * title, summary and public link (written from the article when the bot is saved, since
 * the bot runs in the room without D1), then the menu again; a draft, internal or unknown
 * article is refused when the bot is saved.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { eventsOf } from "../channels/channel-world";
import { owner, visitor, webchatInbox } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { GREETING, botSaid, menuBot } from "../bots/menu-bot-kit";
import { newTeam } from "../queue-kit";
import { makeArticle, makePortal } from "./hc-kit";

let boss: Client;
let team: string;
let portal: any;

beforeAll(async () => {
  boss = await owner();
  team = await newTeam(boss);
  portal = await makePortal(boss, { customDomain: "ajuda.bot.test" });
});

const withArticle = (articleId: string) => {
  const bot = menuBot(team);
  return { ...bot, options: [...bot.options, { label: "Trocas", action: { type: "article" as const, articleId, text: "anything sent is replaced" } }] };
};

describe("a menu bot option that answers with an article", () => {
  it("says the article's title, summary and link, then the menu", async () => {
    const article = await makeArticle(boss, portal.id, { title: "Política de trocas", excerpt: "Troque em até 30 dias." });
    const inbox = await webchatInbox(boss, "Bot com artigo");
    const saved = await call(`/api/v1/inboxes/${inbox.id}/bot`, { method: "PUT", json: withArticle(article.id), client: boss });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const text = `Política de trocas\nTroque em até 30 dias.\nhttps://ajuda.bot.test/pt-BR/articles/${article.groupId}`;
    expect(saved.body.bot.options[5].action).toEqual({ type: "article", articleId: article.id, text });
    const v = await visitor(inbox.publicKey);
    for (const body of ["Oi", "6"]) {
      const res = await call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${crypto.randomUUID()}` }, headers: bearer(v.token) });
      expect(res.status).toBe(201);
    }
    await expect.poll(async () => botSaid(await eventsOf(boss, v.conversationId))).toEqual([expect.stringContaining(GREETING), text, expect.stringContaining("6. Trocas")]);
  });

  it("is refused for a draft, an internal or an unknown article", async () => {
    const inbox = await webchatInbox(boss, "Bot recusado");
    const draft = await makeArticle(boss, portal.id, { status: "draft" });
    const internal = await makeArticle(boss, portal.id, { visibility: "internal" });
    for (const id of [draft.id, internal.id, "no-such-article"]) {
      const res = await call(`/api/v1/inboxes/${inbox.id}/bot`, { method: "PUT", json: withArticle(id), client: boss });
      expectApiError(res, 404, "article_not_found");
      expect(res.body.error.issues[0].path).toEqual(["options", 5, "action", "articleId"]);
    }
  });
});
