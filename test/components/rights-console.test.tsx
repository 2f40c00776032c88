/**
 * The console's LGPD parts (issue 16): the contact panel's erase button needs the typed
 * word before it sends anything, and sends it; an agent's panel has no such section; a
 * conversation feed told `erased` forgets what it shows and reconnects from seq 0.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ContactRights } from "../../console/conversation/contact/contact-rights";
import { s as rs } from "../../console/conversation/contact/rights-strings";
import { ConversationFeed } from "../../client/feed";
import { Outbox } from "../../client/outbox";
import { ERASE_CONFIRMATION } from "../../worker/protocol";
import { parseFrame } from "../../widget/visitor-api";
import { byText, click, FakeSocket, history, installFakeSocket, installFetch, message, mount, settle, type } from "./fakes";

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the contact panel's erasure", () => {
  it("sends nothing until the confirmation word is typed, then erases and says so", async () => {
    const calls = installFetch([({ url }) => (url.pathname === "/api/v1/contacts/k1/erase" ? { body: { contactId: "k1", requestedAt: 1, completedAt: 2, counts: { conversations: 2, events: 9, files: 1, webhookDeliveries: 0 } } } : undefined)]);
    const erased = vi.fn();
    const { container } = await mount(<ContactRights contactId="k1" onErased={erased} />);
    expect(container.querySelector("a[download]")!.getAttribute("href")).toBe("/api/v1/contacts/k1/export");
    await click(byText(container, rs.erase, "button"));
    const confirm = byText(container, rs.confirm, "button") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await type(container.querySelector("input")!, ERASE_CONFIRMATION.toLowerCase());
    expect((byText(container, rs.confirm, "button") as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);
    await type(container.querySelector("input")!, ERASE_CONFIRMATION);
    await click(byText(container, rs.confirm, "button"));
    await settle(4);
    expect(calls.filter((c) => c.method === "POST").map((c) => [c.path, c.body])).toEqual([["/api/v1/contacts/k1/erase", { confirm: ERASE_CONFIRMATION }]]);
    expect(container.textContent).toContain(rs.erased);
    expect(erased).toHaveBeenCalledOnce();
  });
});

describe("a feed told `erased`", () => {
  beforeEach(() => {
    localStorage.clear();
    installFakeSocket();
  });

  it("drops every event it shows and asks for the conversation again from seq 0", async () => {
    const feed = new ConversationFeed({
      loadHistory: async () => history([message({ seq: 1, body: "segredo" }), message({ seq: 2, body: "outro segredo" })]),
      socketUrl: (after) => `ws://console.test/ws?after=${after}`,
      parseFrame: (raw) => raw as never,
      outbox: new Outbox("test:erased", localStorage),
    });
    await feed.start();
    FakeSocket.last.open();
    expect(feed.snapshot().events).toHaveLength(2);
    FakeSocket.last.push({ type: "erased" });
    expect(feed.snapshot().events).toEqual([]);
    FakeSocket.last.close();
    await vi.waitFor(() => expect(FakeSocket.all.length).toBeGreaterThan(1), { timeout: 2000 });
    expect(FakeSocket.last.url).toContain("after=0");
    feed.stop();
  });
});

describe("the widget's frame check", () => {
  it("lets an `erased` frame through to its feed (it drops unknown tags)", () => {
    expect(parseFrame({ type: "erased" })).toEqual({ type: "erased" });
    expect(parseFrame({ type: "no-such-frame" })).toBeNull();
  });
});
