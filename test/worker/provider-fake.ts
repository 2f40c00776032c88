/**
 * A stand-in for providers' APIs at the fetch boundary (the only thing tests fake). The
 * Worker's provider base URLs point at made-up origins in the test environment
 * (vitest.config.ts: WHATSAPP_API_URL, META_API_URL); `fakeProvider(origin)` answers
 * every fetch to that origin with the responses a test scripts, records each call, and
 * lets every other fetch through. Durable Objects of the Worker under test run in the
 * test's isolate, so a send from a ConversationRoom's delivery queue lands here too.
 */
import { afterEach, vi } from "vitest";

export interface ProviderCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** The body's exact bytes (a multipart upload is binary; `body` is its UTF-8 reading). */
  raw: ArrayBuffer;
}

export type ProviderAnswer = Response | ((call: ProviderCall) => Response | Promise<Response>);

interface Fake {
  origin: string;
  calls: ProviderCall[];
  routes: Array<{ method: string; path: RegExp; answers: ProviderAnswer[]; fallback: ProviderAnswer | null }>;
}

const fakes = new Map<string, Fake>();
const realFetch = globalThis.fetch;
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const fake = fakes.get(url.origin);
    if (!fake) return realFetch(request);
    const raw = await request.arrayBuffer();
    const call: ProviderCall = { method: request.method, url, headers: request.headers, body: new TextDecoder().decode(raw), raw };
    fake.calls.push(call);
    const route = fake.routes.find((r) => r.method === call.method && r.path.test(url.pathname));
    if (!route) return Response.json({ error: { message: `no fake for ${call.method} ${url.pathname}` } }, { status: 404 });
    const answer = route.answers.shift() ?? route.fallback;
    if (!answer) return Response.json({ error: { message: "fake has no answer left" } }, { status: 500 });
    const answered = Promise.resolve(typeof answer === "function" ? answer(call) : answer.clone());
    // As a real fetch: an aborted request (the caller's timeout) rejects with the signal's
    // reason at once, whatever the provider does later with its answer.
    return abortable(answered, request.signal);
  });
}

/** `answer`, or a rejection with `signal`'s reason as soon as it aborts; an abort after
 * the answer came errors the reading of its body, as a real fetch's does. */
function abortable(answer: Promise<Response>, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const aborted = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
  aborted.catch(() => {});
  return Promise.race([answer, aborted]).then((res) => {
    if (!res.body) return res;
    const reader = res.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await Promise.race([reader.read(), aborted]);
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (err) {
          controller.error(err);
          reader.cancel(err).catch(() => {});
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  });
}

afterEach(() => fakes.clear());

/** A fake for the provider API at `baseUrl` (only its origin matters). */
export function fakeProvider(baseUrl: string) {
  install();
  const origin = new URL(baseUrl).origin;
  const fake: Fake = { origin, calls: [], routes: [] };
  fakes.set(origin, fake);
  return {
    calls: fake.calls,
    /** Answers `method` on paths matching `path`: each answer once, in order, then
     * `always` (if given) for every further call. */
    on(method: string, path: RegExp, answers: ProviderAnswer[], always: ProviderAnswer | null = null) {
      fake.routes.push({ method, path, answers: answers.map(portable), fallback: always && portable(always) });
      return this;
    },
    /** The calls to `method` on paths matching `path`. */
    callsTo(method: string, path: RegExp): ProviderCall[] {
      return fake.calls.filter((c) => c.method === method && path.test(c.url.pathname));
    },
  };
}

/** A scripted Response as a factory that builds a fresh one per call. A Response made in
 * the test's context cannot be read from a Durable Object's (workerd: "Cannot perform I/O
 * on behalf of a different Durable Object"), and a room's delivery queue calls the
 * provider from its own; so the body is read here, in the test's context, and each call
 * gets a new Response built where it is answered. */
function portable(answer: ProviderAnswer): ProviderAnswer {
  if (typeof answer === "function") return answer;
  // As bytes, not text: a media download's body is binary, and reading it as UTF-8 would
  // turn every invalid byte into U+FFFD (a 10-byte JPEG came back as 18 bytes of junk).
  const body = answer.clone().arrayBuffer();
  const init = { status: answer.status, statusText: answer.statusText, headers: [...answer.headers] };
  return async () => new Response(await body, init);
}

/** A provider that does not answer until the test lets it: every call routed to
 * `answer` hangs until `release(response)`, then gets that response. */
export function heldAnswer() {
  let open!: (answer: { body: ArrayBuffer; init: ResponseInit }) => void;
  const gate = new Promise<{ body: ArrayBuffer; init: ResponseInit }>((resolve) => (open = resolve));
  const answer: ProviderAnswer = async () => {
    const { body, init } = await gate;
    return new Response(body, init);
  };
  /** The body is read here, in the test's context (see `portable`). */
  const release = async (res: Response) => open({ body: await res.arrayBuffer(), init: { status: res.status, headers: [...res.headers] } });
  return { answer, release };
}

/** A network failure, as fetch reports it (a timeout or a reset connection). */
export function networkFailure(): ProviderAnswer {
  return () => {
    throw new TypeError("fetch failed: network error");
  };
}
