/**
 * Twilio sends, asserted at the fetch boundary (the stand-in REST API of
 * provider-fake.ts): the Messages API form of each kind of reply, signed links for files,
 * and how Twilio's answers become SendResults; the account check of "Test connection".
 */
import { describe, expect, it } from "vitest";
import { twilioAdapter } from "../../../worker/channels/twilio/adapter";
import { splitBody } from "../../../worker/channels/twilio/outbound-plan";
import { fakeProvider, networkFailure } from "../provider-fake";
import { storedFile } from "./whatsapp-kit";
import { ACCOUNT, ACCOUNT_SID, AUTH_TOKEN, createdAnswer, CUSTOMER, MESSAGES, outbound, OUR_NUMBER, TWILIO, twilioContext, twilioError } from "./twilio-kit";
import { ORIGIN } from "../http-client";
import type { SmsSettings } from "../../../worker/protocol";

const twilio = () => fakeProvider(TWILIO);
const send = (message = outbound(), settings: Partial<SmsSettings> = {}, fileLink?: (id: string, ttl: number) => Promise<string>) => twilioAdapter.send(message, twilioContext(settings, fileLink));
const formOf = (body: string) => [...new URLSearchParams(body)];
const BASIC = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${ACCOUNT_SID}:${AUTH_TOKEN}`)))}`;

describe("Twilio send: the Messages API form", () => {
  it("sends an SMS from the inbox's number with basic auth and the status callback, and answers the SID", async () => {
    const fake = twilio().on("POST", MESSAGES, [createdAnswer("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]);
    expect(await send(outbound({ body: "Olá, João! Ação concluída ✅ 👍🏽" }))).toEqual({ outcome: "sent", providerMessageId: "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" });
    const [call] = fake.callsTo("POST", MESSAGES);
    expect(call!.headers.get("Authorization")).toBe(BASIC);
    expect(call!.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(formOf(call!.body)).toEqual([
      ["To", CUSTOMER],
      ["From", OUR_NUMBER],
      ["Body", "Olá, João! Ação concluída ✅ 👍🏽"],
      ["StatusCallback", `${ORIGIN}/webhooks/twilio/inbox-tw-1/status`],
    ]);
  });

  it("sends through a Messaging Service instead of a number", async () => {
    const fake = twilio().on("POST", MESSAGES, [createdAnswer("SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]);
    await send(outbound(), { from: "", messagingServiceSid: "MG0123456789abcdef0123456789abcdef" });
    const form = new URLSearchParams(fake.calls[0]!.body);
    expect(form.get("MessagingServiceSid")).toBe("MG0123456789abcdef0123456789abcdef");
    expect(form.has("From")).toBe(false);
  });

  it("WhatsApp through Twilio: whatsapp: addresses on both ends", async () => {
    const fake = twilio().on("POST", MESSAGES, [createdAnswer("SMcccccccccccccccccccccccccccccccc")]);
    await send(outbound({ recipient: "whatsapp:+5511987654321" }), { medium: "whatsapp" });
    const form = new URLSearchParams(fake.calls[0]!.body);
    expect(form.get("To")).toBe("whatsapp:+5511987654321");
    expect(form.get("From")).toBe(`whatsapp:${OUR_NUMBER}`);
  });

  it("prefers the inbox's publicBaseUrl for the status callback, and leaves it out with no origin at all", async () => {
    const fake = twilio().on("POST", MESSAGES, [createdAnswer("SMdddddddddddddddddddddddddddddddd"), createdAnswer("SMeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee")]);
    await send(outbound(), { publicBaseUrl: "https://suporte.example.com.br" });
    await send(outbound(), { callbackOrigin: "" });
    expect(new URLSearchParams(fake.calls[0]!.body).get("StatusCallback")).toBe("https://suporte.example.com.br/webhooks/twilio/inbox-tw-1/status");
    expect(new URLSearchParams(fake.calls[1]!.body).has("StatusCallback")).toBe(false);
  });

  it("one message up to 1,600 characters (Twilio segments it); longer ones in parts, receipts on the first", async () => {
    const fake = twilio().on("POST", MESSAGES, [createdAnswer("SM11110000000000000000000000000001"), createdAnswer("SM11110000000000000000000000000002")]);
    const exact = "á".repeat(1600);
    expect(await send(outbound({ body: exact }))).toMatchObject({ outcome: "sent" });
    expect(new URLSearchParams(fake.calls[0]!.body).get("Body")).toBe(exact);
    fake.calls.length = 0;
    twilio().on("POST", MESSAGES, [createdAnswer("SM22220000000000000000000000000001"), createdAnswer("SM22220000000000000000000000000002")]);
    const long = `${"palavra ".repeat(250)}fim`;
    expect(await send(outbound({ body: long }))).toEqual({ outcome: "sent", providerMessageId: "SM22220000000000000000000000000001" });
  });

  it("splits at spaces, never past 1,600 UTF-16 units, never inside an emoji", () => {
    const parts = splitBody(`${"😀".repeat(900)}`);
    expect(parts.every((p) => p.length <= 1600)).toBe(true);
    expect(parts.join("")).toBe("😀".repeat(900));
    expect(splitBody(`${"a".repeat(1000)} ${"b".repeat(1000)}`)).toEqual(["a".repeat(1000), "b".repeat(1000)]);
  });

  it("files go as signed MediaUrl links at the inbox's public origin, on the first part", async () => {
    const fake = twilio().on("POST", MESSAGES, [createdAnswer("SMffffffffffffffffffffffffffffffff")]);
    const png = await storedFile("recibo.png", "image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2]));
    const pdf = await storedFile("nota.pdf", "application/pdf", "%PDF-1.4");
    const ttls: number[] = [];
    const link = async (id: string, ttl: number) => {
      ttls.push(ttl);
      return `/api/v1/widget/files/${id}?exp=1&sig=s`;
    };
    await send(outbound({ body: "Segue o recibo", attachments: [png, pdf] }), {}, link);
    const form = new URLSearchParams(fake.calls[0]!.body);
    expect(form.getAll("MediaUrl")).toEqual([`${ORIGIN}/api/v1/widget/files/${png.id}?exp=1&sig=s`, `${ORIGIN}/api/v1/widget/files/${pdf.id}?exp=1&sig=s`]);
    expect(form.get("Body")).toBe("Segue o recibo");
    expect(ttls).toEqual([3_600_000, 3_600_000]);
  });

  it("without a public origin, the files' names go as text, saying they were not sent", async () => {
    const fake = twilio().on("POST", MESSAGES, [createdAnswer("SM99999999999999999999999999999999")]);
    const pdf = await storedFile("nota.pdf", "application/pdf", "%PDF-1.4");
    await send(outbound({ body: "Segue a nota", attachments: [pdf] }), { callbackOrigin: "" }, async (id) => `/x/${id}`);
    const form = new URLSearchParams(fake.calls[0]!.body);
    expect(form.has("MediaUrl")).toBe(false);
    expect(form.get("Body")).toBe("Segue a nota\n[Files not sent: nota.pdf]");
  });

  it("refuses more than 10 files or more than 5 MB before calling Twilio", async () => {
    const fake = twilio();
    const file = { id: "f", name: "a.png", contentType: "image/png", size: 10 };
    expect(await send(outbound({ attachments: Array.from({ length: 11 }, (_, i) => ({ ...file, id: `f${i}` })) }))).toMatchObject({ outcome: "failed", reason: expect.stringContaining("at most 10 files") });
    expect(await send(outbound({ attachments: [{ ...file, size: 5 * 1024 * 1024 + 1 }] }))).toMatchObject({ outcome: "failed", reason: expect.stringContaining("5 MB") });
    expect(fake.calls).toHaveLength(0);
  });
});

describe("Twilio send: answers", () => {
  it("500 and 429 are retried (after Retry-After), a network error too", async () => {
    twilio().on("POST", MESSAGES, [twilioError(500, 20500, "Internal Server Error"), twilioError(429, 20429, "Too Many Requests", { "Retry-After": "7" }), networkFailure()]);
    expect(await send()).toEqual({ outcome: "retry", reason: "Twilio error 20500: Internal Server Error", retryAfterMs: null });
    expect(await send()).toEqual({ outcome: "retry", reason: "Twilio error 20429: Too Many Requests", retryAfterMs: 7000 });
    expect(await send()).toMatchObject({ outcome: "retry", reason: expect.stringContaining("network error") });
  });

  it("a 4xx fails for good with Twilio's code and message", async () => {
    twilio().on("POST", MESSAGES, [twilioError(400, 21211, "The 'To' number +55 is not a valid phone number.")]);
    expect(await send()).toEqual({ outcome: "failed", reason: "Twilio error 21211: The 'To' number +55 is not a valid phone number." });
  });

  it("21610 (the recipient unsubscribed) fails, saying so", async () => {
    twilio().on("POST", MESSAGES, [twilioError(400, 21610, "Attempt to send to unsubscribed recipient")]);
    expect(await send()).toEqual({ outcome: "failed", reason: "the customer has opted out of messages from this number (Twilio error 21610: Attempt to send to unsubscribed recipient)" });
  });

  it("a 2xx without a SID fails rather than risk a repeat", async () => {
    twilio().on("POST", MESSAGES, [Response.json({ status: "queued" }, { status: 201 })]);
    expect(await send()).toMatchObject({ outcome: "failed" });
  });

  it("a later part failing after the first went out is final, naming the parts", async () => {
    twilio().on("POST", MESSAGES, [createdAnswer("SM12120000000000000000000000000001"), twilioError(503, 20503, "Service Unavailable")]);
    expect(await send(outbound({ body: `${"x".repeat(1600)} y` }))).toEqual({ outcome: "failed", reason: "1 of 2 parts went out; then: Twilio error 20503: Service Unavailable" });
  });

  it("never puts the auth token in a reason", async () => {
    twilio().on("POST", MESSAGES, [twilioError(401, 20003, `Authenticate ${AUTH_TOKEN}`)]);
    const result = await send();
    expect(JSON.stringify(result)).not.toContain(AUTH_TOKEN);
  });
});

describe("Twilio account check", () => {
  it("test connection shows the account's name and status", async () => {
    const fake = twilio().on("GET", ACCOUNT, [Response.json({ sid: ACCOUNT_SID, friendly_name: "Loja da Maria", status: "active" })]);
    expect(await twilioAdapter.testConnection(twilioContext())).toEqual({ ok: true, status: 200, detail: "Loja da Maria (active)" });
    expect(fake.calls[0]!.headers.get("Authorization")).toBe(BASIC);
  });

  it("a suspended account or refused credentials are not ok", async () => {
    twilio().on("GET", ACCOUNT, [Response.json({ friendly_name: "Loja", status: "suspended" }), twilioError(401, 20003, "Authentication Error - invalid username")]);
    expect(await twilioAdapter.testConnection(twilioContext())).toMatchObject({ ok: false, detail: "Loja (suspended)" });
    expect(await twilioAdapter.testConnection(twilioContext())).toEqual({ ok: false, status: 401, detail: "Twilio error 20003: Authentication Error - invalid username" });
  });

  it("connect checks the account and remembers the origin the inbox was saved from", async () => {
    twilio().on("GET", ACCOUNT, [Response.json({ friendly_name: "Loja", status: "active" })]);
    expect(await twilioAdapter.connect!(twilioContext(), "https://sb.example.com/webhooks/twilio/abc")).toMatchObject({ ok: true, settings: { callbackOrigin: "https://sb.example.com" } });
  });
});
