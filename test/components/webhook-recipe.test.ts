/**
 * The receivers' verification recipe as the README prints it ("Outbound webhooks"), run
 * in Node against what the outbox signs (worker/webhooks/signature.ts): the documented
 * code accepts a real signature and refuses a changed body, another secret and a stale
 * timestamp.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as nodeCrypto from "node:crypto";
import { describe, expect, it } from "vitest";

/** The Worker's own signer, loaded at run time: its module imports Workers-only types
 * (crypto.subtle.timingSafeEqual) that this project's type check does not know, and the
 * signing half runs in Node as it is. */
async function signer(): Promise<(secret: string, rawBody: string, nowMs: number) => Promise<string>> {
  const path = "../../worker/webhooks/signature";
  return ((await import(/* @vite-ignore */ path)) as { signatureHeader: (secret: string, rawBody: string, nowMs: number) => Promise<string> }).signatureHeader;
}

function readmeVerify(): (secret: string, rawBody: string, header: string, toleranceS?: number) => boolean {
  const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("**Verifying a delivery.**"));
  const code = section.slice(section.indexOf("```js") + 5, section.indexOf("```", section.indexOf("```js") + 5));
  const body = code.replace(/^import .*$/m, "const { createHmac, timingSafeEqual } = nodeCrypto;");
  return new Function("nodeCrypto", "Buffer", `${body}\nreturn verify;`)(nodeCrypto, Buffer);
}

describe("the README's webhook verification recipe", () => {
  it("accepts what Switchboard signs and refuses tampering, another secret and old timestamps", async () => {
    const verify = readmeVerify();
    const signatureHeader = await signer();
    const secret = "whsec_test";
    const raw = JSON.stringify({ id: "whd_1", event: "message.created", createdAt: 1 });
    const header = await signatureHeader(secret, raw, Date.now());
    expect(verify(secret, raw, header)).toBe(true);
    expect(verify(secret, raw.replace("1}", "2}"), header)).toBe(false);
    expect(verify("whsec_other", raw, header)).toBe(false);
    expect(verify(secret, raw, await signatureHeader(secret, raw, Date.now() - 10 * 60_000))).toBe(false);
  });
});
