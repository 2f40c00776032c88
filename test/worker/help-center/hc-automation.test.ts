/**
 * Automation answers with an article: `send_article` sends the article's title, summary
 * and public link as the rule's bot, which the customer sees; a rule may not name a
 * draft, an internal or a missing article; an article unpublished after the rule was
 * saved stops the run with the reason on the rule.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { customerWrites, deleteAllRules, logOf, makeRule, ruleRow, runsLogged } from "../automation-kit";
import { owner, webchatInbox } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { makeArticle, makePortal } from "./hc-kit";

let boss: Client;
let publicKey: string;
let portal: any;

beforeAll(async () => {
  boss = await owner();
  publicKey = (await webchatInbox(boss, "Article answers")).publicKey;
  portal = await makePortal(boss, { customDomain: "ajuda.answers.test" });
});
afterEach(async () => deleteAllRules(boss));

describe("send_article", () => {
  it("answers the customer with the title, the summary and the article's public link", async () => {
    const article = await makeArticle(boss, portal.id, { title: "Prazo de entrega", excerpt: "Até 5 dias úteis.", body: "Detalhes." });
    const rule = await makeRule(boss, { trigger: { type: "customer_message" }, actions: [{ type: "send_article", articleId: article.id }] });
    const c = await customerWrites(publicKey, "Qual o prazo?");
    const [run] = await runsLogged(boss, c.conversationId);
    expect(run!.actions).toEqual([{ type: "send_article" }]);
    const text = `Prazo de entrega\nAté 5 dias úteis.\nhttps://ajuda.answers.test/pt-BR/articles/${article.groupId}`;
    const sent = (await logOf(boss, c.conversationId)).find((e) => e.type === "message" && e.body === text);
    expect(sent).toMatchObject({ kind: "text", actor: { type: "bot", id: `automation:${rule.id}` } });
    const seen = (await call("/api/v1/widget/messages", { headers: bearer(c.token) })).body.events as Array<{ body?: string }>;
    expect(seen.some((e) => e.body === text)).toBe(true);
  });

  it("refuses a rule naming a draft, an internal or an unknown article", async () => {
    const draft = await makeArticle(boss, portal.id, { status: "draft" });
    const internal = await makeArticle(boss, portal.id, { visibility: "internal" });
    for (const articleId of [draft.id, internal.id, "no-such-article"]) {
      const res = await call("/api/v1/automation-rules", { method: "POST", json: { name: "x", trigger: { type: "customer_message" }, actions: [{ type: "send_article", articleId }] }, client: boss });
      expectApiError(res, 404, "article_not_found");
      expect(res.body.error.issues[0].path).toEqual(["actions", 0, "articleId"]);
    }
  });

  it("stops the run with the reason when the article was unpublished since", async () => {
    const article = await makeArticle(boss, portal.id, { title: "Cupom" });
    const rule = await makeRule(boss, { trigger: { type: "customer_message" }, actions: [{ type: "send_article", articleId: article.id }] });
    await call(`/api/v1/help-center/articles/${article.id}`, { method: "PATCH", json: { status: "draft" }, client: boss });
    const c = await customerWrites(publicKey, "Tem cupom?");
    const [run] = await runsLogged(boss, c.conversationId);
    expect(run!.actions[0]!.error).toContain("is a draft");
    expect((await ruleRow(rule.id))!.last_error).toContain("is a draft");
    expect((await logOf(boss, c.conversationId)).some((e) => e.type === "message" && e.body?.startsWith("Cupom"))).toBe(false);
  });
});
