/**
 * The signed-webhook check (webhook-signatures.ts) is sound before any channel needs it:
 * no production route is signed yet, so it runs here against a test-only Hono app that
 * verifies an HMAC-SHA256 of the raw body like the channels' providers sign (Meta's
 * X-Hub-Signature-256 scheme), and against broken variants of that app, each of which
 * it must catch. The authorization suite runs the same check on every route table row
 * with access "signed-webhook".
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { signatureFailures, type WebhookSigning, type WebhookTarget } from "./webhook-signatures";

const SECRET = "test-only secret shared with the fake provider";
const HEADER = "X-Demo-Signature";

async function hmacKey() {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

const SIGNING: WebhookSigning<null> = {
  delivery: () => ({ body: JSON.stringify({ entry: [{ from: "+5511999990000", text: "Oi" }] }), contentType: "application/json" }),
  sign: async (body) => ({ [HEADER]: `sha256=${hex(await crypto.subtle.sign("HMAC", await hmacKey(), new TextEncoder().encode(body)))}` }),
  coversBody: true,
  ok: 200,
};

/** Checks `header` against the raw body in constant time (crypto.subtle.verify), as a real channel route would. */
async function signedCorrectly(body: string, header: string | undefined): Promise<boolean> {
  const match = /^sha256=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const given = new Uint8Array(match[1]!.match(/../g)!.map((h) => parseInt(h, 16)));
  return crypto.subtle.verify("HMAC", await hmacKey(), given, new TextEncoder().encode(body));
}

type Flaw = "none" | "accepts unsigned deliveries" | "crashes on a missing signature" | "checks only that a signature is there" | "stores before verifying" | "refuses everything";

/** The test-only webhook app, sound or with one `flaw`; `stored` is what it has accepted. */
function webhookApp(flaw: Flaw) {
  const stored: string[] = [];
  const refuse = () => Response.json({ error: { code: "unauthenticated", message: "Bad signature" } }, { status: 401 });
  const app = new Hono().post("/hooks/demo", async (c) => {
    const body = await c.req.text();
    const header = c.req.header(HEADER);
    if (flaw === "stores before verifying") stored.push(body);
    if (flaw === "crashes on a missing signature" && header === undefined) throw new Error("no signature header");
    const ok =
      flaw === "accepts unsigned deliveries" ? true : flaw === "checks only that a signature is there" ? Boolean(header) : flaw === "refuses everything" ? false : await signedCorrectly(body, header);
    if (!ok) return refuse();
    if (flaw !== "stores before verifying") stored.push(body);
    return c.json({ ok: true });
  });
  // A crash is a 500, as in the Worker; without this Hono logs the thrown error as well.
  app.onError(() => new Response("Internal Server Error", { status: 500 }));
  const target: WebhookTarget<null> = { method: "POST", url: "http://localhost/hooks/demo", signing: SIGNING, fixture: null };
  return { send: (req: Request) => Promise.resolve(app.fetch(req)), target, stored: async () => stored.length };
}

describe("the signed-webhook check", () => {
  it("passes a route that verifies the provider's signature", async () => {
    const { send, target, stored } = webhookApp("none");
    expect(await signatureFailures(send, target, { stored, impostors: [{ label: "a session cookie", headers: { Cookie: "sb_session=abc" } }] })).toEqual([]);
    expect(await stored()).toBe(1);
  });

  it.each([
    ["accepts unsigned deliveries", "no signature: answered 200"],
    ["crashes on a missing signature", "no signature: answered 500"],
    ["checks only that a signature is there", `${HEADER} with a character changed: answered 200`],
    ["stores before verifying", "no signature: stored something"],
    ["refuses everything", "the properly signed delivery: answered 401"],
  ] as const)("catches a route that %s", async (flaw, failure) => {
    const { send, target, stored } = webhookApp(flaw);
    const failures = await signatureFailures(send, target, { stored });
    expect(failures.some((f) => f.startsWith(failure)), JSON.stringify(failures)).toBe(true);
  });

  it("catches a signature that does not cover the body when the provider's does", async () => {
    const { send, target, stored } = webhookApp("checks only that a signature is there");
    expect(await signatureFailures(send, target, { stored })).toEqual(expect.arrayContaining([expect.stringMatching(/^a body changed after signing: answered 200/)]));
  });
});
