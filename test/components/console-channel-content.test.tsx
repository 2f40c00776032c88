/**
 * Structured message content in the console's timeline, each kind as text: a location
 * with its OpenStreetMap link, shared contacts, a choice, a template with parameters, a
 * story reply or mention, a sticker (its image, small) and an unsupported message. HTML
 * in any provider-given field stays text; only http(s) story links become links.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { MessageContent } from "../../worker/protocol";
import { Timeline } from "../../console/conversation/timeline/timeline";
import { mapUrl, safeWebUrl } from "../../console/conversation/timeline/content-view";
import { message, mount } from "./fakes";
import { DIRECTORY, ME, TAGS } from "./console-fixtures";
import { AT, ana, maria } from "./channel-events";

const EVIL = '<img src=x onerror="alert(1)"><b>x</b>';

async function show(content: MessageContent, overrides: Parameters<typeof message>[0] = {}) {
  const events = [message({ seq: 1, actor: maria, at: AT, body: "readable stand-in", content, ...overrides })];
  const { container } = await mount(
    <Timeline
      events={events}
      pending={[]}
      connection="online"
      typing={[]}
      contactReadSeq={0}
      ctx={{ myId: ME.agent.id, contactName: "Maria", directory: DIRECTORY }}
      channel="whatsapp"
      messageTags={{ bySeq: new Map(), set: () => {} }}
      tags={TAGS}
      atSeq={null}
      pages={{ loaded: true, hasOlder: false, olderState: "idle", loadOlder: async () => {} }}
      onRetry={() => {}}
      onDiscard={() => {}}
    />,
  );
  const msg = container.querySelector(".message")!;
  // Nothing a provider sent may become markup.
  expect(msg.querySelector("b, script")).toBeNull();
  expect([...msg.querySelectorAll("img")].every((img) => img.closest(".attachment-image") !== null)).toBe(true);
  return msg;
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("structured content, as text", () => {
  it("a location: name, address and a map link that opens without access back to the console", async () => {
    const msg = await show({ type: "location", latitude: -23.5614, longitude: -46.6559, name: `Padaria ${EVIL}`, address: "Av. Paulista, 1000" });
    expect(msg.querySelector(".content-title")!.textContent).toBe(`Padaria ${EVIL}`);
    expect(msg.querySelector(".content--location")!.textContent).toContain("Av. Paulista, 1000");
    const link = msg.querySelector<HTMLAnchorElement>(".content--location a")!;
    expect(link.getAttribute("href")).toBe("https://www.openstreetmap.org/?mlat=-23.5614&mlon=-46.6559#map=16/-23.5614/-46.6559");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.textContent).toBe("Open in OpenStreetMap");
    // The content replaces the readable stand-in the adapter wrote for previews.
    expect(msg.textContent).not.toContain("readable stand-in");
  });

  it("shared contacts: names, phones and e-mails", async () => {
    const msg = await show({
      type: "contacts",
      contacts: [
        { name: `João ${EVIL}`, phones: ["+55 11 99999-0000"], emails: ["joao@example.com"] },
        { name: "Ana Lúcia", phones: [], emails: [] },
      ],
    });
    const people = [...msg.querySelectorAll(".content--contacts li")].map((li) => [...li.children].map((el) => el.textContent));
    expect(people).toEqual([[`João ${EVIL}`, "Phone: +55 11 99999-0000", "E-mail: joao@example.com"], ["Ana Lúcia"]]);
  });

  it("a choice: what the customer tapped", async () => {
    const msg = await show({ type: "choice", id: "track_order", title: `Rastrear ${EVIL}` });
    expect(msg.querySelector(".content--choice")!.textContent).toBe(`Chose: Rastrear ${EVIL}`);
  });

  it("a template: its name, language and parameters", async () => {
    const msg = await show({ type: "template", name: "pedido_enviado", language: "pt_BR", parameters: ["Maria", EVIL] }, { actor: ana, delivery: "sent" });
    expect(msg.querySelector(".content--template .content-title")!.textContent).toBe("Template pedido_enviado");
    expect(msg.querySelector(".content--template")!.textContent).toContain("(pt_BR)");
    expect([...msg.querySelectorAll(".content--template li")].map((li) => li.textContent)).toEqual(["Maria", EVIL]);
  });

  it("a story reply: the label, a link to the story and the customer's words", async () => {
    const url = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1789&signature=abc";
    const msg = await show({ type: "story", mode: "reply", url }, { body: "Amei! <3" });
    expect(msg.querySelector(".content--story .content-kind")!.textContent).toBe("Replied to your story");
    const link = msg.querySelector<HTMLAnchorElement>(".content--story a")!;
    expect(link.getAttribute("href")).toBe(url);
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(msg.querySelector(".message-body")!.textContent).toBe("Amei! <3");
  });

  it("a story mention without a URL, and one whose URL is not a web link, have no link", async () => {
    let msg = await show({ type: "story", mode: "mention", url: null }, { body: "" });
    expect(msg.querySelector(".content--story")!.textContent).toBe("Mentioned you in their story");
    expect(msg.querySelector("a")).toBeNull();
    document.body.innerHTML = "";
    msg = await show({ type: "story", mode: "mention", url: "javascript:alert(1)" }, { body: "" });
    expect(msg.querySelector(".content--story a")).toBeNull();
    expect(safeWebUrl("data:text/html,<script>")).toBeNull();
    expect(safeWebUrl("http://example.com/s")).toBe("http://example.com/s");
  });

  it("a sticker: its image, drawn small, named for screen readers", async () => {
    const sticker = { id: "f9", name: "sticker.webp", contentType: "image/webp", size: 12_000 };
    const msg = await show({ type: "sticker" }, { kind: "attachment", body: "", attachments: [sticker] });
    expect(msg.classList.contains("message--sticker")).toBe(true);
    expect(msg.querySelector(".attachment-image img")!.getAttribute("src")).toBe("/api/v1/files/f9");
    expect(msg.querySelector(".content--sticker")!.textContent).toBe("Sticker");
  });

  it("an unsupported message: the provider's reason, muted", async () => {
    const msg = await show({ type: "unsupported", reason: `Message type unknown ${EVIL}` }, { body: "" });
    const line = msg.querySelector(".content--unsupported")!;
    expect(line.classList.contains("muted")).toBe(true);
    expect(line.textContent).toBe(`Not shown: Message type unknown ${EVIL}`);
  });

  it("builds the map link from numbers only", () => {
    expect(mapUrl(0, 0)).toBe("https://www.openstreetmap.org/?mlat=0&mlon=0#map=16/0/0");
  });
});
