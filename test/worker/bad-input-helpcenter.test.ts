/**
 * Bad input on the help center routes: malformed and oversize bodies, wrong types,
 * missing and unknown fields, bad values, unknown ids and bad queries each get a 4xx JSON
 * error and store nothing. The rows are in bad-input-helpcenter-routes.ts.
 */
import { beforeAll } from "vitest";
import { describeBodyRoutes, describeQueryRoutes } from "./bad-input-kit";
import { HC_BODY_ROUTES, HC_QUERY_ROUTES, type HcWorld } from "./bad-input-helpcenter-routes";
import { customerWrites, owner, webchatInbox } from "./fixtures";
import { created } from "./help-center/hc-kit";

const w = {} as HcWorld;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = await webchatInbox(w.boss, "Bad input help center");
  const c = await customerWrites(inbox.publicKey, "Oi");
  await created("/api/v1/help-center/portals", { name: "Outra", slug: "taken", defaultLocale: "en", locales: ["en"] }, w.boss);
  const portal = await created("/api/v1/help-center/portals", { name: "Ajuda", slug: "ajuda-bad-input", defaultLocale: "pt-BR", locales: ["pt-BR", "en"] }, w.boss);
  const category = await created(`/api/v1/help-center/portals/${portal.id}/categories`, { slug: "pagamentos", name: "Pagamentos" }, w.boss);
  const folder = await created(`/api/v1/help-center/categories/${category.id}/folders`, { name: "Pix" }, w.boss);
  const article = await created("/api/v1/help-center/articles", { portalId: portal.id, locale: "pt-BR", title: "Pix", body: "Texto", status: "published" }, w.boss);
  Object.assign(w, {
    conversationId: c.conversationId,
    token: c.token,
    publicKey: inbox.publicKey,
    contactId: c.contactId,
    portalId: portal.id,
    portalSlug: portal.slug,
    categoryId: category.id,
    folderId: folder.id,
    articleId: article.id,
    groupId: article.groupId,
    tagId: (await created("/api/v1/tags", { name: "VIP" }, w.boss)).id,
  });
  // The 409 row names the source by a placeholder: point it at the real article.
  const row = HC_BODY_ROUTES.find((r) => r.name === "POST /api/v1/help-center/articles")!;
  for (const bad of row.badValues) if (bad.set.translationOf === "SOURCE") bad.set.translationOf = article.id;
});

describeBodyRoutes(w, HC_BODY_ROUTES);
describeQueryRoutes(w, HC_QUERY_ROUTES);
