/**
 * The SMS segment count under the composer: shown for an SMS inbox's replies only (not
 * for WhatsApp through Twilio, not for notes, not for other channels), as "N characters
 * · M segments", naming the accent or emoji that switched the text to Unicode; in
 * English, pt-BR and Spanish.
 */
import { createRef } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChannelKind, Inbox } from "../../worker/protocol";
import { Composer, type ComposerProps } from "../../console/conversation/composer/composer";
import { CHANNEL_STRINGS } from "../../console/conversation/channel-strings";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { FakeSocket, installFakeSocket, installFetch, message, mount, settle, type } from "./fakes";
import { DIRECTORY, ME, contactDetail, item } from "./console-fixtures";
import { maria } from "./channel-events";

const mounted: Array<() => void> = [];
beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  resetDirectory();
});
afterEach(async () => {
  // Inside act, so the directory's listeners go and the next test's reset drops its copy.
  for (const unmount of mounted.splice(0)) await act(() => unmount());
  document.body.innerHTML = "";
});

async function renderComposer(overrides: Partial<ComposerProps> = {}) {
  const props: ComposerProps = {
    conversationId: "c1",
    draftKey: "a1:c1",
    mode: "reply",
    onMode: vi.fn(),
    textareaRef: createRef(),
    canned: { contact: null, agentName: "Ana" },
    onSend: vi.fn(() => true),
    onTyping: vi.fn(),
    smsCounter: true,
    ...overrides,
  };
  const view = await mount(<Composer {...props} />);
  mounted.push(view.unmount);
  const box = view.container.querySelector("textarea")!;
  return { ...view, box, counter: () => view.container.querySelector(".sms-counter") };
}

describe("the composer of an SMS inbox", () => {
  it("shows nothing for an empty reply, then characters and segments as the agent types", async () => {
    const { box, counter } = await renderComposer();
    expect(counter()).toBeNull();
    await type(box, "Olá");
    // "á" is not in the GSM alphabet: Unicode, and it says which character did it.
    expect(counter()!.textContent).toBe("3 characters · 1 segment “á” changed the encoding to Unicode (UCS-2): 70 characters per SMS instead of 160.");
    expect(counter()!.getAttribute("data-encoding")).toBe("ucs2");
    await type(box, "a".repeat(160));
    expect(counter()!.textContent).toBe("160 characters · 1 segment");
    expect(counter()!.getAttribute("data-encoding")).toBe("gsm7");
    await type(box, "a".repeat(161));
    expect(counter()!.textContent).toBe("161 characters · 2 segments Long messages go out in segments of 153 characters, each billed as one SMS.");
    // The textarea is described by the count, so a screen reader can ask for it.
    expect(box.getAttribute("aria-describedby")).toContain(counter()!.id);
  });

  it("counts an extension character as two and names up to three Unicode characters", async () => {
    const { box, counter } = await renderComposer();
    // In UCS-2 every character is code units, so "[" and "€" cost one each, not two.
    await type(box, "Preço: [10] €");
    expect(counter()!.querySelector(".sms-count")!.textContent).toBe("13 characters · 1 segment");
    expect(counter()!.querySelector(".sms-unicode")!.textContent).toContain("“ç”");
    await type(box, "[10] €");
    expect(counter()!.textContent).toBe("9 characters · 1 segment");
    await type(box, "ç ã õ 👍🏽");
    expect(counter()!.querySelector(".sms-unicode")!.textContent).toBe(" “ç”, “ã”, “õ”, … changed the encoding to Unicode (UCS-2): 70 characters per SMS instead of 160.");
    expect(counter()!.querySelector(".sms-count")!.textContent).toBe("10 characters · 1 segment");
  });

  it("shows no count for a note, which never leaves the console", async () => {
    const { box, counter } = await renderComposer({ mode: "note" });
    await type(box, "Cliente pediu reembolso");
    expect(counter()).toBeNull();
  });

  it("shows no count without the flag", async () => {
    const { box, counter } = await renderComposer({ smsCounter: false });
    await type(box, "Olá");
    expect(counter()).toBeNull();
  });
});

describe("in the conversation pane", () => {
  const twilio = (medium: "sms" | "whatsapp"): Inbox => ({
    id: "i1",
    kind: "sms",
    name: "Twilio",
    teamId: null,
    priority: 50,
    settings: { medium, from: "+5511912345678", messagingServiceSid: "", publicBaseUrl: "", reopenWindowHours: 24 },
    publicKey: null,
    hasIdentitySecret: false,
    credentials: { accountSid: { set: true, last4: "a1b2" }, authToken: { set: true, last4: "c3d4" } },
    webhookUrl: "https://sb.test/webhooks/twilio/i1",
    createdAt: 1,
  });

  async function pane(channel: ChannelKind, inboxes: Inbox[]) {
    installFakeSocket();
    const events = [message({ seq: 1, actor: maria, body: "oi" })];
    const row = item({ channel, lastSeq: 1 });
    installFetch([
      ({ method, url }) => {
        const p = url.pathname;
        if (p === "/api/v1/conversations/c1" && method === "GET") return { body: { conversation: row } };
        if (p === "/api/v1/conversations/c1/messages" && method === "GET") return { body: { events, lastSeq: 1, more: false } };
        if (p === "/api/v1/conversations/c1/message-tags") return { body: { messages: [] } };
        if (p === "/api/v1/conversations/c1/read") return { body: { ok: true } };
        if (p === "/api/v1/contacts/k1") return { body: contactDetail() };
        if (p === "/api/v1/agents") return { body: { agents: DIRECTORY.agents } };
        if (p === "/api/v1/teams") return { body: { teams: DIRECTORY.teams } };
        if (p === "/api/v1/inboxes") return { body: { inboxes } };
        if (p === "/api/v1/tags") return { body: { tags: [] } };
        if (p === "/api/v1/conversation-types") return { body: { types: [] } };
        return undefined;
      },
    ]);
    const view = await mount(<ConversationPane id="c1" me={ME} item={row} atSeq={null} onChange={() => {}} onNext={() => {}} />);
    mounted.push(view.unmount);
    await settle(6);
    await act(() => FakeSocket.last.open(1));
    await settle();
    await type(view.container.querySelector("textarea")!, "Seu pedido saiu hoje");
    return view.container.querySelector(".sms-counter");
  }

  it("counts segments for an SMS inbox whose medium is SMS", async () => {
    expect((await pane("sms", [twilio("sms")]))?.textContent).toBe("20 characters · 1 segment");
  });

  it.each([
    ["WhatsApp through Twilio", "sms" as const, [twilio("whatsapp")]],
    ["a Telegram conversation", "telegram" as const, []],
    ["a web chat", "webchat" as const, []],
  ])("counts nothing for %s", async (_, channel, inboxes) => {
    expect(await pane(channel, inboxes)).toBeNull();
  });
});

it("has the counter's words in pt-BR and Spanish", () => {
  expect(CHANNEL_STRINGS["pt-BR"].sms.count(161, 2)).toBe("161 caracteres · 2 segmentos");
  expect(CHANNEL_STRINGS.es.sms.count(1, 1)).toBe("1 carácter · 1 segmento");
  expect(CHANNEL_STRINGS["pt-BR"].sms.unicode("“ã”")).toBe("“ã” mudou a codificação para Unicode (UCS-2): 70 caracteres por SMS em vez de 160.");
  expect(CHANNEL_STRINGS.es.sms.unicode("“ñ”")).toContain("Unicode (UCS-2)");
});
