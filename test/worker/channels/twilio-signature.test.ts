/**
 * X-Twilio-Signature: the vectors of Twilio's own Node library (copied with provenance,
 * test/fixtures/channels/SOURCES.md), and the public URL an inbox checks against.
 */
import { describe, expect, it } from "vitest";
import { formParams, publicUrlOf, signedPayload, twilioSignatureOf, verifyTwilioRequest, verifyTwilioSignature } from "../../../worker/channels/twilio/signature";
import vectors from "../../fixtures/channels/twilio/twilio-node_validation_spec_vectors.json";

const params = Object.entries(vectors.defaultParams) as Array<[string, string]>;

describe("Twilio signature vectors (twilio-node spec/validation.spec.js)", () => {
  it("signs the URL and the sorted form parameters as Twilio does", async () => {
    expect(await twilioSignatureOf(vectors.token, vectors.requestUrl, params)).toBe(vectors.defaultSignature);
    expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl, params, vectors.defaultSignature)).toBe(true);
  });

  it("sorts by name whatever order the parameters came in", async () => {
    expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl, [...params].reverse(), vectors.defaultSignature)).toBe(true);
    expect(signedPayload("u", [["b", "2"], ["a", "1"]])).toBe("ua1b2");
  });

  it("signs a URL with a port and URLs carrying bodySHA256 (no parameters)", async () => {
    expect(await twilioSignatureOf(vectors.token, vectors.httpUrlWithPort1234Signature.url, params)).toBe(vectors.httpUrlWithPort1234Signature.signature);
    expect(await twilioSignatureOf(vectors.token, vectors.requestUrlWithHash, [])).toBe(vectors.requestUrlWithHashSignature);
    // (The extract's empty-body vector signs a URL the extract does not record, so it is not used.)
  });

  it("refuses another URL, a changed or missing parameter, another token, and junk", async () => {
    const sig = vectors.defaultSignature;
    expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl.replace("foo=1", "foo=2"), params, sig)).toBe(false);
    expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl.replace("https:", "http:"), params, sig)).toBe(false);
    expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl, params.map(([k, v]) => [k, k === "Digits" ? "1235" : v] as [string, string]), sig)).toBe(false);
    expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl, params.slice(1), sig)).toBe(false);
    expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl, [...params, ["Extra", ""]], sig)).toBe(false);
    expect(await verifyTwilioSignature("54321", vectors.requestUrl, params, sig)).toBe(false);
    for (const junk of [null, "", "not base64!", "AAAA", sig.slice(0, -4)]) expect(await verifyTwilioSignature(vectors.token, vectors.requestUrl, params, junk)).toBe(false);
  });
});

describe("the public URL of a request", () => {
  const url = new URL("http://worker.internal/webhooks/twilio/inbox-1/status?x=1");

  it("is the request's own URL without an override", () => {
    expect(publicUrlOf(url, { publicBaseUrl: "" })).toBe("http://worker.internal/webhooks/twilio/inbox-1/status?x=1");
  });

  it("takes the inbox's public origin, keeping path and query", () => {
    expect(publicUrlOf(url, { publicBaseUrl: "https://suporte.example.com.br" })).toBe("https://suporte.example.com.br/webhooks/twilio/inbox-1/status?x=1");
  });

  it("verifies a raw form body against the public URL", async () => {
    const form = "Body=Ol%C3%A1+%F0%9F%98%95&From=%2B5511987654321";
    const sig = await twilioSignatureOf("tok", "https://suporte.example.com.br/webhooks/twilio/inbox-1/status?x=1", formParams(form));
    const raw = new TextEncoder().encode(form).buffer as ArrayBuffer;
    const headers = new Headers({ "X-Twilio-Signature": sig });
    expect(await verifyTwilioRequest(raw, headers, url, "tok", { publicBaseUrl: "https://suporte.example.com.br" })).toBe(true);
    expect(await verifyTwilioRequest(raw, headers, url, "tok", { publicBaseUrl: "" })).toBe(false);
  });
});
