/**
 * @module A ZIP archive written as a stream (fflate's streaming `Zip`), so an export of a
 * long history with many files never sits whole in the Worker's memory: a Worker has
 * 128 MB (https://developers.cloudflare.com/workers/platform/limits/#memory), and what is
 * held at a time here is one page of events or one chunk of one file. Entries are written
 * one after another; each waits for the reader (`writer.ready`), so a slow download slows
 * the reads from R2 and the rooms instead of buffering them.
 */
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

export class StreamingZip {
  private readonly zip: Zip;
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private failure: Error | null = null;
  /** What the response streams. */
  readonly readable: ReadableStream<Uint8Array>;

  constructor() {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    this.readable = readable;
    this.writer = writable.getWriter();
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.failure = err;
        return;
      }
      void this.writer.write(chunk).catch(() => undefined);
      if (final) void this.writer.close().catch(() => undefined);
    });
  }

  /** Adds an entry compressed with DEFLATE from `chunks` (text, one piece at a time). */
  async addText(path: string, chunks: AsyncIterable<string>): Promise<void> {
    const entry = new ZipDeflate(path, { level: 6 });
    this.zip.add(entry);
    const encoder = new TextEncoder();
    for await (const chunk of chunks) {
      entry.push(encoder.encode(chunk));
      await this.ready();
    }
    entry.push(new Uint8Array(0), true);
  }

  /** Adds an entry stored as is (files are mostly compressed already: images, PDFs). */
  async addStream(path: string, body: ReadableStream<Uint8Array>): Promise<void> {
    const entry = new ZipPassThrough(path);
    this.zip.add(entry);
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      entry.push(value);
      await this.ready();
    }
    entry.push(new Uint8Array(0), true);
  }

  end(): void {
    this.zip.end();
  }

  /** Ends the download with an error (the client sees a broken archive, never a partial
   * one that looks whole). */
  abort(reason: unknown): void {
    void this.writer.abort(reason).catch(() => undefined);
  }

  private async ready(): Promise<void> {
    if (this.failure) throw this.failure;
    await this.writer.ready;
  }
}
