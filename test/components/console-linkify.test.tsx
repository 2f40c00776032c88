/**
 * Links in messages: http(s) and mailto become links that open in a new tab without the
 * console behind them; anything else (javascript:, data:, HTML in the text) stays text.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LinkedText, linkTokens } from "../../console/conversation/timeline/linkify";
import { Timeline } from "../../console/conversation/timeline/timeline";
import { message, mount } from "./fakes";
import { DIRECTORY, ME, TAGS } from "./console-fixtures";

afterEach(() => {
  document.body.innerHTML = "";
});

describe("linkTokens", () => {
  it("splits text into plain runs and http(s)/mailto links, leaving sentence punctuation out", () => {
    expect(linkTokens("See https://example.com/a?b=1. Or mail mailto:ana@example.com, thanks")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: ". Or mail " },
      { kind: "link", text: "mailto:ana@example.com", href: "mailto:ana@example.com" },
      { kind: "text", text: ", thanks" },
    ]);
    expect(linkTokens("(docs: http://x.org/wiki/A_(b))")).toEqual([
      { kind: "text", text: "(docs: " },
      { kind: "link", text: "http://x.org/wiki/A_(b)", href: "http://x.org/wiki/A_(b)" },
      { kind: "text", text: ")" },
    ]);
  });

  it("never links other schemes", () => {
    for (const text of ["javascript:alert(1)", "JavaScript://%0aalert(1)", "data:text/html,<b>x</b>", "vbscript:x", "file:///etc/passwd", "xhttps://evil.test"]) {
      expect(linkTokens(text)).toEqual([{ kind: "text", text }]);
    }
  });
});

describe("LinkedText", () => {
  it("renders links as anchors with a safe rel, and HTML in the text as characters", async () => {
    const text = 'Hi <a href="javascript:alert(1)">click</a> <img src=x onerror=alert(1)> https://example.com/ok';
    const { container } = await mount(
      <p>
        <LinkedText text={text} />
      </p>,
    );
    const links = [...container.querySelectorAll("a")];
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute("href")).toBe("https://example.com/ok");
    expect(links[0]!.getAttribute("rel")).toBe("noopener noreferrer");
    expect(links[0]!.getAttribute("target")).toBe("_blank");
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toBe(text);
  });
});

describe("in the timeline", () => {
  it("a message's URL is a link; a javascript: one is not", async () => {
    const maria = { type: "contact" as const, id: "k1", name: null };
    const events = [message({ seq: 1, actor: maria, body: "order: https://shop.example/o/42 javascript:alert(1)" })];
    const { container } = await mount(
      <Timeline
        events={events}
        pending={[]}
        connection="online"
        typing={[]}
        contactReadSeq={0}
        ctx={{ myId: ME.agent.id, contactName: "Maria", directory: DIRECTORY }}
        channel="webchat"
        messageTags={{ bySeq: new Map(), set: () => {} }}
        tags={TAGS}
        atSeq={null}
        pages={{ loaded: true, hasOlder: false, olderState: "idle", loadOlder: async () => {} }}
        onRetry={() => {}}
        onDiscard={() => {}}
      />,
    );
    const links = [...container.querySelectorAll(".message-body a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["https://shop.example/o/42"]);
  });
});
