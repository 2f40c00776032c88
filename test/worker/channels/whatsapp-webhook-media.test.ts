/**
 * A customer's file through the real WhatsApp webhook route: fetched from the provider
 * (the stand-in Graph API), kept in R2, and carried by the message as one of our file ids
 * served by our /files route — never the provider's short-lived URL. When the provider
 * cannot give the file yet, the delivery answers 503 and stores nothing, so Meta
 * redelivers; the redelivery after it recovers stores exactly one message with the file.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { owner } from "../fixtures";
import { ORIGIN, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { storedRows } from "../stored-rows";
import { conversationsOf } from "./channel-world";
import { WA } from "./whatsapp-fixtures";
import { ACCESS_TOKEN, GRAPH, graphError } from "./whatsapp-kit";
import { contactsOf, messagesOfOnly, onlyConversation, projectedRows, waInbox } from "./whatsapp-webhook-kit";

const MEDIA_ID = "65463453";
const DOWNLOAD = /^\/media-download\//;
const META = new RegExp(`^/v\\d+\\.\\d+/${MEDIA_ID}$`);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const downloadUrl = `${new URL(GRAPH).origin}/media-download/${MEDIA_ID}?ext=1796212800&hash=ATv`;

const urlAnswer = () => Response.json({ messaging_product: "whatsapp", url: downloadUrl, mime_type: "image/jpeg", sha256: "c2hh", file_size: JPEG.byteLength, id: MEDIA_ID });
const jpegAnswer = () => new Response(JPEG, { headers: { "Content-Type": "image/jpeg", "Content-Length": String(JPEG.byteLength) } });

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

/** `/api/v1/files/{id}` as an agent, as bytes. */
async function download(id: string) {
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/files/${id}`, { headers: { Cookie: boss.cookie! } }));
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("an image message", () => {
  it("is fetched from the provider with the access token, kept in R2, and carried as our file id", async () => {
    const wa = await waInbox();
    const graph = fakeProvider(GRAPH).on("GET", META, [urlAnswer()]).on("GET", DOWNLOAD, [jpegAnswer()]);
    expect(await wa.send(WA.pywaImage)).toMatchObject({ status: 200, body: { ok: true } });
    expect(graph.calls.map((c) => [c.url.pathname.replace(/^\/v[\d.]+/, ""), c.headers.get("Authorization")])).toEqual([
      [`/${MEDIA_ID}`, `Bearer ${ACCESS_TOKEN}`],
      [`/media-download/${MEDIA_ID}`, `Bearer ${ACCESS_TOKEN}`],
    ]);

    const [message] = await messagesOfOnly(boss, wa.inbox.id);
    expect(message).toMatchObject({ providerMessageId: "wamid.xyzxyz", attachments: [{ contentType: "image/jpeg", size: JPEG.byteLength }] });
    expect(message!.attachments).toHaveLength(1);
    // Our id, not the provider's media id or URL, anywhere in the message.
    const text = JSON.stringify(message);
    expect(text).not.toContain("media-download");
    expect(text).not.toContain(new URL(GRAPH).host);
    const fileId = message!.attachments![0]!.id;
    expect(fileId).not.toBe(MEDIA_ID);

    const stored = await env.FILES.get(`files/${fileId}`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(JPEG);
    // Labelled with the conversation it was copied for before that conversation existed.
    expect(stored!.customMetadata?.conversationId).toBe((await onlyConversation(wa.inbox.id)).id);
    const served = await download(fileId);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/jpeg");
    expect(served.bytes).toEqual(JPEG);
  });
});

describe("a redelivered image message", () => {
  it("is not fetched again once stored: no second download, no second copy in R2, still one message", async () => {
    const wa = await waInbox();
    const graph = fakeProvider(GRAPH).on("GET", META, [], urlAnswer()).on("GET", DOWNLOAD, [], jpegAnswer());
    expect((await wa.send(WA.pywaImage)).status).toBe(200);
    const conversation = await onlyConversation(wa.inbox.id);
    await projectedRows(conversation.id, (rows) => expect(rows).toHaveLength(1));
    const files = (await env.FILES.list({ prefix: "files/" })).objects.length;
    expect((await wa.send(WA.pywaImage)).status).toBe(200);
    expect(graph.calls).toHaveLength(2);
    expect((await env.FILES.list({ prefix: "files/" })).objects).toHaveLength(files);
    expect(await messagesOfOnly(boss, wa.inbox.id)).toHaveLength(1);
  });
});

describe("the provider cannot give the file yet", () => {
  it("its media endpoint answers 500: 503, nothing stored; the redelivery after it recovers stores one message with the file", async () => {
    const wa = await waInbox();
    const graph = fakeProvider(GRAPH).on("GET", META, [graphError(500, 2, "Service temporarily unavailable")], urlAnswer()).on("GET", DOWNLOAD, [], jpegAnswer());
    const before = await storedRows();
    const filesBefore = (await env.FILES.list({ prefix: "files/" })).objects.length;

    expectApiError(await wa.send(WA.pywaImage), 503, "unavailable");
    expect(await storedRows()).toEqual(before);
    expect(await conversationsOf(wa.inbox.id)).toEqual([]);
    expect(await contactsOf(wa.inbox.id)).toEqual([]);
    expect((await env.FILES.list({ prefix: "files/" })).objects).toHaveLength(filesBefore);

    expect(await wa.send(WA.pywaImage)).toMatchObject({ status: 200, body: { ok: true } });
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.attachments).toMatchObject([{ contentType: "image/jpeg", size: JPEG.byteLength }]);
    expect(graph.callsTo("GET", META)).toHaveLength(2);
    // A further redelivery stores nothing more.
    expect((await wa.send(WA.pywaImage)).status).toBe(200);
    expect(await messagesOfOnly(boss, wa.inbox.id)).toHaveLength(1);
  });

  it("the download itself answers 503: 503 as well, then one message once it works", async () => {
    const wa = await waInbox();
    fakeProvider(GRAPH).on("GET", META, [urlAnswer(), urlAnswer()]).on("GET", DOWNLOAD, [new Response("busy", { status: 503 }), jpegAnswer()]);
    expectApiError(await wa.send(WA.pywaImage), 503, "unavailable");
    expect(await wa.send(WA.pywaImage)).toMatchObject({ status: 200 });
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => m.attachments?.length)).toEqual([1]);
  });
});
