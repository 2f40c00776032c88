/**
 * Search snippets: hits between the server's markers become <mark> elements, and whatever
 * the customer wrote — markup included — stays text.
 */
import { afterEach, describe, expect, it } from "vitest";
import { splitHighlights } from "../../console/search/highlight";
import { Snippet } from "../../console/search/snippet";
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from "../../worker/protocol";
import { mount } from "./fakes";

let unmount = () => {};
afterEach(() => unmount());

describe("splitting a snippet on the highlight markers", () => {
  it("returns plain and highlighted parts in order", () => {
    expect(splitHighlights(`…preciso de ${S}ajuda${E} com o ${S}pedido${E}`)).toEqual([
      { text: "…preciso de ", hit: false },
      { text: "ajuda", hit: true },
      { text: " com o ", hit: false },
      { text: "pedido", hit: true },
    ]);
  });

  it("copes with a snippet cut inside a hit and with stray markers", () => {
    expect(splitHighlights(`a ${S}b`)).toEqual([
      { text: "a ", hit: false },
      { text: "b", hit: true },
    ]);
    expect(splitHighlights(`a${E}b`)).toEqual([{ text: "ab", hit: false }]);
    expect(splitHighlights(`${S}${E}`)).toEqual([]);
  });
});

describe("rendering a snippet", () => {
  it("marks the hits and keeps HTML in a message as text", async () => {
    const view = await mount(<Snippet text={`<img src=x onerror=alert(1)> ${S}<b>não</b>${E} sei`} />);
    unmount = view.unmount;
    const marks = view.container.querySelectorAll("mark");
    expect([...marks].map((m) => m.textContent)).toEqual(["<b>não</b>"]);
    expect(view.container.querySelector("img, b")).toBeNull();
    expect(view.container.textContent).toBe("<img src=x onerror=alert(1)> <b>não</b> sei");
  });
});
