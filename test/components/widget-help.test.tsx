/**
 * The widget's help panel against a fake API: suggestions follow the visitor's typing
 * after a pause (one request per pause), the match is marked as text, an article opens in
 * a frame that may run no script, the vote is sent once, and "Chat with us" hands over to
 * the chat. The slot loads the panel only for an inbox with a public portal.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { HIGHLIGHT_END, HIGHLIGHT_START, MAX_HC_SEARCH_CHARS } from "../../worker/protocol";
import { HelpPanel, MARK_END, MARK_START, MAX_SEARCH_CHARS, SUGGEST_DEBOUNCE_MS } from "../../widget/help/help-panel";
import { HELP_STRINGS } from "../../widget/help/strings";
import { HelpSlot } from "../../widget/ui/help-slot";
import { click, installFetch, mount, settle, type } from "./fakes";

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

const hit = { id: "a1", groupId: "g1", portalId: "p1", locale: "pt-BR", title: `Trocar a ${HIGHLIGHT_START}senha${HIGHLIGHT_END} <b>já</b>`, snippet: "", excerpt: "", url: "/hc/ajuda/pt-BR/articles/g1", visibility: "public" };

function fakeServer() {
  return installFetch([
    ({ url }) => (url.pathname === "/api/v1/help-center/public/ajuda/search" ? { body: { hits: [hit] } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/help-center/public/ajuda/articles/g1" ? { body: { groupId: "g1", locale: "pt-BR", title: "Trocar a senha", html: "<p>Passo 1</p>", excerpt: "", url: "/hc/ajuda/pt-BR/articles/g1", fallback: false } } : undefined),
    ({ method, url }) => (method === "POST" && url.pathname === "/api/v1/help-center/public/ajuda/articles/g1/feedback" ? { body: { ok: true } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/help-center/public/portal" ? { body: { portal: url.searchParams.get("inbox") === "pk_help" ? { slug: "ajuda" } : null } } : undefined),
  ]);
}
const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

describe("the help panel", () => {
  it("uses the protocol's highlight markers and search bound", () => {
    expect([MARK_START, MARK_END]).toEqual([HIGHLIGHT_START, HIGHLIGHT_END]);
    expect(MAX_SEARCH_CHARS).toBe(MAX_HC_SEARCH_CHARS);
  });

  it("suggests articles from what the visitor writes to the team (any word, cut to the bound) until they use the search box, which wins", async () => {
    const calls = fakeServer();
    const s = HELP_STRINGS.en;
    const draft = `My password stopped working ${"and then some more words ".repeat(6)}`;
    const view = await mount(<HelpPanel slug="ajuda" locale="en" draft={draft} onChat={() => {}} />);
    unmount = view.unmount;
    await wait(SUGGEST_DEBOUNCE_MS + 50);
    await settle();
    const searches = () => calls.filter((c) => c.path.includes("/search")).map((c) => new URL(c.path, "http://x").searchParams);
    expect(searches()).toHaveLength(1);
    expect(searches()[0]!.get("match")).toBe("any");
    expect(searches()[0]!.get("q")).toBe(draft.trim().slice(0, MAX_SEARCH_CHARS));
    expect(view.container.querySelector("#sb-help-suggested")!.textContent).toBe(s.suggested);
    expect(view.container.querySelector("ul")!.getAttribute("aria-labelledby")).toBe("sb-help-suggested");

    await type(view.container.querySelector("input")!, "senha");
    await wait(SUGGEST_DEBOUNCE_MS + 50);
    await settle();
    expect(searches()).toHaveLength(2);
    expect(searches()[1]!.get("match")).toBeNull();
    expect(searches()[1]!.get("q")).toBe("senha");
    expect(view.container.querySelector("#sb-help-suggested")).toBeNull();
  });

  it("says nothing when a draft suggests no article (unlike a search, which says none matched)", async () => {
    installFetch([({ url }) => (url.pathname.endsWith("/search") ? { body: { hits: [] } } : undefined)]);
    const view = await mount(<HelpPanel slug="ajuda" locale="en" draft="hello there" onChat={() => {}} />);
    unmount = view.unmount;
    await wait(SUGGEST_DEBOUNCE_MS + 50);
    await settle();
    expect(view.container.textContent).not.toContain(HELP_STRINGS.en.none);
    expect(view.container.querySelector("ul")).toBeNull();
  });

  it("suggests articles after a pause in typing, opens one in a script-less frame, votes once, then hands over to the chat", async () => {
    const calls = fakeServer();
    let chatted = 0;
    const view = await mount(<HelpPanel slug="ajuda" locale="pt-BR" onChat={() => chatted++} />);
    unmount = view.unmount;
    const input = view.container.querySelector("input")!;
    await type(input, "se");
    await type(input, "senha");
    await wait(SUGGEST_DEBOUNCE_MS + 50);
    await settle();
    expect(calls.filter((c) => c.path.includes("/search")).map((c) => c.path)).toEqual(["/api/v1/help-center/public/ajuda/search?q=senha&locale=pt-BR"]);
    expect(view.container.querySelector("mark")!.textContent).toBe("senha");
    expect(view.container.querySelector("b")).toBeNull();
    await click(view.container.querySelector(".sb-help-hit"));
    await settle();
    const frame = view.container.querySelector("iframe")!;
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("srcdoc")).toContain("<p>Passo 1</p>");
    const s = HELP_STRINGS["pt-BR"];
    await click([...view.container.querySelectorAll("button")].find((b) => b.textContent?.includes(s.yes))!);
    await settle();
    expect(view.container.textContent).toContain(s.thanks);
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([{ helpful: true }]);
    await click(view.container.querySelector(".sb-help-chat"));
    expect(chatted).toBe(1);
  });
});

describe("the help slot", () => {
  it("loads the panel for an inbox with a portal, and nothing for one without", async () => {
    fakeServer();
    const withPortal = await mount(<HelpSlot inbox="pk_help" locale="en" draft="" onChat={() => {}} />);
    await wait(50);
    await settle();
    expect(withPortal.container.querySelector(".sb-help")).not.toBeNull();
    withPortal.unmount();
    const without = await mount(<HelpSlot inbox="pk_other" locale="en" draft="" onChat={() => {}} />);
    unmount = without.unmount;
    await wait(50);
    await settle();
    expect(without.container.innerHTML).toBe("");
  });
});

it("has every help string in pt-BR and es", () => {
  expect(Object.keys(HELP_STRINGS["pt-BR"]).sort()).toEqual(Object.keys(HELP_STRINGS.en).sort());
  expect(Object.keys(HELP_STRINGS.es).sort()).toEqual(Object.keys(HELP_STRINGS.en).sort());
});
