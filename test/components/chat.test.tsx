/**
 * The visitor's chat, rendered: messages as text, delivered/read marks, typing, rating,
 * "talk to a human", pre-chat form, attachments, away message, languages, unread.
 */
import { createRef } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Attachment, ConversationEvent, WidgetConfig, WidgetFileLink, WidgetSession } from "../../worker/protocol";
import { MAX_UPLOAD_BYTES } from "../../worker/protocol/limits";
import { STRINGS, StringsContext } from "../../widget/i18n";
import { ConversationFeed } from "../../client/feed";
import { Outbox } from "../../client/outbox";
import type { VisitorSession } from "../../widget/visitor";
import { Chat } from "../../widget/ui/chat";
import { FakeSocket, byText, click, history, installFakeSocket, message, mount, settle, status, type } from "./fakes";
import { delivery, edit, reachability, reaction, unsend } from "./channel-events";

const ana = { type: "agent" as const, id: "a1", name: "Ana" };
const me = { type: "contact" as const, id: "v1", name: null };

function session(overrides: Partial<WidgetSession["inbox"]["settings"]> = {}, contact: Partial<WidgetSession["contact"]> = {}): WidgetSession {
  return {
    token: "tok",
    tokenExpiresAt: Date.now() + 86_400_000,
    contactId: "v1",
    conversationId: "c1",
    contact: { id: "v1", name: null, email: null, phone: null, verified: false, ...contact },
    status: "open",
    inbox: {
      name: "Loja",
      settings: { color: "#0a7d48", position: "right", greeting: "", avatarUrl: null, awayMessage: "", preChatForm: { enabled: false, requireEmail: false }, csat: true, requireIdentity: false, ...overrides },
    },
  };
}

function stubVisitor() {
  return {
    csat: vi.fn(async () => {}),
    handoff: vi.fn(async () => {}),
    updateContact: vi.fn(async () => ({ id: "v1", name: "Bia", email: null, phone: null, verified: false })),
    upload: vi.fn(async (file: File): Promise<Attachment> => ({ id: "f1", name: file.name, contentType: file.type, size: file.size })),
    fileLink: vi.fn(async (id: string) => ({ url: `/api/v1/widget/files/${id}?exp=1&sig=s-${id}`, expiresAt: Date.now() + 600_000 })),
  };
}

async function renderChat(
  opts: { events?: ConversationEvent[]; session?: WidgetSession; config?: WidgetConfig | null; seen?: boolean; locale?: keyof typeof STRINGS; links?: () => Promise<WidgetFileLink> } = {},
) {
  const feed = new ConversationFeed({
    loadHistory: async () => history(opts.events ?? []),
    socketUrl: () => "ws://widget.test/ws",
    parseFrame: (raw) => raw as never,
    outbox: new Outbox("test:outbox", localStorage),
  });
  await feed.start();
  FakeSocket.last.open(opts.events?.at(-1)?.seq ?? 0);
  const visitor = stubVisitor();
  if (opts.links) visitor.fileLink.mockImplementation(opts.links);
  const unread: number[] = [];
  const view = await mount(
    <StringsContext.Provider value={STRINGS[opts.locale ?? "en"]}>
      <Chat
        session={opts.session ?? session()}
        feed={feed}
        visitor={visitor as unknown as VisitorSession}
        config={opts.config ?? null}
        seen={opts.seen ?? true}
        open
        inputRef={createRef()}
        onUnread={(n) => unread.push(n)}
      />
    </StringsContext.Provider>,
  );
  const server = FakeSocket.last;
  const push = async (frame: Parameters<FakeSocket["push"]>[0]) => act(() => server.push(frame));
  return { ...view, feed, visitor, unread, server, push };
}

const textbox = (root: HTMLElement) => root.querySelector<HTMLTextAreaElement>("textarea[aria-label]")!;
const log = (root: HTMLElement) => root.querySelector<HTMLElement>('[role="log"]')!;

beforeEach(() => {
  localStorage.clear();
  installFakeSocket();
});
afterEach(() => {
  document.body.innerHTML = "";
});

describe("messages", () => {
  it("renders bodies as text, never as HTML", async () => {
    const evil = '<img src=x onerror="alert(1)"><b>bold</b>';
    const { container } = await renderChat({ events: [message({ body: evil })] });
    expect(log(container).querySelector("img, b")).toBeNull();
    expect(log(container).textContent).toContain(evil);
  });

  it("marks the visitor's messages delivered once stored and read once an agent has read them", async () => {
    const { container, push } = await renderChat({ events: [message({ seq: 1, actor: me, body: "oi" }), message({ seq: 2, actor: me, body: "tudo bem?" })] });
    const receipts = () => [...log(container).querySelectorAll(".sb-receipt")].map((r) => r.textContent?.replace(/[\s·]/g, ""));
    expect(receipts()).toEqual(["Delivered", "Delivered"]);
    await push({ type: "read", actor: ana, seq: 1 });
    expect(receipts()).toEqual(["Read", "Delivered"]);
  });

  it("shows the agent typing, and not the visitor's own other tab", async () => {
    const { container, push } = await renderChat();
    const indicator = () => container.querySelector(".sb-typing")!.textContent;
    await push({ type: "typing", actor: me, on: true });
    expect(indicator()).toBe("");
    await push({ type: "typing", actor: ana, on: true });
    expect(indicator()).toBe("Ana is typing…");
    await push({ type: "typing", actor: ana, on: false });
    expect(indicator()).toBe("");
  });

  it("sends typing on/off frames from the message box, and the message with Enter", async () => {
    const { container, server } = await renderChat();
    await type(textbox(container), "Olá");
    expect(server.sentOfType("typing")).toEqual([{ type: "typing", on: true }]);
    await act(() => void textbox(container).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })));
    await settle();
    expect(server.sentOfType("send").map((f) => f.body)).toEqual(["Olá"]);
    expect(server.sentOfType("typing").at(-1)).toEqual({ type: "typing", on: false });
    expect(textbox(container).value).toBe("");
  });

  it("tells the visitor when sends are being rate-limited", async () => {
    const { container, server, push } = await renderChat();
    await type(textbox(container), "rápido");
    await act(() => void textbox(container).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })));
    await settle();
    const [sent] = server.sentOfType("send");
    await push({ type: "error", code: "rate_limited", message: "slow down", clientId: sent!.clientId as string });
    expect(byText(container, STRINGS.en.tooFast)).not.toBeNull();
    expect(log(container).textContent).toContain("Sending…"); // still queued, not failed
  });
});

describe("team presence and hours", () => {
  it("shows the greeting, and the away message outside business hours", async () => {
    const config: WidgetConfig = { name: "Loja", online: false, withinBusinessHours: false, settings: { ...session().inbox.settings, awayMessage: "Voltamos às 9h" } };
    const { container } = await renderChat({ session: session({ greeting: "Oi! Como podemos ajudar?" }), config });
    expect(log(container).textContent).toContain("Oi! Como podemos ajudar?");
    expect(log(container).textContent).toContain("Voltamos às 9h");
    expect(textbox(container)).not.toBeNull(); // messages are still accepted
  });
});

describe("bot handoff and rating", () => {
  it("offers a human while a bot handles the conversation", async () => {
    const { container, visitor, push } = await renderChat({ session: { ...session(), status: "bot" } });
    await click(byText(container, "Talk to a human", "button"));
    expect(visitor.handoff).toHaveBeenCalledOnce();
    await push({ type: "event", event: status("bot", "open", { seq: 1 }) });
    expect(byText(container, "Talk to a human", "button")).toBeNull();
    expect(log(container).textContent).toContain(STRINGS.en.handoffDone);
  });

  it("asks for a 1–5 rating and a comment when an agent resolves, then thanks", async () => {
    const { container, visitor, push } = await renderChat({ events: [message({ seq: 1 })] });
    expect(container.querySelector(".sb-csat")).toBeNull();
    await push({ type: "event", event: status("open", "resolved", { seq: 2 }) });
    const form = container.querySelector<HTMLFormElement>(".sb-csat")!;
    expect(form.querySelectorAll('input[type="radio"]')).toHaveLength(5);
    await click(form.querySelector('input[value="4"]'));
    await type(form.querySelector("textarea")!, "Rápido e gentil");
    await act(() => form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await settle();
    expect(visitor.csat).toHaveBeenCalledWith(4, "Rápido e gentil");
    await push({ type: "event", event: { type: "csat", seq: 3, id: "e3", conversationId: "c1", at: Date.now(), actor: me, rating: 4, comment: "Rápido e gentil" } });
    expect(container.querySelector(".sb-csat")).toBeNull();
    expect(byText(container, STRINGS.en.csatThanks)).not.toBeNull();
  });

  it("says so when the rating does not go through, and lets the visitor try again", async () => {
    const { container, visitor, push } = await renderChat({ events: [message({ seq: 1 })] });
    visitor.csat.mockRejectedValueOnce(new Error("offline"));
    await push({ type: "event", event: status("open", "resolved", { seq: 2 }) });
    const form = container.querySelector<HTMLFormElement>(".sb-csat")!;
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    await click(form.querySelector('input[value="2"]'));
    await act(() => submit.click());
    await settle();
    expect(form.querySelector('[role="alert"]')?.textContent).toBe(STRINGS.en.failed);
    expect(submit.disabled).toBe(false);
    await act(() => submit.click());
    await settle();
    expect(visitor.csat).toHaveBeenCalledTimes(2);
    expect(form.querySelector('[role="alert"]')).toBeNull();
  });

  it("does not ask for a rating when the inbox turned CSAT off", async () => {
    const { container } = await renderChat({ session: session({ csat: false }), events: [status("open", "resolved", { seq: 1 })] });
    expect(container.querySelector(".sb-csat")).toBeNull();
  });
});

describe("pre-chat form", () => {
  it("asks a new visitor for name and required e-mail before the first message", async () => {
    const { container, visitor } = await renderChat({ session: session({ preChatForm: { enabled: true, requireEmail: true } }) });
    expect(textbox(container)).toBeNull();
    const form = container.querySelector<HTMLFormElement>(".sb-form")!;
    const [name, email] = form.querySelectorAll("input");
    await type(name!, "Bia");
    await act(() => form.querySelector<HTMLButtonElement>("button")!.click());
    expect(visitor.updateContact).not.toHaveBeenCalled();
    expect(form.textContent).toContain(STRINGS.en.required);
    await type(email!, "bia@exemplo");
    await act(() => form.querySelector<HTMLButtonElement>("button")!.click());
    expect(form.textContent).toContain(STRINGS.en.invalidEmail);
    await type(email!, "bia@exemplo.com.br");
    await act(() => form.querySelector<HTMLButtonElement>("button")!.click());
    await settle();
    expect(visitor.updateContact).toHaveBeenCalledWith({ name: "Bia", email: "bia@exemplo.com.br" });
  });

  it("ties each error to its field, and says so when saving fails", async () => {
    const { container, visitor } = await renderChat({ session: session({ preChatForm: { enabled: true, requireEmail: false } }) });
    visitor.updateContact.mockRejectedValueOnce(new Error("offline"));
    const form = container.querySelector<HTMLFormElement>(".sb-form")!;
    const [name, email] = form.querySelectorAll("input");
    await act(() => form.querySelector<HTMLButtonElement>("button")!.click());
    expect(name!.getAttribute("aria-invalid")).toBe("true");
    expect(container.querySelector(`#${name!.getAttribute("aria-describedby")}`)?.textContent).toBe(STRINGS.en.required);
    expect(email!.getAttribute("aria-invalid")).toBe("false");

    await type(name!, "Bia");
    await act(() => form.querySelector<HTMLButtonElement>("button")!.click());
    await settle();
    expect(visitor.updateContact).toHaveBeenCalledWith({ name: "Bia" });
    expect(name!.getAttribute("aria-invalid")).toBe("false");
    expect(form.querySelector('[role="alert"]')?.textContent).toBe(STRINGS.en.failed);
  });

  it("skips the form for a visitor the inbox already knows", async () => {
    const { container } = await renderChat({ session: session({ preChatForm: { enabled: true, requireEmail: false } }, { name: "Bia" }) });
    expect(textbox(container)).not.toBeNull();
  });
});

describe("attachments", () => {
  it("shows images inline and other files as download links, from signed links that carry no token", async () => {
    const photo = { id: "img1", name: "foto.png", contentType: "image/png", size: 2048 };
    const pdf = { id: "pdf1", name: "nota.pdf", contentType: "application/pdf", size: 3 * 1024 * 1024 };
    const { container, visitor } = await renderChat({ events: [message({ body: "", kind: "attachment", attachments: [photo, pdf] })] });
    await settle();
    const img = log(container).querySelector("img")!;
    expect(img.getAttribute("src")).toBe("/api/v1/widget/files/img1?exp=1&sig=s-img1");
    expect(img.getAttribute("alt")).toBe("foto.png");
    const link = log(container).querySelector<HTMLAnchorElement>("a.sb-file")!;
    expect(link.getAttribute("href")).toBe("/api/v1/widget/files/pdf1?exp=1&sig=s-pdf1");
    expect(link.textContent).toContain("nota.pdf (3.0 MB)");
    expect(visitor.fileLink.mock.calls.map(([id]) => id).sort()).toEqual(["img1", "pdf1"]);
    expect(container.innerHTML).not.toContain("tok");
  });

  it("asks for a new link when the pointer reaches one that has run out", async () => {
    const pdf = { id: "pdf1", name: "nota.pdf", contentType: "application/pdf", size: 10 };
    let calls = 0;
    const links = async () => (++calls === 1 ? { url: "/stale", expiresAt: Date.now() - 1 } : { url: "/fresh", expiresAt: Date.now() + 600_000 });
    const { container } = await renderChat({ events: [message({ body: "", kind: "attachment", attachments: [pdf] })], links });
    await settle();
    const link = log(container).querySelector<HTMLAnchorElement>("a.sb-file")!;
    expect(link.getAttribute("href")).toBe("/stale");
    await act(async () => void link.dispatchEvent(new Event("pointerenter")));
    await settle();
    expect(link.getAttribute("href")).toBe("/fresh");
  });

  it("refuses a file over the size limit or of an unsupported type before uploading", async () => {
    const { container, visitor } = await renderChat();
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    const pick = async (file: File) => {
      Object.defineProperty(input, "files", { value: [file], configurable: true });
      await act(() => void input.dispatchEvent(new Event("change", { bubbles: true })));
    };
    await pick(new File(["x"], "virus.exe", { type: "application/x-msdownload" }));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(STRINGS.en.fileType);
    const big = new File(["x"], "huge.png", { type: "image/png" });
    Object.defineProperty(big, "size", { value: MAX_UPLOAD_BYTES + 1 });
    await pick(big);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(STRINGS.en.fileTooBig(10));
    expect(visitor.upload).not.toHaveBeenCalled();
  });

  it("uploads the picked file, then sends the message with its id", async () => {
    const { container, visitor, server } = await renderChat();
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, "files", { value: [new File(["%PDF-1.4"], "boleto.pdf", { type: "application/pdf" })], configurable: true });
    await act(() => void input.dispatchEvent(new Event("change", { bubbles: true })));
    expect(container.querySelector(".sb-draft")?.textContent).toContain("boleto.pdf");
    await act(() => container.querySelector<HTMLButtonElement>(".sb-send")!.click());
    await settle();
    expect(visitor.upload).toHaveBeenCalledOnce();
    expect(server.sentOfType("send")[0]).toMatchObject({ body: "", attachmentIds: ["f1"] });
    expect(container.querySelector(".sb-draft")).toBeNull();
  });
});

describe("unread and read marks", () => {
  it("counts the team's messages while the chat is not seen, and marks them read when it is", async () => {
    const hidden = await renderChat({ seen: false });
    await hidden.push({ type: "event", event: message({ seq: 1, actor: ana }) });
    await hidden.push({ type: "event", event: message({ seq: 2, actor: ana }) });
    expect(hidden.unread.at(-1)).toBe(2);
    expect(hidden.server.sentOfType("read")).toEqual([]);
    hidden.unmount();

    // The same conversation, now open: read up to the last seq, told to the room.
    const seen = await renderChat({ seen: true, events: [message({ seq: 1, actor: ana }), message({ seq: 2, actor: ana })] });
    expect(seen.unread.at(-1)).toBe(0);
    expect(seen.server.sentOfType("read")).toEqual([{ type: "read", seq: 2 }]);
  });
});

describe("events the chat does not draw", () => {
  it("ignores delivery, reaction, edit and unsend events, in the history and live, and counts none as unread", async () => {
    const events: ConversationEvent[] = [
      message({ seq: 1, actor: me, body: "oi" }),
      message({ seq: 2, actor: ana, body: "Olá!" }),
      delivery(3, 2, "read"),
      reaction(4, 2, "👍", me),
      edit(5, 1, "oi!"),
      unsend(6, 1),
    ];
    const { container, push, unread } = await renderChat({ events, seen: false });
    await push({ type: "event", event: delivery(7, 2, "delivered") });
    await push({ type: "event", event: reaction(8, 1, "❤️", ana) });
    await push({ type: "event", event: message({ seq: 9, actor: ana, body: "Posso ajudar?" }) });
    const items = [...log(container).querySelectorAll(".sb-list > li")];
    expect(items.map((li) => li.querySelector(".sb-body")?.textContent ?? li.textContent)).toEqual(["oi", "Olá!", "Posso ajudar?"]);
    expect(log(container).textContent).not.toMatch(/[{}]|messageSeq|undefined/);
    expect(unread.at(-1)).toBe(2);
  });
});

describe("reachability events", () => {
  it("draws nothing for a blocked bot or a STOP (history or live) and counts none as unread", async () => {
    const events: ConversationEvent[] = [message({ seq: 1, actor: me, body: "STOP" }), reachability(2, false, "opted_out")];
    const { container, push, unread } = await renderChat({ events, seen: false });
    await push({ type: "event", event: reachability(3, true, "opted_out") });
    await push({ type: "event", event: reachability(4, false, "blocked") });
    const items = [...log(container).querySelectorAll(".sb-list > li")];
    expect(items.map((li) => li.querySelector(".sb-body")?.textContent ?? li.textContent)).toEqual(["STOP"]);
    expect(log(container).textContent).not.toMatch(/reachab|opted|blocked|undefined/);
    expect(unread.at(-1) ?? 0).toBe(0);
  });
});

describe("languages", () => {
  it("speaks pt-BR", async () => {
    const { container } = await renderChat({ locale: "pt-BR", events: [message({ seq: 1, actor: me, body: "oi" })] });
    expect(textbox(container).getAttribute("aria-label")).toBe("Mensagem");
    expect(textbox(container).getAttribute("placeholder")).toBe("Escreva uma mensagem…");
    expect(log(container).getAttribute("aria-label")).toBe("Mensagens");
    expect(log(container).textContent).toContain("Você");
    expect(log(container).textContent).toContain("Entregue");
  });
});
