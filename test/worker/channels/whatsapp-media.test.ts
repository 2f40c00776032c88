/**
 * Fetching a customer's file from WhatsApp (worker/channels/whatsapp/media.ts): the
 * two-step download with the access token, the per-kind size and type limits checked
 * before downloading, and which failures are worth WhatsApp redelivering the webhook.
 */
import { describe, expect, it } from "vitest";
import type { FetchedMedia, RemoteMedia } from "../../../worker/channels/types";
import { whatsappAdapter } from "../../../worker/channels/whatsapp/adapter";
import { fakeProvider, networkFailure } from "../provider-fake";
import { ACCESS_TOKEN, GRAPH, graphError, whatsappContext } from "./whatsapp-kit";

const MB = 1024 * 1024;
const DOWNLOAD = /^\/media-download\//;
const downloadUrl = (name: string) => `${new URL(GRAPH).origin}/media-download/${name}?ext=1796212800&hash=ATv`;
const metaPath = (id: string) => new RegExp(`^/v\\d+\\.\\d+/${id}$`);

function mediaUrlAnswer(name: string, mime: string, size: number) {
  return Response.json({ messaging_product: "whatsapp", url: downloadUrl(name), mime_type: mime, sha256: "c2hh", file_size: size, id: name });
}

const fetchMedia = (media: RemoteMedia) => whatsappAdapter.fetchMedia(media, whatsappContext());

async function bytesOf(result: FetchedMedia): Promise<Uint8Array> {
  if (!result.ok) throw new Error(result.reason);
  return new Uint8Array(await new Response(result.body).arrayBuffer());
}

describe("WhatsApp fetchMedia", () => {
  it("resolves the media id to a URL, then downloads it, both with the access token", async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const fake = fakeProvider(GRAPH)
      .on("GET", metaPath("65463453"), [mediaUrlAnswer("65463453", "image/jpeg", jpeg.byteLength)])
      .on("GET", DOWNLOAD, [new Response(jpeg, { headers: { "Content-Type": "image/jpeg", "Content-Length": String(jpeg.byteLength) } })]);
    const result = await fetchMedia({ kind: "image", ref: "65463453", contentType: "image/jpeg" });
    expect(result).toMatchObject({ ok: true, contentType: "image/jpeg", size: jpeg.byteLength, name: null });
    expect(await bytesOf(result)).toEqual(jpeg);
    expect(fake.calls.map((c) => [c.method, c.url.pathname, c.headers.get("Authorization")])).toEqual([
      ["GET", expect.stringMatching(/\/65463453$/), `Bearer ${ACCESS_TOKEN}`],
      ["GET", "/media-download/65463453", `Bearer ${ACCESS_TOKEN}`],
    ]);
  });

  it("takes a voice note (audio/ogg with its codec) and keeps its type", async () => {
    fakeProvider(GRAPH)
      .on("GET", metaPath("1029384756102938"), [mediaUrlAnswer("voice", "audio/ogg; codecs=opus", 4)])
      .on("GET", DOWNLOAD, [new Response("OggS", { headers: { "Content-Length": "4" } })]);
    const result = await fetchMedia({ kind: "audio", ref: "1029384756102938" });
    expect(result).toMatchObject({ ok: true, contentType: "audio/ogg; codecs=opus", size: 4 });
  });

  it("takes a document of any type, up to 100 MB", async () => {
    fakeProvider(GRAPH)
      .on("GET", metaPath("5566"), [mediaUrlAnswer("zip", "application/zip", 99 * MB)])
      .on("GET", DOWNLOAD, [new Response("PK\u0003\u0004", { headers: { "Content-Length": "4" } })]);
    expect(await fetchMedia({ kind: "document", ref: "5566", name: "fotos.zip" })).toMatchObject({ ok: true, contentType: "application/zip" });
  });

  it("refuses an image over WhatsApp's 5 MB without downloading it", async () => {
    const fake = fakeProvider(GRAPH).on("GET", metaPath("big"), [mediaUrlAnswer("big", "image/png", 5 * MB + 1)]);
    expect(await fetchMedia({ kind: "image", ref: "big" })).toEqual({ ok: false, retry: false, reason: `the image is ${5 * MB + 1} bytes, over WhatsApp's ${5 * MB}` });
    expect(fake.callsTo("GET", DOWNLOAD)).toHaveLength(0);
  });

  it("refuses a download whose Content-Length is over the kind's limit", async () => {
    fakeProvider(GRAPH)
      .on("GET", metaPath("vid"), [mediaUrlAnswer("vid", "video/mp4", 1000)])
      .on("GET", DOWNLOAD, [new Response("x", { headers: { "Content-Length": String(16 * MB + 1) } })]);
    expect(await fetchMedia({ kind: "video", ref: "vid" })).toEqual({ ok: false, retry: false, reason: `the video is ${16 * MB + 1} bytes, over WhatsApp's ${16 * MB}` });
  });

  it("errors the stream of a file that turns out longer than the kind allows", async () => {
    const chunk = new Uint8Array(100 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    fakeProvider(GRAPH)
      .on("GET", metaPath("stk"), [Response.json({ url: downloadUrl("stk"), mime_type: "image/webp", id: "stk" })])
      .on("GET", DOWNLOAD, [() => new Response(stream)]);
    const result = await fetchMedia({ kind: "sticker", ref: "stk" });
    expect(result).toMatchObject({ ok: true, size: null });
    await expect(bytesOf(result)).rejects.toThrow("file larger than 512000 bytes");
  });

  it("refuses a type WhatsApp does not list for the kind", async () => {
    const fake = fakeProvider(GRAPH).on("GET", metaPath("gif"), [mediaUrlAnswer("gif", "image/gif", 100)]);
    expect(await fetchMedia({ kind: "image", ref: "gif" })).toEqual({ ok: false, retry: false, reason: "type image/gif is not one WhatsApp supports for image messages" });
    expect(fake.callsTo("GET", DOWNLOAD)).toHaveLength(0);
  });

  it("asks for a redelivery when WhatsApp is down or throttling", async () => {
    fakeProvider(GRAPH).on("GET", metaPath("m1"), [graphError(500, 131000, "Something went wrong")]);
    expect(await fetchMedia({ kind: "image", ref: "m1" })).toEqual({ ok: false, retry: true, reason: "media URL: Something went wrong" });
    fakeProvider(GRAPH)
      .on("GET", metaPath("m2"), [mediaUrlAnswer("m2", "image/png", 10)])
      .on("GET", DOWNLOAD, [new Response("slow down", { status: 429 })]);
    expect(await fetchMedia({ kind: "image", ref: "m2" })).toEqual({ ok: false, retry: true, reason: "media download: HTTP 429" });
  });

  it("asks for a redelivery after a network error", async () => {
    fakeProvider(GRAPH).on("GET", metaPath("m3"), [networkFailure()]);
    expect(await fetchMedia({ kind: "image", ref: "m3" })).toMatchObject({ ok: false, retry: true, reason: expect.stringMatching(/^media URL: network error: /) });
  });

  it("gives up on a file that is gone (expired media id)", async () => {
    fakeProvider(GRAPH).on("GET", metaPath("old"), [graphError(404, 100, "Unsupported get request. Object with ID 'old' does not exist")]);
    expect(await fetchMedia({ kind: "document", ref: "old" })).toEqual({ ok: false, retry: false, reason: "media URL: Unsupported get request. Object with ID 'old' does not exist" });
  });

  it("never sends the token to a download URL that is not https", async () => {
    const fake = fakeProvider(GRAPH).on("GET", metaPath("evil"), [Response.json({ url: "http://attacker.example/steal", mime_type: "image/png", id: "evil" })]);
    expect(await fetchMedia({ kind: "image", ref: "evil" })).toEqual({ ok: false, retry: false, reason: "media URL: not https" });
    expect(fake.calls).toHaveLength(1);
  });
});
