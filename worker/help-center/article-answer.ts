/**
 * @module A help center article as a chat answer (automation's `send_article` action): its
 * title, its summary (or the start of its text) and its public link, as plain text every
 * channel can carry. Only an article a customer may be sent: published, and not internal
 * (agents-only articles never leave the console).
 */
import type { Db } from "../db/client";
import { findArticle } from "../db/hc-articles";
import { findPortal } from "../db/hc-portals";
import { plainText } from "./markdown";
import { absoluteArticleUrl } from "./public-url";

const SUMMARY_CHARS = 280;

/** Why an article may not be sent, or null when it may. */
export function unsendable(article: { status: string; visibility: string } | undefined): string | null {
  if (!article) return "no longer exists";
  if (article.status !== "published") return "is a draft";
  if (article.visibility === "internal") return "is for agents only";
  return null;
}

/** The message text; throws an Error saying why when the article may not be sent. */
export async function articleAnswer(db: Db, articleId: string): Promise<string> {
  const article = await findArticle(db, articleId);
  const refusal = unsendable(article);
  if (refusal || !article) throw new Error(`help center article ${articleId} ${refusal}`);
  const portal = (await findPortal(db, article.portalId))!;
  const summary = article.excerpt || plainText(article.body, SUMMARY_CHARS);
  return [article.title, summary, absoluteArticleUrl(portal, article.locale, article.groupId)].filter((line) => line.length > 0).join("\n");
}
