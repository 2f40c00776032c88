/**
 * A stored event the console cannot format (a type a newer server added, or a shape it
 * does not know) must not stop the pane: the history still loads, the event shows as a
 * line in its place, and the same goes for one that arrives live.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { FakeSocket, installFakeSocket, installFetch, message, mount, settle } from "./fakes";
import { DIRECTORY, ME, contactDetail, item } from "./console-fixtures";

const maria = { type: "contact" as const, id: "k1", name: null };
const at = Date.UTC(2026, 10, 23, 13, 5);
/** What a newer server might store after a snooze ends. */
const wake = { type: "snooze_wake", seq: 2, id: "e2", conversationId: "c1", at, actor: { type: "system", id: null } };
/** A known type in a shape this console does not expect. */
const oddStatus = { type: "status", seq: 3, id: "e3", conversationId: "c1", at, actor: { type: "system", id: null }, from: "snoozed", to: "waking" };

function serve(events: unknown[]) {
  installFetch([
    ({ method, url }) => {
      const p = url.pathname;
      const json = (body: unknown) => ({ body });
      if (p === "/api/v1/conversations/c1" && method === "GET") return json({ conversation: item({ lastSeq: events.length }) });
      if (p === "/api/v1/conversations/c1/messages") return json({ events, lastSeq: events.length, more: false });
      if (p === "/api/v1/conversations/c1/message-tags") return json({ messages: [] });
      if (p === "/api/v1/conversations/c1/read") return json({ ok: true });
      if (p === "/api/v1/contacts/k1") return json(contactDetail());
      if (p === "/api/v1/agents") return json({ agents: DIRECTORY.agents });
      if (p === "/api/v1/teams") return json({ teams: DIRECTORY.teams });
      if (p === "/api/v1/inboxes") return json({ inboxes: DIRECTORY.inboxes });
      if (p === "/api/v1/tags") return json({ tags: DIRECTORY.tags });
      if (p === "/api/v1/conversation-types") return json({ types: DIRECTORY.types });
      return undefined;
    },
  ]);
}

const mounted: Array<() => void> = [];
beforeEach(() => {
  localStorage.clear();
  resetDirectory();
  installFakeSocket();
});
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  document.body.innerHTML = "";
});

async function open(events: unknown[]) {
  serve(events);
  const view = await mount(<ConversationPane id="c1" me={ME} item={item({ lastSeq: events.length })} atSeq={null} onChange={() => {}} onNext={() => {}} />);
  mounted.push(view.unmount);
  await settle(6);
  await act(() => FakeSocket.last.open(events.length));
  await settle();
  const log = view.container.querySelector('[role="log"]')!;
  const lines = () => [...log.querySelectorAll(".message-body, .system-text")].map((el) => el.textContent?.trim());
  return { ...view, log, lines };
}

describe("a stored event the console cannot format", () => {
  it("shows as a line in its place and the rest of the history still loads", async () => {
    const first = message({ seq: 1, actor: maria, body: "hello" });
    const last = message({ seq: 4, actor: maria, body: "still there?" });
    const { log, lines } = await open([first, wake, oddStatus, last]);
    expect(log.getAttribute("aria-busy")).toBe("false");
    expect(log.textContent).not.toContain("Loading conversation");
    expect(lines()).toEqual(["hello", "An event this console cannot show (snooze_wake)", "An event this console cannot show (status)", "still there?"]);
  });

  it("arriving live, it is shown too and later events still arrive", async () => {
    const { lines } = await open([message({ seq: 1, actor: maria, body: "hello" })]);
    await act(() => {
      FakeSocket.last.push({ type: "event", event: { ...wake } } as never);
      FakeSocket.last.push({ type: "event", event: message({ seq: 3, actor: maria, body: "back" }) });
    });
    await settle();
    expect(lines()).toEqual(["hello", "An event this console cannot show (snooze_wake)", "back"]);
  });
});
