/**
 * The article renderer: Markdown with script tags, javascript: links and raw HTML comes
 * out inert. Each case is an attack a Markdown body could carry.
 */
import { describe, expect, it } from "vitest";
import { isSafeUrl, plainText, renderArticle } from "../../../worker/help-center/markdown";

describe("renderArticle", () => {
  it("renders Markdown", () => {
    expect(renderArticle("# Título\n\n**negrito** e [link](https://example.com)")).toBe(
      '<h1>Título</h1>\n<p><strong>negrito</strong> e <a href="https://example.com" rel="nofollow noopener noreferrer">link</a></p>\n',
    );
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["an inline event handler", '<img src=x onerror="alert(1)">'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["an HTML comment hiding a tag", "<!-- --><script>alert(1)</script>"],
    ["a style block", "<style>body{display:none}</style>"],
  ])("shows %s as text", (_, source) => {
    const html = renderArticle(source);
    expect(html).not.toMatch(/<(script|img|iframe|style)\b/i);
    expect(html).toContain("&lt;");
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&#58;alert(1)",
    "%6Aavascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
  ])("refuses the link %s (left as text, no href)", (url) => {
    const html = renderArticle(`[clique](${url}) <${url}>`);
    expect(html).not.toContain("href=");
  });

  it("refuses images that are not http(s) or relative, data: included", () => {
    expect(renderArticle("![x](data:image/png;base64,iVBORw0KGgo=)")).not.toContain("<img");
    expect(renderArticle("![x](javascript:alert(1))")).not.toContain("<img");
    expect(renderArticle("![x](mailto:a@b.c)")).not.toContain("<img");
    expect(renderArticle("![logo](/hc-files/abc)")).toContain('<img src="/hc-files/abc" alt="logo" loading="lazy">');
  });

  it("keeps http, https, mailto and relative links", () => {
    for (const url of ["http://a.test/x", "https://a.test", "mailto:ajuda@loja.test", "/hc/x/pt-BR/", "#passo-2", "outro-artigo"]) {
      expect(renderArticle(`[a](${url})`), url).toContain("href=");
    }
  });

  it("escapes quotes in attributes", () => {
    expect(renderArticle('[a](https://a.test/"onmouseover="alert(1))')).not.toContain('"onmouseover="');
  });
});

describe("isSafeUrl and plainText", () => {
  it("reads a URL as browsers do", () => {
    expect(isSafeUrl(" javascript:alert(1)")).toBe(false);
    expect(isSafeUrl("\u0001javascript:alert(1)")).toBe(false);
    expect(isSafeUrl("https://ok.test")).toBe(true);
    expect(isSafeUrl("mailto:a@b.c", "image")).toBe(false);
  });

  it("gives the text without tags, cut with an ellipsis", () => {
    expect(plainText("# Oi\n\n**tudo** <b>bem</b>?", 100)).toBe("Oi tudo <b>bem</b>?");
    expect(plainText("palavra ".repeat(50), 20)).toMatch(/…$/);
  });
});
