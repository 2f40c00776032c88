/**
 * The console's help center against a fake API at the fetch boundary: the portal's
 * articles listed with status, views and helpful counts; an article opened, edited and
 * saved; the preview shown in a frame that may run no script; the history and feedback
 * shown as text; the composer's article picker inserting a link; pt-BR and es strings.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Article, Me } from "../../worker/protocol";
import { HelpCenterPage } from "../../console/help-center/help-center-page";
import { HELP_CENTER_STRINGS } from "../../console/help-center/strings";
import { ArticlePicker } from "../../console/conversation/composer/article-picker";
import { ARTICLE_PICKER_STRINGS } from "../../console/conversation/composer/article-strings";
import { byText, click, installFetch, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";

const agent: Me = { agent: { id: "a1", name: "Ana", email: "ana@example.com", role: "agent" }, teamIds: [], profile: PROFILE };
const portal = { id: "p1", name: "Ajuda", slug: "ajuda", logoFileId: null, primaryColor: "#1f6feb", backgroundColor: "#ffffff", customDomain: null, defaultLocale: "pt-BR", locales: ["pt-BR", "en"], audience: "public", chatInboxId: null, siteOrigin: "http://localhost", createdAt: 1, updatedAt: 1 };
const article: Article = {
  id: "x1", groupId: "x1", portalId: "p1", categoryId: null, folderId: null, locale: "pt-BR", translationOf: null, title: "Trocar <b>senha</b>", excerpt: "", body: "Passo **1**",
  status: "published", visibility: "public", segmentTagId: null, authorId: "a1", authorName: "Ana", createdAt: 1, updatedAt: 2, publishedAt: 2, views: 12, helpfulYes: 3, helpfulNo: 1,
};

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

function fakeServer() {
  return installFetch([
    ({ method, url }) => (method === "GET" && url.pathname === "/api/v1/help-center/portals" ? { body: { portals: [portal] } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/tags" ? { body: { tags: [] } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/help-center/portals/p1/categories" ? { body: { categories: [] } } : undefined),
    ({ method, url }) => (method === "GET" && url.pathname === "/api/v1/help-center/articles" ? { body: { articles: [{ ...article, body: undefined }] } } : undefined),
    ({ method, url }) => (method === "GET" && url.pathname === "/api/v1/help-center/articles/x1" ? { body: article } : undefined),
    ({ method, url, body }) => (method === "PATCH" && url.pathname === "/api/v1/help-center/articles/x1" ? { body: { ...article, ...(body as object), updatedAt: 3 } } : undefined),
    ({ url }) =>
      url.pathname === "/api/v1/help-center/articles/x1/revisions"
        ? { body: { revisions: [{ id: "r1", articleId: "x1", at: 2, actor: { type: "agent", id: "a1", name: "Ana" }, action: "published", changed: ["status"], title: "t", body: "b" }] } }
        : undefined,
    ({ url }) => (url.pathname === "/api/v1/help-center/articles/x1/feedback" ? { body: { helpfulYes: 3, helpfulNo: 1, views: 12, comments: [{ helpful: false, comment: "<img src=x onerror=alert(1)>", at: 2 }] } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/help-center/preview" ? { body: { html: "<p>Passo <strong>1</strong></p>" } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/help-center/search" ? { body: { hits: [{ id: "x1", groupId: "x1", portalId: "p1", locale: "pt-BR", title: "Trocar \u0002senha\u0003", snippet: "", excerpt: "", url: "/hc/ajuda/pt-BR/articles/x1", visibility: "public" }] } } : undefined),
  ]);
}

describe("the help center area", () => {
  it("lists the portal's articles with status, views and helpful counts, titles as text", async () => {
    fakeServer();
    const view = await mount(<HelpCenterPage me={agent} />);
    unmount = view.unmount;
    await settle();
    expect(view.container.textContent).toContain("Trocar <b>senha</b>");
    expect(view.container.querySelector("b")).toBeNull();
    expect(view.container.textContent).toMatch(/12 (views|visualizações|vistas)/);
  });

  it("opens an article, previews it in a script-less frame, saves it, and shows history and feedback as text", async () => {
    const calls = fakeServer();
    const view = await mount(<HelpCenterPage me={agent} />);
    unmount = view.unmount;
    await settle();
    await click(byText(view.container, "Trocar <b>senha</b>", "button"));
    await settle();
    const s = HELP_CENTER_STRINGS.en;
    const frame = () => view.container.querySelector("iframe");
    await click([...view.container.querySelectorAll("button")].find((b) => Object.values(HELP_CENTER_STRINGS).some((t) => t.preview === b.textContent))!);
    await settle();
    expect(frame()!.getAttribute("sandbox")).toBe("");
    expect(frame()!.getAttribute("srcdoc")).toBe("<p>Passo <strong>1</strong></p>");
    const body = view.container.querySelector("textarea")!;
    await type(body, "Passo 2");
    await click([...view.container.querySelectorAll("button")].find((b) => b.type === "submit")!);
    await settle();
    expect(calls.find((c) => c.method === "PATCH")?.body).toMatchObject({ body: "Passo 2" });
    expect(view.container.querySelector("img")).toBeNull();
    expect(view.container.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(view.container.textContent).toMatch(/Ana (published|publicou|publicó) \(status\)/);
    expect(s.title).toBe("Help center");
  });
});

describe("the composer's article picker", () => {
  it("searches and inserts a link to the public page, the title's match marked", async () => {
    fakeServer();
    const inserted: string[] = [];
    const view = await mount(<ArticlePicker onInsert={(t) => inserted.push(t)} />);
    unmount = view.unmount;
    await click(view.container.querySelector("button"));
    await type(view.container.querySelector("input")!, "senha");
    await act(() => new Promise((r) => setTimeout(r, 300)));
    await settle();
    expect(view.container.querySelector("mark")!.textContent).toBe("senha");
    const linkButton = [...view.container.querySelectorAll("button")].find((b) => Object.values(ARTICLE_PICKER_STRINGS).some((t) => t.link === b.textContent))!;
    await click(linkButton);
    expect(inserted).toEqual([`Trocar senha: ${location.origin}/hc/ajuda/pt-BR/articles/x1`]);
  });
});

it("has every string in pt-BR and es", () => {
  for (const table of [HELP_CENTER_STRINGS, ARTICLE_PICKER_STRINGS]) {
    expect(Object.keys(table["pt-BR"]).sort()).toEqual(Object.keys(table.en).sort());
    expect(Object.keys(table.es).sort()).toEqual(Object.keys(table.en).sort());
  }
});
