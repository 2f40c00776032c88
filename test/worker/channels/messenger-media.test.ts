/**
 * Downloading a Messenger or Instagram customer's file from Meta's CDN (a stand-in at
 * the fetch boundary): no token sent, the 25 MB limit with or without Content-Length, the
 * content type checked per kind, and which failures are worth Meta's redelivery.
 */
import { describe, expect, it } from "vitest";
import { instagramAdapter } from "../../../worker/channels/instagram/adapter";
import { messengerAdapter } from "../../../worker/channels/messenger/adapter";
import type { FetchedMedia, RemoteMedia } from "../../../worker/channels/types";
import { fakeProvider, networkFailure } from "../provider-fake";
import { instagramContext, messengerContext } from "./meta-kit";

const CDN = "https://scontent.xx.fbcdn.net";
const IMAGE_PATH = /^\/v\/t34\.0-12\/photo_n\.jpg$/;
const image: RemoteMedia = { kind: "image", ref: `${CDN}/v/t34.0-12/photo_n.jpg?oh=abc&oe=5AB85055` };

const MB = 1024 * 1024;
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);

const fetchMedia = (media: RemoteMedia) => messengerAdapter.fetchMedia(media, messengerContext());

async function bytesOf(result: FetchedMedia): Promise<Uint8Array> {
  if (!result.ok) throw new Error(result.reason);
  return new Uint8Array(result.body instanceof ArrayBuffer ? result.body : await new Response(result.body).arrayBuffer());
}

/** A body of `total` bytes in 1 MB chunks, with no length announced. */
function unannounced(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(MB, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n));
    },
  });
}

describe("Meta fetchMedia", () => {
  it("downloads the CDN URL as is, without the page token, with its type, size and name", async () => {
    const cdn = fakeProvider(CDN).on("GET", IMAGE_PATH, [new Response(JPEG, { headers: { "Content-Type": "image/jpeg", "Content-Length": String(JPEG.byteLength) } })]);
    const result = await fetchMedia(image);
    expect(result).toMatchObject({ ok: true, contentType: "image/jpeg", size: 8, name: "photo_n.jpg" });
    expect(await bytesOf(result)).toEqual(JPEG);
    const [call] = cdn.calls;
    expect(call!.url.search).toBe("?oh=abc&oe=5AB85055");
    expect(call!.headers.get("Authorization")).toBeNull();
  });

  it("takes any type for a file, named from the CDN path (Meta keeps the original name there)", async () => {
    fakeProvider("https://cdn.fbsbx.com").on("GET", /\.pdf$/, [new Response("%PDF-1.7", { headers: { "Content-Type": "application/pdf" } })]);
    const result = await fetchMedia({ kind: "file", ref: "https://cdn.fbsbx.com/v/t59.2708-21/12345_n.pdf/Or%C3%A7amento-2026.pdf?oh=3" });
    expect(result).toMatchObject({ ok: true, contentType: "application/pdf", size: 8, name: "Orçamento-2026.pdf" });
  });

  it("takes a voice clip the CDN labels video/mp4 as audio (Instagram too)", async () => {
    fakeProvider(CDN).on("GET", /clip\.mp4$/, [], new Response(new Uint8Array(4), { headers: { "Content-Type": "video/mp4" } }));
    expect(await fetchMedia({ kind: "audio", ref: `${CDN}/clip.mp4` })).toMatchObject({ ok: true, contentType: "video/mp4" });
    expect(await instagramAdapter.fetchMedia({ kind: "audio", ref: `${CDN}/clip.mp4` }, instagramContext())).toMatchObject({ ok: true });
  });

  it("refuses a type that does not fit the kind the webhook named, for good", async () => {
    fakeProvider(CDN).on("GET", IMAGE_PATH, [new Response("<script>alert(1)</script>", { headers: { "Content-Type": "text/html; charset=utf-8" } })]);
    expect(await fetchMedia(image)).toEqual({ ok: false, retry: false, reason: "the image came as text/html" });
  });

  it("refuses a file announced over 25 MB without reading it", async () => {
    fakeProvider(CDN).on("GET", IMAGE_PATH, [new Response(unannounced(MB), { headers: { "Content-Type": "image/jpeg", "Content-Length": String(25 * MB + 1) } })]);
    expect(await fetchMedia(image)).toEqual({ ok: false, retry: false, reason: `the file is larger than ${25 * MB} bytes` });
  });

  it("counts a file of unknown length and refuses it past 25 MB; takes it at exactly 25 MB", async () => {
    const video: RemoteMedia = { kind: "video", ref: `${CDN}/clip.mp4` };
    fakeProvider(CDN).on("GET", /clip\.mp4$/, [
      () => new Response(unannounced(25 * MB + 1), { headers: { "Content-Type": "video/mp4" } }),
      () => new Response(unannounced(25 * MB), { headers: { "Content-Type": "video/mp4" } }),
    ]);
    expect(await fetchMedia(video)).toEqual({ ok: false, retry: false, reason: `the file is larger than ${25 * MB} bytes` });
    expect(await fetchMedia(video)).toMatchObject({ ok: true, size: 25 * MB });
  });

  it("retries throttling, outages and network errors; gives up on expired or missing files", async () => {
    fakeProvider(CDN).on("GET", IMAGE_PATH, [
      new Response("slow down", { status: 429 }),
      new Response("down", { status: 503 }),
      networkFailure(),
      new Response("URL signature expired", { status: 403 }),
      new Response("", { status: 404 }),
      new Response("", { status: 410 }),
    ]);
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      const result = await fetchMedia(image);
      outcomes.push(result.ok ? "ok" : result.retry);
    }
    expect(outcomes).toEqual([true, true, true, false, false, false]);
  });

  it("refuses a reference that is not an http(s) URL", async () => {
    expect(await fetchMedia({ kind: "image", ref: "file:///etc/passwd" })).toEqual({ ok: false, retry: false, reason: "the attachment URL is not http(s)" });
    expect(await fetchMedia({ kind: "image", ref: "not a url" })).toEqual({ ok: false, retry: false, reason: "the attachment has no valid URL" });
  });
});
