/**
 * The whole conversation pane against a fake API and a fake room socket: where a long
 * conversation opens and how earlier pages load, sending over the socket, read marks,
 * live state changes reported to the list, actions, console commands, and the contact
 * panel's inline edits.
 */
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationEvent, ConversationItem } from "../../worker/protocol";
import { sendCommand } from "../../console/commands";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { olderWindow, startAfter } from "../../console/conversation/timeline/use-timeline";
import { FakeSocket, byText, click, installFakeSocket, installFetch, message, mount, settle, status, type } from "./fakes";
import { BRUNO, DIRECTORY, ME, contactDetail, item } from "./console-fixtures";

const maria = { type: "contact" as const, id: "k1", name: null };

/** seq 1..n, the customer and the agent taking turns. */
function log(n: number): ConversationEvent[] {
  return Array.from({ length: n }, (_, i) => message({ seq: i + 1, actor: i % 2 ? { type: "agent", id: "a2", name: "Bruno" } : maria, body: `m${i + 1}` }));
}

interface Server {
  events: ConversationEvent[];
  row: ConversationItem;
  calls: ReturnType<typeof installFetch>;
}

function fakeApi(events: ConversationEvent[], row: ConversationItem): Server {
  const server = { events, row } as Server;
  const json = (body: unknown, status = 200) => ({ status, body });
  server.calls = installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/conversations/c1" && method === "GET") return json({ conversation: server.row });
      if (p === "/api/v1/conversations/c1/messages") {
        const after = Number(url.searchParams.get("after"));
        const limit = Number(url.searchParams.get("limit"));
        const page = server.events.filter((e) => e.seq > after);
        return json({ events: page.slice(0, limit), lastSeq: server.events.at(-1)?.seq ?? 0, more: page.length > limit });
      }
      if (p === "/api/v1/conversations/c1/message-tags") return json({ messages: [] });
      if (p === "/api/v1/conversations/c1/status") {
        const b = body as { status: ConversationItem["status"] };
        server.row = { ...server.row, status: b.status };
        return json({ conversation: server.row });
      }
      if (p === "/api/v1/conversations/c1/assign") {
        server.row = { ...server.row, ...(body as object) };
        return json({ conversation: server.row });
      }
      if (p === "/api/v1/conversations/c1/star" || p === "/api/v1/conversations/c1/read") return json({ ok: true });
      if (p === "/api/v1/contacts/k1" && method === "GET") return json(contactDetail());
      if (p === "/api/v1/contacts/k1" && method === "PATCH") return json(contactDetail(body as object));
      if (p === "/api/v1/agents") return json({ agents: DIRECTORY.agents });
      if (p === "/api/v1/teams") return json({ teams: DIRECTORY.teams });
      if (p === "/api/v1/inboxes") return json({ inboxes: DIRECTORY.inboxes });
      if (p === "/api/v1/tags") return json({ tags: DIRECTORY.tags });
      if (p === "/api/v1/conversation-types") return json({ types: DIRECTORY.types });
      return undefined;
    },
  ]);
  return server;
}

async function openPane(opts: { events?: ConversationEvent[]; row?: ConversationItem; listed?: boolean; atSeq?: number | null } = {}) {
  const events = opts.events ?? log(3);
  const row = opts.row ?? item({ lastSeq: events.at(-1)?.seq ?? 0 });
  const server = fakeApi(events, row);
  const onChange = vi.fn();
  const onNext = vi.fn();
  const view = await mount(<ConversationPane id="c1" me={ME} item={opts.listed === false ? undefined : row} atSeq={opts.atSeq ?? null} onChange={onChange} onNext={onNext} />);
  mounted.push(view.unmount);
  await settle(6);
  const socket = FakeSocket.last;
  await act(() => socket.open(events.at(-1)?.seq ?? 0));
  await settle();
  const historyCalls = () => server.calls.filter((c) => c.path.startsWith("/api/v1/conversations/c1/messages")).map((c) => c.path.split("?")[1]);
  const bodies = () => [...view.container.querySelectorAll(".message-body")].map((b) => b.textContent);
  // By accessible name: aria-label, else the text without aria-hidden glyphs.
  const nameOf = (b: HTMLElement) => b.getAttribute("aria-label") ?? [...b.childNodes].filter((n) => !(n instanceof HTMLElement && n.getAttribute("aria-hidden") === "true")).map((n) => n.textContent).join("").trim();
  const button = (name: string) => [...view.container.querySelectorAll("button")].find((b) => nameOf(b) === name) ?? null;
  return { ...view, server, socket, onChange, onNext, historyCalls, bodies, button };
}

/** Panes still mounted keep their timers; each test unmounts its own. */
const mounted: Array<() => void> = [];

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetDirectory();
  installFakeSocket();
});
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  document.body.innerHTML = "";
});

describe("opening a long conversation", () => {
  it("starts at the latest page and loads earlier pages on demand", async () => {
    const { historyCalls, bodies, button } = await openPane({ events: log(120) });
    expect(historyCalls()).toEqual(["after=70&limit=200"]);
    expect(bodies()[0]).toBe("m71");
    expect(bodies()).toHaveLength(50);

    await click(button("Load earlier messages"));
    await settle();
    expect(historyCalls().at(-1)).toBe("after=20&limit=50");
    expect(bodies()[0]).toBe("m21");
    await click(button("Load earlier messages"));
    await settle();
    expect(historyCalls().at(-1)).toBe("after=0&limit=20");
    expect(bodies()).toHaveLength(120);
    expect(button("Load earlier messages")).toBeNull();
  });

  it("asks for the last seq first when the list did not have the row", async () => {
    const { historyCalls, bodies } = await openPane({ events: log(80), listed: false });
    expect(historyCalls()).toEqual(["after=0&limit=1", "after=30&limit=200"]);
    expect(bodies()[0]).toBe("m31");
  });

  it("opens at a search hit with a little context above it, highlighted", async () => {
    const { container, historyCalls } = await openPane({ events: log(120), atSeq: 10 });
    expect(historyCalls()[0]).toBe("after=4&limit=200");
    expect(container.querySelector(".message--hit")!.getAttribute("data-seq")).toBe("10");
  });

  it("loads back to a later search hit in the same open conversation", async () => {
    const { container, historyCalls, onChange, onNext } = await openPane({ events: log(300) });
    expect(historyCalls()).toEqual(["after=250&limit=200"]);
    await act(() => render(<ConversationPane id="c1" me={ME} item={item({ lastSeq: 300 })} atSeq={30} onChange={onChange} onNext={onNext} />, container));
    await settle(6);
    expect(historyCalls().slice(1)).toEqual(["after=24&limit=200", "after=224&limit=26"]);
    expect(container.querySelector(".message--hit")!.getAttribute("data-seq")).toBe("30");
    expect(container.querySelectorAll(".message-body")[0]!.textContent).toBe("m25");
  });

  it("computes page windows from gapless seqs", () => {
    expect(startAfter(30, null)).toBe(0);
    expect(startAfter(500, null)).toBe(450);
    expect(startAfter(500, 480)).toBe(450);
    expect(startAfter(500, 3)).toBe(0);
    expect(olderWindow(451)).toEqual({ after: 400, limit: 50 });
    expect(olderWindow(12)).toEqual({ after: 0, limit: 11 });
  });
});

describe("live", () => {
  it("sends a reply over the socket with a clientId and shows it pending until stored", async () => {
    const { container, socket } = await openPane();
    const box = container.querySelector("textarea")!;
    await type(box, "Vou verificar");
    await act(() => void box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })));
    const [sent] = socket.sentOfType("send");
    expect(sent).toMatchObject({ type: "send", body: "Vou verificar", kind: "text" });
    expect(sent!.clientId).toMatch(/^[\w-]{8,}$/);
    expect(container.querySelector(".message--pending")!.textContent).toContain("Sending…");
    await act(() => socket.push({ type: "ack", clientId: sent!.clientId as string, seq: 4 }));
    await act(() => socket.push({ type: "event", event: message({ seq: 4, actor: { type: "agent", id: "a1", name: "Ana" }, body: "Vou verificar", clientId: sent!.clientId as string, delivery: "sent" }) }));
    expect(container.querySelector(".message--pending")).toBeNull();
    expect(container.querySelector('[data-seq="4"] .delivery')!.textContent).toContain("Sent");
    await act(() => socket.push({ type: "read", actor: maria, seq: 4 }));
    expect(container.querySelector('[data-seq="4"] .delivery')!.textContent).toContain("Read");
  });

  it("marks what it shows as read, on the socket and through the API", async () => {
    const { socket, server, onChange } = await openPane({ row: item({ lastSeq: 3, readSeq: 1, unread: 1 }) });
    await act(() => new Promise((r) => setTimeout(r, 700)));
    await settle();
    expect(socket.sentOfType("read")).toEqual([{ type: "read", seq: 3 }]);
    expect(server.calls.find((c) => c.path === "/api/v1/conversations/c1/read")?.body).toEqual({ seq: 3 });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ readSeq: 3, unread: 0 }));
  });

  it("reports live status and assignment changes to the list", async () => {
    const { socket, onChange, container } = await openPane();
    await act(() => socket.push({ type: "event", event: status("open", "resolved", { seq: 4, actor: { type: "agent", id: "a2", name: "Bruno" } }) }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ status: "resolved", lastSeq: 4 }));
    await act(() =>
      socket.push({ type: "event", event: { type: "assignment", seq: 5, id: "e5", conversationId: "c1", at: Date.now(), actor: { type: "agent", id: "a2", name: "Bruno" }, assigneeId: "a2", assigneeName: "Bruno", teamId: "t2" } }),
    );
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ assigneeId: "a2", teamId: "t2" }));
    expect(container.querySelector(".pane-assignee")!.textContent).toBe(`Assigned to ${BRUNO.name}`);
  });

  it("shows the customer typing", async () => {
    const { socket, container } = await openPane();
    await act(() => socket.push({ type: "typing", actor: maria, on: true }));
    expect(container.querySelector(".typing")!.textContent).toBe("Maria is typing…");
  });
});

describe("actions and commands", () => {
  it("assigns to me and says so", async () => {
    const { button, server, onChange, container } = await openPane();
    await click(button("Assign to me"));
    await settle();
    expect(server.calls.find((c) => c.path.endsWith("/assign"))?.body).toEqual({ assigneeId: "a1" });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ assigneeId: "a1" }));
    expect(byText(container, "Assigned to You")).not.toBeNull();
    expect(button("Assign to me")).toBeNull();
  });

  it("stars and unstars", async () => {
    const { container, server, onChange } = await openPane();
    const star = container.querySelector<HTMLButtonElement>(".star-button")!;
    expect(star.getAttribute("aria-pressed")).toBe("false");
    await click(star);
    await settle();
    expect(server.calls.find((c) => c.path.endsWith("/star"))?.body).toEqual({ starred: true });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ starred: true }));
    expect(star.getAttribute("aria-pressed")).toBe("true");
  });

  it("resolves and opens the next conversation on resolve-and-next", async () => {
    const { server, onNext, onChange } = await openPane();
    await act(() => sendCommand("resolve-and-next"));
    await settle();
    expect(server.calls.find((c) => c.path.endsWith("/status"))?.body).toEqual({ status: "resolved" });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ status: "resolved" }));
    expect(onNext).toHaveBeenCalledOnce();
  });

  it("toggles note mode and focuses the composer on command", async () => {
    const { container } = await openPane();
    await act(() => sendCommand("note-mode"));
    await act(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
    expect(container.querySelector("form.pane-composer--note")).not.toBeNull();
    expect(document.activeElement).toBe(container.querySelector("textarea"));
    await act(() => sendCommand("note-mode"));
    expect(container.querySelector("form.pane-composer--note")).toBeNull();
  });

  it("`r` switches a note back to a reply, and sending a note leaves note mode", async () => {
    const { container, socket } = await openPane();
    const noteMode = () => container.querySelector("form.pane-composer--note") !== null;
    await act(() => sendCommand("note-mode"));
    expect(noteMode()).toBe(true);
    await act(() => sendCommand("focus-composer"));
    expect(noteMode()).toBe(false);

    await act(() => sendCommand("note-mode"));
    const box = container.querySelector("textarea")!;
    await type(box, "só para a equipe");
    await act(() => void box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true })));
    expect(socket.sentOfType("send").at(-1)).toMatchObject({ body: "só para a equipe", kind: "note" });
    expect(noteMode()).toBe(false);
  });
});

describe("contact panel", () => {
  it("edits the e-mail inline, refusing a bad one before any request", async () => {
    const { container, button, server } = await openPane();
    await click(button("Contact details"));
    await settle();
    const panel = container.querySelector(".contact-panel")!;
    expect(panel.textContent).toContain("maria@example.com");
    expect(panel.textContent).toContain("Website visitor"); // the web visitor id is a meaningless UUID
    expect(panel.querySelector(".verified")!.textContent).toContain("Verified");
    await click(panel.querySelector('button[aria-label="Edit E-mail"]'));
    const input = panel.querySelector<HTMLInputElement>('input[aria-label="E-mail"]')!;
    await type(input, "not-an-email");
    await act(() => input.form!.requestSubmit());
    await settle();
    expect(panel.querySelector('[role="alert"]')).not.toBeNull();
    expect(server.calls.some((c) => c.method === "PATCH")).toBe(false);

    await type(input, "maria@novo.com");
    await act(() => input.form!.requestSubmit());
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")?.body).toEqual({ email: "maria@novo.com" });
    expect(panel.textContent).toContain("maria@novo.com");
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Edit E-mail");
  });

  /** A window whose width can cross the wide-screen breakpoint during a test. */
  function windowWidth(wide: boolean) {
    const listeners = new Set<() => void>();
    const query = {
      matches: wide,
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    };
    vi.stubGlobal("matchMedia", () => query);
    return async (nowWide: boolean) => {
      query.matches = nowWide;
      await act(() => listeners.forEach((listener) => listener()));
      await settle();
    };
  }
  afterEach(() => vi.unstubAllGlobals());

  it("opens by itself on a wide screen and folds away when the window narrows", async () => {
    const resize = windowWidth(true);
    const { container, button } = await openPane();
    expect(container.querySelector(".contact-panel")).not.toBeNull();
    expect(button("Contact details")!.getAttribute("aria-expanded")).toBe("true");
    await resize(false);
    expect(container.querySelector(".contact-panel")).toBeNull();
    expect(button("Contact details")!.getAttribute("aria-expanded")).toBe("false");
  });

  it("stays open through a resize when the agent opened it", async () => {
    const resize = windowWidth(false);
    const { container, button } = await openPane();
    expect(container.querySelector(".contact-panel")).toBeNull();
    await click(button("Contact details"));
    await resize(true);
    await resize(false);
    expect(container.querySelector(".contact-panel")).not.toBeNull();
  });

  it("closes on Escape with focus already on the button that opens it", async () => {
    const { container, button } = await openPane();
    await click(button("Contact details"));
    await settle();
    const edit = container.querySelector<HTMLButtonElement>('.contact-panel button[aria-label="Edit Phone"]')!;
    edit.focus();
    // No settling after the key: focus must not pass through <body> while the panel goes.
    await act(() => void edit.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
    expect(container.querySelector(".contact-panel")).toBeNull();
    expect(document.activeElement).toBe(button("Contact details"));
  });
});

describe("icons", () => {
  // Arrows, technical and geometric shapes, dingbats, emoji: what a system without the
  // right font draws as empty boxes.
  const GLYPH = /[\u2190-\u2bff\u{1f000}-\u{1faff}]/u;

  it("draws the header's, the timeline's and the contact panel's icons, never a font's glyphs", async () => {
    const { container, button } = await openPane();
    await click(button("Contact details"));
    await settle();
    await click(button("Tags"));
    expect(container.querySelector('[role="menu"]')).not.toBeNull();
    expect(container.querySelectorAll(".pane-header svg.icon").length).toBeGreaterThan(4);
    expect(container.textContent).not.toMatch(GLYPH);
  });
});
