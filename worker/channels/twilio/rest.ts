/**
 * @module Calls to Twilio's REST API: basic auth with the Account SID and auth token,
 * form-encoded bodies (https://www.twilio.com/docs/usage/requests-to-twilio), and
 * Twilio's error answers (`{ code, message, more_info, status }`,
 * https://www.twilio.com/docs/usage/twilios-response) read into a short reason that never
 * carries a secret.
 */
import { z } from "zod";
import type { TwilioContext } from "./limits";

const ErrorAnswer = z.object({ code: z.number().int().nullable().optional(), message: z.string().optional() });

export function basicAuth(ctx: TwilioContext): string {
  const { accountSid, authToken } = ctx.config.credentials;
  const bytes = new TextEncoder().encode(`${accountSid}:${authToken}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** The account's resource path, `/2010-04-01/Accounts/{sid}`. */
export function accountPath(ctx: TwilioContext): string {
  return `${ctx.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(ctx.config.credentials.accountSid)}`;
}

export function twilioGet(ctx: TwilioContext, url: string): Promise<Response> {
  return ctx.fetch(url, { headers: { Authorization: basicAuth(ctx), Accept: "application/json" } });
}

export function twilioPostForm(ctx: TwilioContext, url: string, form: URLSearchParams): Promise<Response> {
  return ctx.fetch(url, {
    method: "POST",
    headers: { Authorization: basicAuth(ctx), "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: form.toString(),
  });
}

export interface TwilioError {
  code: number | null;
  reason: string;
}

/** Twilio's code and words for a non-2xx answer (`Twilio error 21211: …`), secret-free:
 * the auth token is scrubbed should an answer ever echo it. */
export async function twilioErrorOf(res: Response, ctx: TwilioContext): Promise<TwilioError> {
  const parsed = ErrorAnswer.safeParse(await res.json().catch(() => null));
  const code = parsed.success ? (parsed.data.code ?? null) : null;
  const message = parsed.success && parsed.data.message ? parsed.data.message : `HTTP ${res.status}`;
  const reason = (code !== null ? `Twilio error ${code}: ${message}` : `Twilio answered ${res.status}: ${message}`)
    .replaceAll(ctx.config.credentials.authToken, "[redacted]")
    .slice(0, 500);
  return { code, reason };
}
