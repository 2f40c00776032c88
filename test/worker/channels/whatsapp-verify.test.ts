/**
 * The WhatsApp adapter's webhook checks: X-Hub-Signature-256 over the raw bytes with the
 * inbox's app secret, and Meta's subscription handshake with its verify token.
 */
import { describe, expect, it } from "vitest";
import { metaSignatureOf } from "../../../worker/channels/meta/signature";
import { whatsappAdapter } from "../../../worker/channels/whatsapp/adapter";
import { WA } from "./whatsapp-fixtures";
import { APP_SECRET, VERIFY_TOKEN, whatsappConfig } from "./whatsapp-kit";

const URL_ = new URL("https://switchboard.test/webhooks/whatsapp/inbox-wa-1");
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

async function signed(body: string, secret = APP_SECRET): Promise<Headers> {
  return new Headers({ "X-Hub-Signature-256": `sha256=${await metaSignatureOf(new TextEncoder().encode(body), secret)}` });
}

const verify = (body: string, headers: Headers) => whatsappAdapter.verify(bytes(body), headers, URL_, whatsappConfig());

describe("WhatsApp verify", () => {
  it("accepts the app secret's signature of the exact bytes, escaped unicode and all", async () => {
    expect(await verify(WA.textUnicodeEscaped, await signed(WA.textUnicodeEscaped))).toBe(true);
  });

  it("refuses the same body re-serialized (its bytes differ, so must the signature)", async () => {
    const reserialized = JSON.stringify(JSON.parse(WA.textUnicodeEscaped));
    expect(reserialized).not.toBe(WA.textUnicodeEscaped);
    expect(await verify(reserialized, await signed(WA.textUnicodeEscaped))).toBe(false);
  });

  it("refuses a signature made with another secret", async () => {
    expect(await verify(WA.pywaText, await signed(WA.pywaText, "someone else's secret"))).toBe(false);
  });

  it("refuses a delivery without a signature", async () => {
    expect(await verify(WA.pywaText, new Headers())).toBe(false);
  });

  it("refuses the signature of another body", async () => {
    expect(await verify(WA.pywaText, await signed(WA.pywaImage))).toBe(false);
  });

  it("refuses a malformed or SHA-1 signature header", async () => {
    const good = (await signed(WA.pywaText)).get("X-Hub-Signature-256")!;
    expect(await verify(WA.pywaText, new Headers({ "X-Hub-Signature-256": good.slice(0, -2) }))).toBe(false);
    expect(await verify(WA.pywaText, new Headers({ "X-Hub-Signature-256": good.replace("sha256=", "") }))).toBe(false);
    expect(await verify(WA.pywaText, new Headers({ "X-Hub-Signature": `sha1=${"0".repeat(40)}` }))).toBe(false);
  });
});

describe("WhatsApp handshake", () => {
  const handshake = (params: Record<string, string>) => {
    const url = new URL(URL_);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return whatsappAdapter.handshake!(url, whatsappConfig());
  };

  it("answers the challenge as text for the right verify token", async () => {
    const res = handshake({ "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/plain");
    expect(await res.text()).toBe("1158201444");
  });

  it("answers 403 for a wrong token, a missing mode or a missing challenge", async () => {
    const cases: Array<Record<string, string>> = [
      { "hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1" },
      { "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1" },
      { "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN },
    ];
    for (const params of cases) {
      const res = handshake(params);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "forbidden", message: "Wrong verify token." } });
    }
  });
});

describe("WhatsApp service window", () => {
  it("is 24 hours after the customer's last message, templates at any time", () => {
    expect(whatsappAdapter.serviceWindow!(whatsappConfig().settings)).toEqual({ replyMs: 24 * 60 * 60 * 1000, templates: true });
  });
});
