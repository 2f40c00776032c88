/**
 * A customer's file from Telegram: getFile with the file id, then the download from
 * `/file/bot<token>/<file_path>`; Telegram's 20 MB limit for bots enforced before any
 * download (by the message's size, by getFile's, or by the download's length), and
 * Telegram's failures told apart (retry when it is down, final when the file is gone).
 */
import { describe, expect, it } from "vitest";
import { telegramAdapter } from "../../../worker/channels/telegram/adapter";
import type { RemoteMedia } from "../../../worker/channels/types";
import { fakeProvider, networkFailure } from "../provider-fake";
import { BOT_API, BOT_TOKEN, botError, FILE_PATH, method, telegramContext } from "./telegram-kit";

const MB = 1024 * 1024;
const photo: RemoteMedia = { kind: "image", ref: "AgACAgQAAxkBAAINhGKvijUVSn2i3980bQ", contentType: "image/jpeg", name: null, size: 2077 };
const fetchMedia = (media: RemoteMedia = photo) => telegramAdapter.fetchMedia(media, telegramContext());
const fileAnswer = (path: string | undefined, size?: number) => Response.json({ ok: true, result: { file_id: photo.ref, file_unique_id: "u1", ...(size !== undefined ? { file_size: size } : {}), ...(path ? { file_path: path } : {}) } });

async function bytesOf(body: ReadableStream<Uint8Array> | ArrayBuffer): Promise<Uint8Array> {
  return new Uint8Array(body instanceof ArrayBuffer ? body : await new Response(body).arrayBuffer());
}

describe("fetchMedia", () => {
  it("getFile with the file id, then the bytes from the file path; the type by the message's kind", async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]);
    const fake = fakeProvider(BOT_API)
      .on("POST", method("getFile"), [fileAnswer("photos/file_12.jpg", jpeg.byteLength)])
      .on("GET", FILE_PATH, [new Response(jpeg, { headers: { "Content-Type": "application/octet-stream", "Content-Length": String(jpeg.byteLength) } })]);
    const fetched = await fetchMedia();
    expect(fetched).toMatchObject({ ok: true, contentType: "image/jpeg", size: 7 });
    if (!fetched.ok) return;
    expect(await bytesOf(fetched.body)).toEqual(jpeg);
    expect(JSON.parse(fake.calls[0]!.body)).toEqual({ file_id: photo.ref });
    expect(fake.calls[1]!.url.pathname).toBe(`/file/bot${BOT_TOKEN}/photos/file_12.jpg`);
  });

  it("a document without a MIME type: typed by its extension, named as sent", async () => {
    fakeProvider(BOT_API)
      .on("POST", method("getFile"), [fileAnswer("documents/file_3.pdf", 8)])
      .on("GET", FILE_PATH, [new Response("%PDF-1.4")]);
    const fetched = await fetchMedia({ kind: "document", ref: "BQAC-doc", contentType: null, name: "nota.pdf", size: 8 });
    expect(fetched).toMatchObject({ ok: true, contentType: "application/pdf", name: "nota.pdf" });
  });

  it("over 20 MB by the message's size: refused for good, nothing called", async () => {
    const fake = fakeProvider(BOT_API).on("POST", /.*/, [], fileAnswer("x.jpg"));
    expect(await fetchMedia({ ...photo, size: 20 * MB + 1 })).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining("20 MB") });
    expect(fake.calls).toHaveLength(0);
  });

  it("over 20 MB by getFile (no file_path given): refused for good, nothing downloaded", async () => {
    const fake = fakeProvider(BOT_API).on("POST", method("getFile"), [fileAnswer(undefined, 30 * MB)]);
    expect(await fetchMedia({ ...photo, size: null })).toMatchObject({ ok: false, retry: false });
    expect(fake.callsTo("GET", FILE_PATH)).toHaveLength(0);
  });

  it("a download longer than 20 MB by its length: refused for good", async () => {
    fakeProvider(BOT_API)
      .on("POST", method("getFile"), [fileAnswer("videos/big.mp4")])
      .on("GET", FILE_PATH, [new Response("x", { headers: { "Content-Length": String(21 * MB) } })]);
    expect(await fetchMedia({ kind: "video", ref: "BAAC", contentType: "video/mp4", name: null, size: null })).toMatchObject({ ok: false, retry: false });
  });

  it("getFile 400 (file gone): final; 500 or network: retry; the token in no reason", async () => {
    fakeProvider(BOT_API).on("POST", method("getFile"), [botError(400, "Bad Request: invalid file_id"), botError(500, "Internal Server Error"), networkFailure()]);
    expect(await fetchMedia()).toEqual({ ok: false, retry: false, reason: "getFile: Bad Request: invalid file_id" });
    expect(await fetchMedia()).toEqual({ ok: false, retry: true, reason: "getFile: Internal Server Error" });
    const network = await fetchMedia();
    expect(network).toMatchObject({ ok: false, retry: true });
    expect(JSON.stringify(network)).not.toContain(BOT_TOKEN);
  });

  it("a download answered 404: final; 503: retry", async () => {
    fakeProvider(BOT_API)
      .on("POST", method("getFile"), [], fileAnswer("photos/a.jpg"))
      .on("GET", FILE_PATH, [new Response("gone", { status: 404 }), new Response("down", { status: 503 })]);
    expect(await fetchMedia()).toEqual({ ok: false, retry: false, reason: "download: HTTP 404" });
    expect(await fetchMedia()).toEqual({ ok: false, retry: true, reason: "download: HTTP 503" });
  });
});
