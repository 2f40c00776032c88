/**
 * The simulator page's script with Telegram and Twilio inboxes: each provider's phone
 * offers what its customers can do (contact and blocking on Telegram, STOP/START on SMS,
 * buttons on Meta's), receipts as each provider sends them, Telegram's edits, and the
 * block notes — all rendered as text. The page's endpoints are answered by a stub.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { PAGE_SCRIPT } from "../../worker/simulator/page-script";
import { PAGE_STRINGS } from "../../worker/simulator/page-strings";
import { simulatorPage } from "../../worker/simulator/page";

const INBOXES = [
  { id: "tg1", kind: "telegram", name: "Telegram · simulator", accountId: "7000000001", medium: null, problem: null },
  { id: "sms1", kind: "sms", name: "SMS · simulator", accountId: "+15550100002", medium: "sms", problem: null },
  { id: "twa1", kind: "sms", name: "WhatsApp via Twilio · simulator", accountId: "+15550100003", medium: "whatsapp", problem: null },
];

function item(over: Record<string, unknown>) {
  return { id: "i", direction: "in", at: 1_700_000_000_000, providerMessageId: "p", text: "", media: null, replyTo: null, receipt: null, webhook: { status: 200, body: "{}" }, request: null, callbackData: null, edited: false, event: null, ...over };
}

const THREADS: Record<string, unknown[]> = {
  tg1: [
    item({ id: "a", providerMessageId: "42:1", text: "oi, tudo bem?", edited: true, request: JSON.stringify({ update_id: 1, edited_message: { message_id: 1, text: "oi, tudo bem?" } }) }),
    item({ id: "b", providerMessageId: "42:2", text: "MASP", request: JSON.stringify({ update_id: 2, message: { message_id: 2, location: {} } }) }),
    item({ id: "c", direction: "out", providerMessageId: "42:3", text: "<b>Olá</b>", webhook: null }),
    item({ id: "d", providerMessageId: "", event: "blocked" }),
  ],
  sms1: [item({ id: "e", direction: "out", providerMessageId: "SMx", text: "Seu pedido saiu" })],
  twa1: [item({ id: "f", direction: "out", providerMessageId: "SMy", text: "Olá" })],
};

const posts: Array<{ path: string; body: any }> = [];

async function open(inboxId: string) {
  const html = await simulatorPage().text();
  document.body.innerHTML = /<body>([\s\S]*?)<script/.exec(html)![1]!;
  const strings = document.createElement("script");
  strings.id = "sim-strings";
  strings.type = "application/json";
  strings.textContent = JSON.stringify(PAGE_STRINGS);
  document.body.appendChild(strings);
  localStorage.setItem("switchboard:simulator:inbox", inboxId);
  localStorage.setItem(`switchboard:simulator:${inboxId}`, JSON.stringify({ id: "424242", name: "Maria" }));
  vi.spyOn(window, "setInterval").mockImplementation((() => 0) as any);
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost:8787");
    if (init?.method === "POST") posts.push({ path: url.pathname, body: JSON.parse(String(init.body)) });
    if (url.pathname === "/dev/simulator/api/inboxes") return Response.json({ inboxes: INBOXES, consoleUrl: "http://localhost:8787/console/" });
    if (url.pathname === "/dev/simulator/api/thread") return Response.json({ items: THREADS[url.searchParams.get("inbox")!], providerMode: "healthy" });
    return Response.json({ item: item({}) }, { status: 201 });
  });
  new Function(PAGE_SCRIPT)();
  await vi.waitFor(() => expect([document.getElementById("status")!.textContent, document.querySelectorAll("#thread .bubble").length]).toEqual(["", THREADS[inboxId]!.length]));
}

const shown = (id: string) => !(document.getElementById(id) as HTMLButtonElement).hidden;
const buttons = (itemId: string) => [...document.querySelectorAll(`[data-id="${itemId}"] .actions button`)].map((b) => b.textContent);

afterEach(() => {
  vi.restoreAllMocks();
  posts.length = 0;
  localStorage.clear();
});

describe("the simulator page", () => {
  it("on Telegram: offers location, contact and blocking (no buttons, no STOP); edits texts, not locations; shows notes and text as text", async () => {
    await open("tg1");
    expect(["send-location", "send-contact", "block", "unblock", "send-yes", "send-stop"].map(shown)).toEqual([true, true, true, true, false, false]);
    expect(buttons("a")).toEqual(["Edit"]);
    expect(buttons("b")).toEqual([]);
    // No receipts reach a bot: only Reply under the agent's message.
    expect(buttons("c")).toEqual(["Reply"]);
    expect(document.querySelector('[data-id="a"] .meta')!.textContent).toContain("edited");
    expect(document.querySelector('[data-id="c"] .text')!.textContent).toBe("<b>Olá</b>");
    expect(document.querySelector('[data-id="c"] b')).toBeNull();
    expect(document.querySelector('[data-id="d"]')!.className).toBe("bubble note");
    expect(document.querySelector('[data-id="d"] p')!.textContent).toBe("You blocked the bot");

    (window as unknown as { prompt: () => string }).prompt = () => "oi!!";
    (document.querySelector('[data-id="a"] .actions button') as HTMLButtonElement).click();
    (document.getElementById("block") as HTMLButtonElement).click();
    (document.getElementById("send-contact") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(posts).toHaveLength(3));
    expect(posts).toEqual([
      { path: "/dev/simulator/api/edits", body: { inboxId: "tg1", customerId: "424242", itemId: "a", text: "oi!!" } },
      { path: "/dev/simulator/api/blocks", body: { inboxId: "tg1", customerId: "424242", name: "Maria", blocked: true } },
      { path: "/dev/simulator/api/messages", body: expect.objectContaining({ inboxId: "tg1", message: { type: "contact", phone: "+55 11 98765-4321", firstName: "Ana", lastName: "Lima" } }) },
    ]);
  });

  it("on SMS: offers STOP and START; receipts Delivered and Failed (no Read, no Reply); STOP sends the keyword", async () => {
    await open("sms1");
    expect(["send-stop", "send-start", "send-location", "send-contact", "block", "send-yes"].map(shown)).toEqual([true, true, false, false, false, false]);
    expect(buttons("e")).toEqual(["Delivered", "Failed"]);
    (document.getElementById("send-stop") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ path: "/dev/simulator/api/messages", body: { inboxId: "sms1", customer: { id: "424242", name: "Maria" }, message: { type: "text", text: "STOP" }, replyTo: null } });
  });

  it("on WhatsApp through Twilio: Read too", async () => {
    await open("twa1");
    expect(buttons("f")).toEqual(["Delivered", "Read", "Failed"]);
  });
});
