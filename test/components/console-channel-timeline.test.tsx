/**
 * Channel changes folded over their messages in the console's timeline: delivery marks
 * that only move forward (failed is final, with the provider's reason), reactions per
 * person, edits, unsends (text kept or not), reply quotes; none of them drawn as a line
 * of its own or as raw JSON; and the same live, through the pane's socket.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationEvent } from "../../worker/protocol";
import { Timeline, type TimelineProps } from "../../console/conversation/timeline/timeline";
import { foldChanges } from "../../console/conversation/timeline/message-changes";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { PANE_STRINGS } from "../../console/conversation/strings";
import { CHANNEL_STRINGS } from "../../console/conversation/channel-strings";
import { FakeSocket, click, installFakeSocket, installFetch, message, mount, settle } from "./fakes";
import { DIRECTORY, ME, TAGS, contactDetail, item } from "./console-fixtures";
import { AT, ana, bruno, delivery, edit, maria, reaction, unsend } from "./channel-events";

const ctx = { myId: ME.agent.id, contactName: "Maria", directory: DIRECTORY };

function props(events: ConversationEvent[], overrides: Partial<TimelineProps> = {}): TimelineProps {
  return {
    events,
    pending: [],
    connection: "online",
    typing: [],
    contactReadSeq: 0,
    ctx,
    channel: "whatsapp",
    messageTags: { bySeq: new Map(), set: () => {} },
    tags: TAGS,
    atSeq: null,
    pages: { loaded: true, hasOlder: false, olderState: "idle", loadOlder: async () => {} },
    onRetry: () => {},
    onDiscard: () => {},
    ...overrides,
  };
}

const reply = (seq = 1) => message({ seq, actor: ana, body: "Seu pedido saiu", delivery: "pending", at: AT });

async function render(events: ConversationEvent[], overrides: Partial<TimelineProps> = {}) {
  const view = await mount(<Timeline {...props(events, overrides)} />);
  const log = view.container.querySelector('[role="log"]')!;
  const marks = () => [...log.querySelectorAll(".delivery")].map((d) => ({ state: d.className.replace("delivery delivery--", ""), text: d.textContent }));
  return { ...view, log, marks };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("delivery marks", () => {
  it("shows a stored message waiting in the delivery queue as pending, with the clock", async () => {
    const { marks, log } = await render([reply()]);
    expect(marks()).toEqual([{ state: "sending", text: "Sending…" }]);
    expect(log.querySelector(".delivery svg.icon")!.innerHTML).toContain("M12 7v5l3.5 2"); // the clock's hands
  });

  it("moves through sent, delivered and read as receipts arrive", async () => {
    const steps: Array<[ConversationEvent[], string, string]> = [
      [[delivery(2, 1, "sent")], "sent", "Sent"],
      [[delivery(2, 1, "sent"), delivery(3, 1, "delivered")], "delivered", "Delivered"],
      [[delivery(2, 1, "sent"), delivery(3, 1, "delivered"), delivery(4, 1, "read")], "read", "Read"],
    ];
    for (const [receipts, state, text] of steps) {
      const { marks, unmount } = await render([reply(), ...receipts]);
      expect(marks()).toEqual([{ state, text }]);
      unmount();
    }
  });

  it("keeps read when a late delivered arrives after it", async () => {
    const { marks } = await render([reply(), delivery(2, 1, "sent"), delivery(3, 1, "read"), delivery(4, 1, "delivered")]);
    expect(marks()).toEqual([{ state: "read", text: "Read" }]);
  });

  it("shows a failure in red with the provider's reason, and keeps it failed after a late receipt", async () => {
    const reason = "(#131047) Re-engagement message: more than 24 hours have passed";
    const { marks, log } = await render([reply(), delivery(2, 1, "sent"), delivery(3, 1, "failed", reason), delivery(4, 1, "delivered")]);
    expect(marks()).toEqual([{ state: "failed", text: `Failed: ${reason}` }]);
    expect(log.querySelector(".delivery--failed .icon-text")!.textContent).toBe(`Failed: ${reason}`);
  });

  it("names each state in pt-BR and Spanish too", () => {
    const states = ["sending", "sent", "delivered", "read", "failed"] as const;
    expect(states.map((st) => PANE_STRINGS["pt-BR"].timeline.delivery[st])).toEqual(["Enviando…", "Enviada", "Entregue", "Lida", "Falhou"]);
    expect(states.map((st) => PANE_STRINGS.es.timeline.delivery[st])).toEqual(["Enviando…", "Enviado", "Entregado", "Leído", "Falló"]);
    expect(PANE_STRINGS["pt-BR"].timeline.delivery.failedBecause("número bloqueado")).toBe("Falhou: número bloqueado");
  });

  it("applies a receipt to its own message only", () => {
    const changes = foldChanges([reply(1), reply(2), delivery(3, 2, "read")]);
    expect(changes.get(1)?.delivery).toEqual({ status: "pending", error: null });
    expect(changes.get(2)?.delivery).toEqual({ status: "read", error: null });
  });
});

describe("reactions, edits and unsends", () => {
  const fromMaria = (seq = 1, body = "Chegou quebrado") => message({ seq, actor: maria, body, at: AT });

  it("shows each person's latest reaction under the message, and takes a removed one away", async () => {
    const events = [fromMaria(1), reaction(2, 1, "👍", maria), reaction(3, 1, "❤️", bruno), reaction(4, 1, "😮", maria), reaction(5, 1, null, bruno), reaction(6, 1, "😮", ana)];
    const { log } = await render(events);
    const chips = [...log.querySelectorAll(".reaction")];
    expect(chips.map((r) => r.getAttribute("aria-label"))).toEqual(["Maria, You reacted with 😮"]);
    expect(chips[0]!.textContent).toBe("😮2");
  });

  it("replaces an edited message's text and labels it edited", async () => {
    const { log } = await render([fromMaria(1, "Chegou quebardo"), edit(2, 1, "Chegou quebrado"), edit(3, 1, "Chegou quebrado!")]);
    expect(log.querySelector(".message-body")!.textContent).toBe("Chegou quebrado!");
    expect(log.querySelector(".message-edited")!.textContent).toBe("Edited");
  });

  it("marks an unsent message and hides its text when the inbox does not keep it", async () => {
    const { log } = await render([fromMaria(1, "meu CPF é 123"), unsend(2, 1)]);
    const msg = log.querySelector(".message")!;
    expect(msg.querySelector(".message-unsent")!.textContent).toBe("Unsent by the customer");
    expect(msg.textContent).not.toContain("meu CPF");
    expect(msg.querySelector(".message-body")).toBeNull();
  });

  it("shows an unsent message's text struck through when the inbox keeps it", async () => {
    const { log } = await render([fromMaria(1, "esquece"), unsend(2, 1)], { keepUnsentText: true });
    expect(log.querySelector(".message-body del")!.textContent).toBe("esquece");
    expect(log.querySelector(".message-unsent")!.textContent).toBe("Unsent by the customer");
  });

  it("draws none of the change events as a line of its own, nor any JSON", async () => {
    const events = [reply(1), delivery(2, 1, "sent"), fromMaria(3), reaction(4, 3, "👍"), edit(5, 3, "novo"), unsend(6, 3), delivery(7, 1, "read")];
    const { log } = await render(events);
    expect(log.querySelectorAll(".system-line")).toHaveLength(0);
    expect(log.querySelectorAll(".message")).toHaveLength(2);
    expect(log.textContent).not.toMatch(/[{}]|messageSeq|"type"/);
  });
});

describe("reply quotes", () => {
  it("quotes the replied-to message by seq above the reply, as it reads now", async () => {
    const events = [
      message({ seq: 1, actor: ana, body: "Qual o número do pedido?", at: AT }),
      message({ seq: 2, actor: maria, body: "<b>4471</b>", at: AT, replyTo: { seq: 1, providerMessageId: "wamid.1" } }),
    ];
    const { log } = await render(events);
    const quote = log.querySelector('[data-seq="2"] .reply-quote')!;
    expect(quote.tagName).toBe("BUTTON");
    expect(quote.textContent).toBe("Reply to YouQual o número do pedido?");
    expect(log.querySelector('[data-seq="2"] .message-body')!.textContent).toBe("<b>4471</b>");
    expect(log.querySelector("b")).toBeNull();
    await click(quote); // scrolls to it; nothing to assert in happy-dom beyond not throwing
  });

  it("says so when the quoted message is not loaded or not known here", async () => {
    const events = [message({ seq: 9, actor: maria, body: "isso", at: AT, replyTo: { seq: null, providerMessageId: "wamid.old" } })];
    const { log } = await render(events);
    expect(log.querySelector(".reply-quote")!.textContent).toBe("Reply to a message not shown here");
  });

  it("has the channel strings in every language", () => {
    expect(CHANNEL_STRINGS["pt-BR"].unsent).toBe("Envio cancelado pelo cliente");
    expect(CHANNEL_STRINGS.es.unsent).toBe("Envío anulado por el cliente");
    expect(CHANNEL_STRINGS.es.edited).toBe("Editado");
  });
});

describe("live, through the pane's socket", () => {
  const mounted: Array<() => void> = [];
  beforeEach(() => {
    localStorage.clear();
    resetDirectory();
    installFakeSocket();
  });
  afterEach(() => {
    for (const unmount of mounted.splice(0)) unmount();
  });

  it("turns a reply's marks as delivery events arrive, and shows a reaction", async () => {
    const history = [message({ seq: 1, actor: maria, body: "oi", at: Date.now() }), message({ seq: 2, actor: ana, body: "Olá!", delivery: "pending", at: Date.now() })];
    installFetch([
      ({ url }) => {
        const p = url.pathname;
        if (p === "/api/v1/conversations/c1") return { body: { conversation: item({ channel: "whatsapp", lastSeq: 2 }) } };
        if (p === "/api/v1/conversations/c1/messages") return { body: { events: history, lastSeq: 2, more: false } };
        if (p === "/api/v1/conversations/c1/message-tags") return { body: { messages: [] } };
        if (p === "/api/v1/conversations/c1/read") return { body: { ok: true } };
        if (p === "/api/v1/contacts/k1") return { body: contactDetail() };
        if (p === "/api/v1/agents") return { body: { agents: DIRECTORY.agents } };
        if (p === "/api/v1/teams") return { body: { teams: DIRECTORY.teams } };
        if (p === "/api/v1/inboxes") return { body: { inboxes: [] } };
        if (p === "/api/v1/tags") return { body: { tags: [] } };
        if (p === "/api/v1/conversation-types") return { body: { types: [] } };
        return undefined;
      },
    ]);
    const view = await mount(<ConversationPane id="c1" me={ME} item={item({ channel: "whatsapp", lastSeq: 2 })} atSeq={null} onChange={() => {}} onNext={() => {}} />);
    mounted.push(view.unmount);
    await settle(6);
    await act(() => FakeSocket.last.open(2));
    await settle();
    const mark = () => view.container.querySelector('[data-seq="2"] .delivery')!.textContent;
    expect(mark()).toBe("Sending…");
    for (const [event, text] of [
      [delivery(3, 2, "sent"), "Sent"],
      [delivery(4, 2, "delivered"), "Delivered"],
      [delivery(5, 2, "read"), "Read"],
      [delivery(6, 2, "delivered"), "Read"],
    ] as const) {
      await act(() => FakeSocket.last.push({ type: "event", event }));
      await settle(1);
      expect(mark()).toBe(text);
    }
    await act(() => FakeSocket.last.push({ type: "event", event: reaction(7, 2, "🙏", maria) }));
    await settle(1);
    expect(view.container.querySelector('[data-seq="2"] .reaction')!.getAttribute("aria-label")).toBe("Maria reacted with 🙏");
    expect(view.container.querySelectorAll(".system-line")).toHaveLength(0);
  });
});
