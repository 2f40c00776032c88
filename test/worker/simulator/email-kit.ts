/**
 * What the e-mail simulator tests share: a fetch spy that stands where wrangler dev's
 * `/cdn-cgi/handler/email` is (keeping what was posted, answering as wrangler 4.164 does:
 * 200 "Worker successfully processed email", or 400 with the reason the handler gave to
 * `setReject`), and hands every other fetch to the dev origin to the app with the
 * simulator on (as simulator-kit.ts's loopback does). `toWorkerEmail` plays the rest of
 * wrangler's part: the message handed to the Worker's own email() export.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import PostalMime from "postal-mime";
import { vi } from "vitest";
import { app } from "../../../worker/app";
import worker from "../../../worker/index";
import { LOCAL, simEnv } from "./simulator-kit";

export interface PostedMail {
  from: string;
  to: string;
  raw: string;
}

type MailAnswer = (mail: PostedMail) => Response | Promise<Response>;

export const PROCESSED = "Worker successfully processed email";

/** Installs the spy; `answer` plays the email handler (default: processed). */
export function mailServer(answer: MailAnswer = () => new Response(PROCESSED)) {
  const posted: PostedMail[] = [];
  const real = globalThis.fetch;
  vi.restoreAllMocks();
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== LOCAL) return real(request);
    if (url.pathname === "/cdn-cgi/handler/email" && request.method === "POST") {
      const mail = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "", raw: await request.text() };
      posted.push(mail);
      return answer(mail);
    }
    const ctx = createExecutionContext();
    const res = await app.fetch(request, simEnv, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  });
  return { posted };
}

/** The Worker's email() export, when the e-mail-in part has landed (undefined before). */
export const workerEmail = (worker as { email?: EmailExportedHandler<unknown> }).email;

/** Hands the posted mail to the Worker's email() as wrangler dev does: the envelope, the
 * raw bytes as a stream, the parsed headers, and setReject's reason kept for the answer. */
export async function toWorkerEmail(mail: PostedMail): Promise<Response> {
  if (!workerEmail) return new Response("Worker does not export an email() handler; message stored without delivery.", { status: 500 });
  const bytes = new TextEncoder().encode(mail.raw);
  const parsed = await PostalMime.parse(bytes);
  let rejected: string | null = null;
  const message = {
    from: mail.from,
    to: mail.to,
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    headers: new Headers(parsed.headers.map((h) => [h.key, h.value] as [string, string])),
    setReject: (reason: string) => {
      rejected = reason;
    },
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  } as unknown as ForwardableEmailMessage;
  const ctx = createExecutionContext();
  await workerEmail(message, simEnv, ctx);
  await waitOnExecutionContext(ctx);
  return rejected === null ? new Response(PROCESSED) : new Response(`Worker rejected email with the following reason: ${rejected}`, { status: 400 });
}
