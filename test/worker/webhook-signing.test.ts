/**
 * The outbound signature recipe (worker/webhooks/signature.ts): what we sign verifies;
 * a changed body, a wrong secret, a stale or future time, or a malformed header do not.
 */
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "../../worker/webhooks/signature";

const NOW = 1_800_000_000_000;

describe("Switchboard-Signature", () => {
  it("verifies what was signed, and nothing else", async () => {
    const body = JSON.stringify({ event: "message.created", seq: 3, text: "olá" });
    const header = await signatureHeader("whsec_test", body, NOW);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(await verifySignature("whsec_test", body, header, NOW + 60_000)).toBe(true);
    expect(await verifySignature("whsec_test", body + " ", header, NOW)).toBe(false);
    expect(await verifySignature("other", body, header, NOW)).toBe(false);
    expect(await verifySignature("whsec_test", body, header, NOW + 301_000)).toBe(false);
    expect(await verifySignature("whsec_test", body, header, NOW - 301_000)).toBe(false);
    expect(await verifySignature("whsec_test", body, "v1=abc", NOW)).toBe(false);
    expect(await verifySignature("whsec_test", body, null, NOW)).toBe(false);
    // A receiver may be given several signatures during a secret rotation: any one will do.
    const other = await signatureHeader("old", body, NOW);
    expect(await verifySignature("whsec_test", body, `${header},v1=${other.split("v1=")[1]}`, NOW)).toBe(true);
  });
});
