/**
 * The visitor sees their place in line (issue 14): the room's `queuePosition` frames,
 * through the widget's own frame parser and the shared feed, become one calm line in
 * en, pt-BR and es — "next" for position 1, the wait in minutes or "less than a minute",
 * nothing without a place, and nothing stale after the connection drops.
 */
import { createRef } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WidgetSession } from "../../worker/protocol";
import { STRINGS, StringsContext } from "../../widget/i18n";
import { ConversationFeed } from "../../client/feed";
import { Outbox } from "../../client/outbox";
import { parseFrame } from "../../widget/visitor-api";
import type { VisitorSession } from "../../widget/visitor";
import { Chat } from "../../widget/ui/chat";
import { waitMinutes } from "../../widget/ui/queue-place";
import { FakeSocket, history, installFakeSocket, mount } from "./fakes";

const session: WidgetSession = {
  token: "tok",
  tokenExpiresAt: Date.now() + 86_400_000,
  contactId: "v1",
  conversationId: "c1",
  contact: { id: "v1", name: "Bia", email: null, phone: null, verified: false },
  status: "open",
  inbox: {
    name: "Loja",
    settings: { color: "#0a7d48", position: "right", greeting: "", avatarUrl: null, awayMessage: "", preChatForm: { enabled: false, requireEmail: false }, csat: true, requireIdentity: false },
  },
};

async function renderChat(locale: keyof typeof STRINGS = "en") {
  const feed = new ConversationFeed({
    loadHistory: async () => history([]),
    socketUrl: () => "ws://widget.test/ws",
    // The widget's real parser: a frame type it does not list would be dropped here.
    parseFrame,
    outbox: new Outbox("test:outbox", localStorage),
  });
  await feed.start();
  FakeSocket.last.open(0);
  const view = await mount(
    <StringsContext.Provider value={STRINGS[locale]}>
      <Chat session={session} feed={feed} visitor={{} as VisitorSession} config={null} seen open inputRef={createRef()} onUnread={() => {}} />
    </StringsContext.Provider>,
  );
  const place = (position: number | null, etaSeconds: number | null) => act(() => FakeSocket.last.push({ type: "queuePosition", position, etaSeconds }));
  const line = () => view.container.querySelector<HTMLElement>(".sb-queue")!;
  return { ...view, feed, place, line };
}

beforeEach(() => {
  localStorage.clear();
  installFakeSocket();
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("the visitor's place in line", () => {
  it.each([
    ["en", "You are number 3 in line · about 4 min"],
    ["pt-BR", "Você é o número 3 da fila · cerca de 4 min"],
    ["es", "Eres el número 3 en la fila · unos 4 min"],
  ] as const)("says the position and the wait in %s", async (locale, expected) => {
    const { place, line } = await renderChat(locale);
    await place(3, 240);
    expect(line().textContent).toBe(expected);
  });

  it.each([
    ["en", "You are next", "You are next · less than a minute"],
    ["pt-BR", "Você é o próximo", "Você é o próximo · menos de um minuto"],
    ["es", "Eres el siguiente", "Eres el siguiente · menos de un minuto"],
  ] as const)("says next for position 1, only the position without a wait, and under a minute in %s", async (locale, next, soon) => {
    const { place, line } = await renderChat(locale);
    await place(1, null);
    expect(line().textContent).toBe(next);
    await place(1, 59);
    expect(line().textContent).toBe(soon);
  });

  it("shows only the first half without a wait", async () => {
    const { place, line } = await renderChat("pt-BR");
    await place(7, null);
    expect(line().textContent).toBe("Você é o número 7 da fila");
  });

  it("rounds the wait to whole minutes, under a minute as its own phrase", () => {
    expect([0, 59, 60, 89, 90, 149, 150, 3600].map(waitMinutes)).toEqual([0, 0, 1, 1, 2, 2, 3, 60]);
  });

  it("is a polite live region that stays in the page, empty and hidden, without a place", async () => {
    const { place, line } = await renderChat();
    expect(line().getAttribute("aria-live")).toBe("polite");
    expect(line().textContent).toBe("");
    await place(2, 120);
    expect(line().textContent).toBe("You are number 2 in line · about 2 min");
    await place(null, null);
    expect(line().textContent).toBe("");
  });

  it("follows live updates as the line moves", async () => {
    const { place, line } = await renderChat("es");
    await place(4, 600);
    expect(line().textContent).toBe("Eres el número 4 en la fila · unos 10 min");
    await place(2, 200);
    expect(line().textContent).toBe("Eres el número 2 en la fila · unos 3 min");
  });

  it("drops the place when the connection drops, and shows the one the room greets the reconnect with", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { feed, place, line } = await renderChat();
    await place(3, 180);
    const first = FakeSocket.last;
    await act(() => first.close());
    expect(feed.snapshot().queuePlace).toBeNull();
    expect(line().textContent).toBe("");
    await act(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
    const second = FakeSocket.last;
    expect(second).not.toBe(first);
    await act(() => second.open(0));
    await place(2, 120);
    expect(line().textContent).toBe("You are number 2 in line · about 2 min");
  });
});
