/**
 * Reachability in the console: a customer who blocked the bot or opted out (STOP) shows
 * as a timeline line (and opting back in as another), in en, pt-BR and es; while the
 * latest one says unreachable a notice above the composer says why, replies cannot be
 * sent (notes can), and no template picker is offered. A refusal as
 * `recipient_unreachable` shows the notice even when the event is not loaded. The
 * contact panel lists the inboxes the contact opted out of.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelKind, ContactDetail, ConversationEvent, Inbox } from "../../worker/protocol";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { CHANNEL_STRINGS } from "../../console/conversation/channel-strings";
import { unreachableNow } from "../../console/conversation/composer/reachability";
import { ContactOptOuts } from "../../console/conversation/contact/contact-optouts";
import { FakeSocket, click, installFakeSocket, installFetch, message, mount, settle, type } from "./fakes";
import { DIRECTORY, ME, contactDetail, item } from "./console-fixtures";
import { AT, ana, maria, reachability } from "./channel-events";

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

async function open(events: ConversationEvent[], channel: ChannelKind = "telegram", detail: ContactDetail = contactDetail()) {
  const lastSeq = events.at(-1)?.seq ?? 0;
  const row = item({ channel, lastSeq });
  const calls = installFetch([
    ({ method, url }) => {
      const p = url.pathname;
      if (p === "/api/v1/conversations/c1" && method === "GET") return { body: { conversation: row } };
      if (p === "/api/v1/conversations/c1/messages" && method === "GET") return { body: { events, lastSeq, more: false } };
      if (p === "/api/v1/conversations/c1/message-tags") return { body: { messages: [] } };
      if (p === "/api/v1/conversations/c1/read") return { body: { ok: true } };
      if (p === "/api/v1/contacts/k1") return { body: detail };
      if (p === "/api/v1/agents") return { body: { agents: DIRECTORY.agents } };
      if (p === "/api/v1/teams") return { body: { teams: DIRECTORY.teams } };
      if (p === "/api/v1/inboxes") return { body: { inboxes: [] } };
      if (p === "/api/v1/tags") return { body: { tags: [] } };
      if (p === "/api/v1/conversation-types") return { body: { types: [] } };
      return undefined;
    },
  ]);
  const view = await mount(<ConversationPane id="c1" me={ME} item={row} atSeq={null} onChange={() => {}} onNext={() => {}} />);
  mounted.push(view.unmount);
  await settle(6);
  await act(() => FakeSocket.last.open(lastSeq));
  await settle();
  const q = (sel: string) => view.container.querySelector(sel);
  return {
    ...view,
    calls,
    notice: () => q(".reachability-notice"),
    lines: () => [...view.container.querySelectorAll(".system-line--reachability .system-text")].map((l) => l.textContent),
    textarea: () => q("textarea") as HTMLTextAreaElement,
    sendButton: () => q(".send-button") as HTMLButtonElement,
    mode: (label: string) => [...view.container.querySelectorAll(".composer-modes label")].find((l) => l.textContent === label)!.querySelector("input")!,
  };
}

const enter = (el: HTMLTextAreaElement) => act(() => void el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true })));

describe("reachability in the timeline", () => {
  it("draws blocked / unblocked and opted out / back in as lines of their own", async () => {
    const { lines } = await open([
      message({ seq: 1, actor: maria, body: "oi", at: AT }),
      reachability(2, false, "blocked"),
      reachability(3, true, "blocked"),
      reachability(4, false, "opted_out"),
      reachability(5, true, "opted_out"),
    ]);
    expect(lines()).toEqual(["The customer blocked the bot", "The customer unblocked the bot", "The customer opted out (STOP)", "The customer opted back in"]);
  });

  it("has the words in pt-BR and Spanish", () => {
    const pt = CHANNEL_STRINGS["pt-BR"].reachability;
    const es = CHANNEL_STRINGS.es.reachability;
    expect([pt.blocked, pt.unblocked, pt.optedOut, pt.optedIn]).toEqual(["O cliente bloqueou o bot", "O cliente desbloqueou o bot", "O cliente cancelou o recebimento de mensagens (STOP)", "O cliente voltou a aceitar mensagens"]);
    expect([es.blocked, es.unblocked, es.optedOut, es.optedIn]).toEqual(["El cliente bloqueó el bot", "El cliente desbloqueó el bot", "El cliente se dio de baja (STOP)", "El cliente volvió a suscribirse"]);
    expect(pt.noticeOptedOut).toMatch(/STOP.*START.*Notas privadas/);
    expect(es.noticeBlocked).toMatch(/bloqueó el bot.*notas privadas/);
  });
});

describe("the composer while the customer is unreachable", () => {
  it("says why, refuses a reply (nothing sent, draft kept), and still sends a note", async () => {
    const { notice, textarea, sendButton, mode } = await open([message({ seq: 1, actor: maria, body: "STOP", at: AT }), reachability(2, false, "opted_out")], "sms");
    expect(notice()!.querySelector('[role="status"]')!.textContent).toBe(CHANNEL_STRINGS.en.reachability.noticeOptedOut);
    expect(notice()!.getAttribute("aria-label")).toBe("Replies unavailable");
    // Neither the window notice nor a template picker: nothing may go out.
    expect(document.querySelector(".window-notice:not(.reachability-notice)")).toBeNull();
    expect(notice()!.querySelector("select")).toBeNull();

    await type(textarea(), "posso ajudar?");
    expect(sendButton().disabled).toBe(true);
    await enter(textarea());
    expect(FakeSocket.last.sentOfType("send")).toEqual([]);
    expect(textarea().value).toBe("posso ajudar?");

    await click(mode("Private note"));
    expect(sendButton().disabled).toBe(false);
    await enter(textarea());
    expect(FakeSocket.last.sentOfType("send")).toMatchObject([{ type: "send", kind: "note", body: "posso ajudar?" }]);
  });

  it("says the bot was blocked, and clears when the customer unblocks it (live)", async () => {
    const { notice, textarea, sendButton } = await open([message({ seq: 1, actor: maria, body: "oi", at: AT }), reachability(2, false, "blocked")]);
    expect(notice()!.textContent).toBe(CHANNEL_STRINGS.en.reachability.noticeBlocked);
    await act(() => FakeSocket.last.push({ type: "event", event: reachability(3, true, "blocked") }));
    await settle(1);
    expect(notice()).toBeNull();
    await type(textarea(), "bem-vindo de volta");
    expect(sendButton().disabled).toBe(false);
  });

  it("shows the notice after the room refuses a reply as recipient_unreachable (the event not loaded), until a newer reachability event", async () => {
    const { notice, textarea } = await open([message({ seq: 1, actor: maria, body: "oi", at: AT }), message({ seq: 2, actor: ana, body: "Olá", at: AT })]);
    expect(notice()).toBeNull();
    await type(textarea(), "ainda aí?");
    await enter(textarea());
    const frame = FakeSocket.last.sentOfType("send")[0]!;
    await act(() => FakeSocket.last.push({ type: "error", code: "recipient_unreachable", message: "The customer blocked this channel's bot.", clientId: frame.clientId as string }));
    await settle();
    expect(notice()!.textContent).toBe(CHANNEL_STRINGS.en.reachability.noticeUnknown);
    await act(() => FakeSocket.last.push({ type: "event", event: reachability(3, true, "blocked") }));
    await settle(1);
    expect(notice()).toBeNull();
  });
});

describe("the rule (unreachableNow)", () => {
  it("follows the latest reachability event, and a refusal until a newer one", () => {
    const msg = message({ seq: 1, actor: maria });
    expect(unreachableNow([msg], null)).toBeNull();
    expect(unreachableNow([msg, reachability(2, false, "opted_out")], null)).toBe("opted_out");
    expect(unreachableNow([msg, reachability(2, false, "opted_out"), reachability(3, true, "opted_out")], null)).toBeNull();
    expect(unreachableNow([msg], 0)).toBe("unknown");
    expect(unreachableNow([msg, reachability(3, true, "blocked")], 0)).toBeNull();
    expect(unreachableNow([msg, reachability(3, false, "blocked")], 0)).toBe("blocked");
  });
});

describe("the contact panel's opt-outs", () => {
  it("lists each inbox the contact opted out of, by name, with the reason; nothing when none", async () => {
    // Only the id and name are read.
    const inboxes = [{ id: "i-sms", name: "SMS Loja" }] as unknown as Inbox[];
    const optOuts = [
      { inboxId: "i-sms", reason: "opted_out" as const, at: AT },
      { inboxId: "i-gone", reason: "blocked" as const, at: AT },
    ];
    const { container } = await mount(<ContactOptOuts optOuts={optOuts} inboxes={inboxes} />);
    const items = [...container.querySelectorAll(".contact-optouts li")].map((li) => li.textContent);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^SMS Loja: opted out \(STOP\) since /);
    expect(items[1]).toMatch(/^i-gone: blocked the bot since /);
    expect(container.querySelector("h4")!.textContent).toBe("Opted out");
    const empty = await mount(<ContactOptOuts optOuts={[]} inboxes={[]} />);
    expect(empty.container.innerHTML).toBe("");
  });
});
