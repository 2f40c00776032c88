/**
 * Inbound media into R2 (worker/channels/inbound-media.ts), with an adapter whose
 * `fetchMedia` answers as a provider would. What is checked is what the console later
 * serves: the bytes, the stored type (never an "image" that is not one), a safe name, and
 * which failures make the provider redeliver (retry) and which leave a note instead.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MediaUnavailable, storeInboundMedia } from "../../../worker/channels/inbound-media";
import type { FetchedMedia, ProviderAdapter, ProviderContext, RemoteMedia } from "../../../worker/channels/types";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function adapterAnswering(answer: FetchedMedia | (() => never)): ProviderAdapter {
  return { fetchMedia: async () => (typeof answer === "function" ? answer() : answer) } as unknown as ProviderAdapter;
}

const ctx = { files: env.FILES } as unknown as ProviderContext;
const image: RemoteMedia = { kind: "image", ref: "m1" };

async function stored(id: string) {
  const object = await env.FILES.get(`files/${id}`);
  expect(object).not.toBeNull();
  return { bytes: new Uint8Array(await object!.arrayBuffer()), type: object!.httpMetadata?.contentType, meta: object!.customMetadata };
}

describe("storeInboundMedia", () => {
  it("keeps a PNG's bytes, type and the conversation; a made-up name follows the type", async () => {
    const adapter = adapterAnswering({ ok: true, body: PNG.slice().buffer, contentType: "image/png", size: PNG.byteLength, name: null });
    const attachment = await storeInboundMedia(adapter, ctx, "conv-1", image);
    expect(attachment).toMatchObject({ name: "image.png", contentType: "image/png", size: PNG.byteLength });
    const file = await stored(attachment.id);
    expect(file.bytes).toEqual(PNG);
    expect(file.type).toBe("image/png");
    expect(file.meta).toMatchObject({ conversationId: "conv-1", name: "image.png" });
  });

  it("stores a file that claims to be an image but is not one as an opaque download", async () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const adapter = adapterAnswering({ ok: true, body: html.slice().buffer, contentType: "image/jpeg", size: html.byteLength, name: "x.jpg" });
    const attachment = await storeInboundMedia(adapter, ctx, "conv-1", image);
    expect(attachment.contentType).toBe("application/octet-stream");
    expect((await stored(attachment.id)).type).toBe("application/octet-stream");
  });

  it("streams a document of known length through unchanged, with a cleaned name", async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    const body = new Blob([bytes]).stream();
    const adapter = adapterAnswering({ ok: true, body, contentType: "application/pdf; charset=binary", size: bytes.byteLength, name: '../../etc/"passwd".pdf' });
    const attachment = await storeInboundMedia(adapter, ctx, "conv-2", { kind: "document", ref: "d1" });
    expect(attachment.contentType).toBe("application/pdf");
    expect(attachment.name).not.toMatch(/[\\/"]/);
    expect((await stored(attachment.id)).bytes).toEqual(bytes);
  });

  it("takes a garbled content type as octet-stream", async () => {
    const adapter = adapterAnswering({ ok: true, body: new Uint8Array([1, 2]).buffer, contentType: "text/html<script>", size: 2, name: "a.bin" });
    expect((await storeInboundMedia(adapter, ctx, "conv-1", { kind: "file", ref: "f" })).contentType).toBe("application/octet-stream");
  });

  it("refuses for good a file the provider says is over our limit, and asks for a redelivery when the provider is down or throws", async () => {
    const tooBig = adapterAnswering({ ok: true, body: new Uint8Array(1).buffer, contentType: "video/mp4", size: 200 * 1024 * 1024, name: null });
    await expect(storeInboundMedia(tooBig, ctx, "c", { kind: "video", ref: "v" })).rejects.toMatchObject({ retry: false });

    const down = adapterAnswering({ ok: false, retry: true, reason: "provider 503" });
    const err = await storeInboundMedia(down, ctx, "c", image).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaUnavailable);
    expect(err).toMatchObject({ retry: true, message: "provider 503" });

    const gone = adapterAnswering({ ok: false, retry: false, reason: "media expired" });
    await expect(storeInboundMedia(gone, ctx, "c", image)).rejects.toMatchObject({ retry: false });

    const throws = adapterAnswering(() => {
      throw new TypeError("network down");
    });
    await expect(storeInboundMedia(throws, ctx, "c", image)).rejects.toMatchObject({ retry: true });
  });

  it("refuses a file of unknown length that outgrows the buffer cap, without storing it", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        controller.enqueue(chunk);
        if (sent > 40) controller.close();
      },
    });
    const before = (await env.FILES.list({ prefix: "files/" })).objects.length;
    const adapter = adapterAnswering({ ok: true, body: endless, contentType: "application/zip", size: null, name: "big.zip" });
    await expect(storeInboundMedia(adapter, ctx, "c", { kind: "file", ref: "z" })).rejects.toMatchObject({ retry: false });
    expect((await env.FILES.list({ prefix: "files/" })).objects.length).toBe(before);
  });

  it("stores media that came with the message (inline bytes) without asking any adapter", async () => {
    const attachment = await storeInboundMedia(null, { files: env.FILES }, "conv-2", { kind: "document", ref: "a.pdf", inline: { body: new TextEncoder().encode("%PDF-1.4").buffer as ArrayBuffer, contentType: "application/pdf", name: "a.pdf" } });
    expect(attachment).toMatchObject({ name: "a.pdf", contentType: "application/pdf", size: 8 });
    expect((await stored(attachment.id)).meta).toMatchObject({ conversationId: "conv-2", name: "a.pdf" });
  });
});
