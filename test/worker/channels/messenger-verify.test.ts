/**
 * The Messenger and Instagram adapters' webhook checks (X-Hub-Signature-256 over the raw
 * bytes with the inbox's app secret; Meta's subscription handshake with its verify
 * token), their registry rows, and their messaging windows.
 */
import { describe, expect, it } from "vitest";
import { instagramAdapter } from "../../../worker/channels/instagram/adapter";
import { messengerAdapter } from "../../../worker/channels/messenger/adapter";
import { metaSignatureOf } from "../../../worker/channels/meta/signature";
import { providerAdapterFor } from "../../../worker/channels/registry";
import { instagramBodies, messengerBodies } from "./meta-fixtures";
import { APP_SECRET, instagramConfig, messengerConfig, VERIFY_TOKEN } from "./meta-kit";

const URL_ = new URL("https://switchboard.test/webhooks/meta/inbox-messenger-1");
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

async function signed(body: string, secret = APP_SECRET): Promise<Headers> {
  return new Headers({ "X-Hub-Signature-256": `sha256=${await metaSignatureOf(new TextEncoder().encode(body), secret)}` });
}

const adapters = [
  { name: "Messenger", verify: (b: string, h: Headers) => messengerAdapter.verify(bytes(b), h, URL_, messengerConfig()), body: messengerBodies.textEscapedUnicode, other: messengerBodies.vlixText },
  { name: "Instagram", verify: (b: string, h: Headers) => instagramAdapter.verify(bytes(b), h, URL_, instagramConfig()), body: instagramBodies.textEmoji, other: instagramBodies.image },
];

describe.each(adapters)("$name verify", ({ verify, body, other }) => {
  it("accepts the app secret's signature of the exact bytes", async () => {
    expect(await verify(body, await signed(body))).toBe(true);
  });

  it("refuses the same body re-serialized (its bytes differ, so must the signature)", async () => {
    const reserialized = JSON.stringify(JSON.parse(body));
    expect(reserialized).not.toBe(body);
    expect(await verify(reserialized, await signed(body))).toBe(false);
  });

  it("refuses another secret's signature, no signature, another body's signature", async () => {
    expect(await verify(body, await signed(body, "someone else's secret"))).toBe(false);
    expect(await verify(body, new Headers())).toBe(false);
    expect(await verify(body, await signed(other))).toBe(false);
  });

  it("refuses a truncated, unprefixed or SHA-1 signature header", async () => {
    const good = (await signed(body)).get("X-Hub-Signature-256")!;
    expect(await verify(body, new Headers({ "X-Hub-Signature-256": good.slice(0, -2) }))).toBe(false);
    expect(await verify(body, new Headers({ "X-Hub-Signature-256": good.replace("sha256=", "") }))).toBe(false);
    expect(await verify(body, new Headers({ "X-Hub-Signature": `sha1=${"0".repeat(40)}` }))).toBe(false);
  });
});

describe.each([
  { name: "Messenger", handshake: (url: URL) => messengerAdapter.handshake!(url, messengerConfig()) },
  { name: "Instagram", handshake: (url: URL) => instagramAdapter.handshake!(url, instagramConfig()) },
])("$name handshake", ({ handshake }) => {
  const withParams = (params: Record<string, string>) => {
    const url = new URL(URL_);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return handshake(url);
  };

  it("answers the challenge as text for the right verify token", async () => {
    const res = withParams({ "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "987654321" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("987654321");
  });

  it("answers 403 for a wrong token or a missing mode", async () => {
    const cases: Array<Record<string, string>> = [
      { "hub.mode": "subscribe", "hub.verify_token": "errado", "hub.challenge": "1" },
      { "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1" },
    ];
    for (const params of cases) {
      const res = withParams(params);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "forbidden", message: "Wrong verify token." } });
    }
  });
});

describe("registry and windows", () => {
  it("has both kinds, reusing the open conversation within the reopen window, on META_API_URL", () => {
    for (const kind of ["messenger", "instagram"] as const) {
      const adapter = providerAdapterFor(kind)!;
      expect(adapter.kind).toBe(kind);
      expect(adapter.reuse).toEqual({ mode: "reopen-window" });
      expect(adapter.baseUrl).toEqual({ env: "META_API_URL", default: "https://graph.facebook.com/v26.0" });
    }
  });

  it("is 24 hours without the Human Agent feature, 7 days tagged HUMAN_AGENT with it, never templates", () => {
    const day = 24 * 60 * 60 * 1000;
    expect(messengerAdapter.serviceWindow!(messengerConfig().settings)).toEqual({ replyMs: day, templates: false });
    expect(instagramAdapter.serviceWindow!(instagramConfig({ humanAgentTag: true }).settings)).toEqual({
      replyMs: day,
      extendedMs: 7 * day,
      extendedTag: "HUMAN_AGENT",
      templates: false,
    });
  });

  it("takes each kind's settings and refuses the other's", () => {
    expect(messengerAdapter.settings.safeParse({ pageId: "1", appId: "2" }).success).toBe(true);
    expect(instagramAdapter.settings.safeParse({ pageId: "1", appId: "2" }).success).toBe(false);
    expect(instagramAdapter.settings.safeParse({ pageId: "1", appId: "2", instagramAccountId: "3" }).success).toBe(true);
  });
});
