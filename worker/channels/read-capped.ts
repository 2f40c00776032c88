/**
 * @module A provider's download read whole, but never past a cap: a body of unknown
 * length must not grow a Worker's memory (128 MB per isolate,
 * https://developers.cloudflare.com/workers/platform/limits/#memory) on a provider's word.
 */

/** `body` read whole, or null (the stream cancelled) once it passes `cap` bytes. */
export async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<ArrayBuffer | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out.buffer;
}

/** The bytes of `body` passed through, erroring once more than `max` have passed: a
 * provider's download streamed into R2 stops at our limit whatever it declared. */
export function capped(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(new Error(`file larger than ${max} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
}
