/**
 * The messaging window above the composer. WhatsApp: after 24 hours without a customer
 * message (or none at all) a notice says only an approved template can be sent, with the
 * template picker that sends exactly the chosen template and parameters; a send the room
 * refuses as `outside_service_window` (socket error frame, or 422 over HTTP) shows the
 * same, until the customer writes again. Messenger and Instagram: a softer notice after
 * 24 hours, a closed one after 7 days. Web chat: none.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChannelKind, ChannelTemplate, ConversationEvent } from "../../worker/protocol";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { META_HUMAN_AGENT_MS, WHATSAPP_WINDOW_MS, lastInbound, serviceWindow } from "../../console/conversation/composer/service-window";
import { useServiceWindow } from "../../console/conversation/composer/use-service-window";
import { fillTemplate } from "../../console/conversation/composer/template-picker";
import { FakeSocket, click, installFakeSocket, installFetch, labelled, message, mount, settle, type } from "./fakes";
import { DIRECTORY, ME, contactDetail, item } from "./console-fixtures";
import { ana, maria } from "./channel-events";

const HOUR = 3_600_000;
const CLOSED = "The 24-hour window is closed: only an approved template can be sent";
const TEMPLATES: ChannelTemplate[] = [
  { name: "boas_vindas", language: "pt_BR", category: "UTILITY", body: "Olá! Podemos continuar?", parameterCount: 0 },
  { name: "pedido_enviado", language: "pt_BR", category: "UTILITY", body: "Olá {{1}}, seu pedido {{2}} foi enviado.", parameterCount: 2 },
];

interface Setup {
  channel?: ChannelKind;
  events: ConversationEvent[];
  /** What POST /messages answers. */
  post?: { status: number; body: unknown };
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
  vi.useRealTimers();
});

async function open({ channel = "whatsapp", events, post = { status: 201, body: { seq: 99, duplicate: false } } }: Setup) {
  const lastSeq = events.at(-1)?.seq ?? 0;
  const row = item({ channel, lastSeq });
  const calls = installFetch([
    ({ method, url }) => {
      const p = url.pathname;
      if (p === "/api/v1/conversations/c1" && method === "GET") return { body: { conversation: row } };
      if (p === "/api/v1/conversations/c1/messages" && method === "GET") return { body: { events, lastSeq, more: false } };
      if (p === "/api/v1/conversations/c1/messages" && method === "POST") return post;
      if (p === "/api/v1/inboxes/i1/templates") return { body: { templates: TEMPLATES } };
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
  const view = await mount(<ConversationPane id="c1" me={ME} item={row} atSeq={null} onChange={() => {}} onNext={() => {}} />);
  mounted.push(view.unmount);
  await settle(6);
  await act(() => FakeSocket.last.open(lastSeq));
  await settle();
  const notice = () => view.container.querySelector(".window-notice");
  return { ...view, calls, notice, posts: () => calls.filter((c) => c.method === "POST" && c.path === "/api/v1/conversations/c1/messages") };
}

const customerAt = (at: number, seq = 1) => message({ seq, actor: maria, body: "oi", at });

describe("WhatsApp's 24-hour window", () => {
  it("says nothing while the customer wrote less than 24 hours ago", async () => {
    const { notice } = await open({ events: [customerAt(Date.now() - 23 * HOUR)] });
    expect(notice()).toBeNull();
  });

  it("shows the notice and the template picker once 24 hours have passed, and sends exactly the chosen template", async () => {
    const { notice, posts, container } = await open({ events: [customerAt(Date.now() - 25 * HOUR), message({ seq: 2, actor: ana, body: "Vou verificar", at: Date.now() - 24.5 * HOUR })] });
    expect(notice()!.querySelector('[role="status"]')!.textContent).toBe(CLOSED);
    const select = labelled<HTMLSelectElement>(notice()!, "Template");
    expect([...select.options].map((o) => o.textContent)).toEqual(["Choose a template", "boas_vindas (pt_BR)", "pedido_enviado (pt_BR)"]);

    await act(() => {
      select.value = "1";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    const send = [...notice()!.querySelectorAll("button")].find((b) => b.textContent === "Send template")!;
    expect(send.disabled).toBe(true); // parameters missing
    await type(labelled(notice()!, "Parameter {{1}}"), "Maria <b>");
    await type(labelled(notice()!, "Parameter {{2}}"), " #4471 ");
    expect(notice()!.querySelector(".template-preview")!.textContent).toBe("Preview: Olá Maria <b>, seu pedido #4471 foi enviado.");
    expect(container.querySelector(".template-preview b")).toBeNull();

    await click(send);
    await settle();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.body).toEqual({ clientId: expect.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/), template: { name: "pedido_enviado", language: "pt_BR", parameters: ["Maria <b>", "#4471"] } });
    expect(notice()!.querySelector(".template-sent")!.textContent).toBe("Template sent.");
    // Still closed: only the customer's answer opens the window again.
    expect(notice()!.querySelector('[role="status"]')!.textContent).toBe(CLOSED);
  });

  it("is closed when the customer never wrote", async () => {
    const { notice } = await open({ events: [message({ seq: 1, actor: ana, body: "Olá", at: Date.now() })] });
    expect(notice()!.textContent).toContain(CLOSED);
  });

  it("shows the notice and picker when the room refuses a reply as outside the window, until the customer writes again", async () => {
    const { notice, container } = await open({ events: [customerAt(Date.now() - HOUR)] });
    expect(notice()).toBeNull();
    await type(container.querySelector("textarea")!, "Ainda aí?");
    await act(() => void container.querySelector("textarea")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true })));
    const frame = FakeSocket.last.sentOfType("send")[0]!;
    await act(() => FakeSocket.last.push({ type: "error", code: "outside_service_window", message: "The 24-hour window is closed.", clientId: frame.clientId as string }));
    await settle();
    expect(notice()!.textContent).toContain(CLOSED);
    expect(labelled<HTMLSelectElement>(notice()!, "Template")).toBeTruthy();

    await act(() => FakeSocket.last.push({ type: "event", event: customerAt(Date.now(), 2) }));
    await settle(1);
    expect(notice()).toBeNull();
  });

  it("keeps the notice and says why when a template send is refused with 422 outside_service_window", async () => {
    const refusal = { status: 422, body: { error: { code: "outside_service_window", message: "Outside the customer-service window." } } };
    const { notice, posts } = await open({ events: [customerAt(Date.now() - 30 * HOUR)], post: refusal });
    const select = labelled<HTMLSelectElement>(notice()!, "Template");
    await act(() => {
      select.value = "0";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await click([...notice()!.querySelectorAll("button")].find((b) => b.textContent === "Send template")!);
    await settle();
    expect(posts()[0]!.body).toEqual({ clientId: expect.any(String), template: { name: "boas_vindas", language: "pt_BR", parameters: [] } });
    expect(notice()!.querySelector('[role="alert"]')!.textContent).toBe("The template was not sent: Outside the customer-service window.");
    expect(notice()!.textContent).toContain(CLOSED);
  });
});

describe("Messenger and Instagram", () => {
  it("warn softly after 24 hours, without a template picker", async () => {
    const { notice } = await open({ channel: "messenger", events: [customerAt(Date.now() - 30 * HOUR)] });
    expect(notice()!.textContent).toBe(
      "More than 24 hours since the customer's last message: Meta may refuse replies unless the page has the Human Agent feature (up to 7 days).",
    );
    expect(notice()!.querySelector("select")).toBeNull();
  });

  it("say the window is closed after 7 days", async () => {
    const { notice } = await open({ channel: "instagram", events: [customerAt(Date.now() - 8 * 24 * HOUR)] });
    expect(notice()!.textContent).toBe("The messaging window is closed: Meta refuses replies until the customer writes again.");
  });

  it("web chat has no window", async () => {
    const { notice } = await open({ channel: "webchat", events: [customerAt(Date.now() - 30 * 24 * HOUR)] });
    expect(notice()).toBeNull();
  });
});

describe("the window rule", () => {
  const now = Date.UTC(2026, 10, 23, 12);
  it("knows when it changes next, and says nothing when the last customer message is on a page not loaded", () => {
    expect(serviceWindow({ channel: "whatsapp", inbound: { seq: 1, at: now - HOUR }, now, refused: false })).toEqual({ notice: null, changesAt: now - HOUR + WHATSAPP_WINDOW_MS });
    expect(serviceWindow({ channel: "whatsapp", inbound: undefined, now, refused: false })).toEqual({ notice: null, changesAt: null });
    expect(serviceWindow({ channel: "whatsapp", inbound: undefined, now, refused: true }).notice).toBe("whatsapp-closed");
    expect(serviceWindow({ channel: "messenger", inbound: { seq: 1, at: now - 25 * HOUR }, now, refused: false })).toEqual({ notice: "meta-late", changesAt: now - 25 * HOUR + META_HUMAN_AGENT_MS });
    expect(lastInbound([message({ seq: 4, actor: ana })], true)).toBeUndefined();
    expect(lastInbound([message({ seq: 4, actor: ana })], false)).toBeNull();
    expect(lastInbound([customerAt(now, 3), message({ seq: 4, actor: ana })], true)).toEqual({ seq: 3, at: now });
  });

  it("fills a template's preview as text, leaving unfilled places visible", () => {
    expect(fillTemplate("Olá {{1}}, pedido {{2}}", ["Maria", " "])).toBe("Olá Maria, pedido {{2}}");
  });

  it("closes by itself while the pane stays open", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(Date.UTC(2026, 10, 23, 12));
    const events = [customerAt(Date.now() - 23 * HOUR)];
    let seen: string | null = "unset";
    function Probe() {
      seen = useServiceWindow("whatsapp", events, false).notice;
      return null;
    }
    await mount(<Probe />);
    expect(seen).toBeNull();
    await act(() => void vi.advanceTimersByTime(HOUR + 2_000));
    expect(seen).toBe("whatsapp-closed");
  });
});
