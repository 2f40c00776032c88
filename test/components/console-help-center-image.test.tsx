/**
 * "Insert image" in the article editor, against a fake API at the fetch boundary: the file
 * goes raw to the upload route with its type, `![alt](url)` lands at the cursor and is what
 * the save sends; a file of another type never leaves the browser; the server's refusal
 * (too large) is shown.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Article } from "../../worker/protocol";
import { HelpCenterPage } from "../../console/help-center/help-center-page";
import { s } from "../../console/help-center/strings";
import { byText, click, installFetch, mount, settle, type } from "./fakes";
import { agent, fail, pageReads } from "./console-help-center-fixtures";

const article: Article = {
  id: "x1", groupId: "x1", portalId: "p1", categoryId: null, folderId: null, locale: "pt-BR", translationOf: null, title: "Trocar senha", excerpt: "", body: "Antes depois",
  status: "draft", visibility: "public", segmentTagId: null, authorId: "a1", authorName: "Ana", createdAt: 1, updatedAt: 2, publishedAt: null, views: 0, helpfulYes: 0, helpfulNo: 0,
};

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

async function pick(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  await act(() => void input.dispatchEvent(new Event("change", { bubbles: true })));
  await settle();
}

describe("insert image", () => {
  it("uploads the image and inserts its Markdown at the cursor; wrong types and refusals are shown", async () => {
    let uploads = 0;
    const calls = installFetch([
      ({ method, url }) => {
        if (method !== "POST" || url.pathname !== "/api/v1/help-center/uploads") return undefined;
        uploads += 1;
        return uploads === 1 ? fail(413, "payload_too_large", "The image is larger than 5 MB.") : { status: 201, body: { id: "u1", url: "/hc-files/u1", contentType: "image/webp", size: 3 } };
      },
      ({ method, url }) => (method === "GET" && url.pathname === "/api/v1/help-center/articles" ? { body: { articles: [{ ...article, body: undefined }] } } : undefined),
      ({ method, url }) => (method === "GET" && url.pathname === "/api/v1/help-center/articles/x1" ? { body: article } : undefined),
      ({ url }) => (url.pathname.startsWith("/api/v1/help-center/articles/x1/") ? { body: url.pathname.endsWith("revisions") ? { revisions: [] } : { helpfulYes: 0, helpfulNo: 0, views: 0, comments: [] } } : undefined),
      ({ method, url, body }) => (method === "PATCH" && url.pathname === "/api/v1/help-center/articles/x1" ? { body: { ...article, ...(body as object), updatedAt: 3 } } : undefined),
      ...pageReads(),
    ]);
    const view = await mount(<HelpCenterPage me={agent} />);
    unmount = view.unmount;
    await settle();
    await click(byText(view.container, "Trocar senha", "button"));
    await settle();
    const fileInput = view.container.querySelector<HTMLInputElement>(`input[type=file][aria-label="${s.insertImage}"]`)!;
    const status = () => view.container.querySelector("[role=status]")?.textContent;

    await pick(fileInput, new File(["%PDF"], "doc.pdf", { type: "application/pdf" }));
    expect(status()).toBe(s.imageType);
    expect(calls.some((c) => c.path === "/api/v1/help-center/uploads")).toBe(false);

    const webp = new File([new Uint8Array([82, 73, 70])], "tela-login.webp", { type: "image/webp" });
    await pick(fileInput, webp);
    expect(status()).toBe("The image is larger than 5 MB.");

    const body = view.container.querySelector("textarea")!;
    body.setSelectionRange(6, 6);
    await type(view.container.querySelector<HTMLInputElement>(".hc-insert-image input:not([type=file])")!, "Tela [de]  login");
    await pick(fileInput, webp);
    const upload = calls.filter((c) => c.path === "/api/v1/help-center/uploads")[1]!;
    expect(upload.headers.get("Content-Type")).toBe("image/webp");
    expect(upload.body).toBe(webp);
    expect(body.value).toBe("Antes ![Tela de login](/hc-files/u1)depois");

    await click([...view.container.querySelectorAll("button")].find((b) => b.type === "submit")!);
    await settle();
    expect(calls.find((c) => c.method === "PATCH")!.body).toMatchObject({ body: "Antes ![Tela de login](/hc-files/u1)depois" });
  });
});
