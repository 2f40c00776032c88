/**
 * The OpenAPI document's `webhooks` section (OpenAPI 3.1): every event we send, with a
 * schema, the signing headers, and an example that the protocol's own shape accepts.
 */
import { describe, expect, it } from "vitest";
import { call } from "../http-client";
import { WebhookEventName, WebhookPayloads } from "../../../worker/protocol";

describe("the OpenAPI webhooks section", () => {
  it("documents every event with its schema, headers and a valid example", async () => {
    const doc = await call("/api/v1/openapi.json");
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.webhooks).sort()).toEqual([...WebhookEventName.options].sort());
    for (const event of WebhookEventName.options) {
      const op = doc.body.webhooks[event].post;
      const content = op.requestBody.content["application/json"];
      expect(content.schema, event).toBeDefined();
      expect(WebhookPayloads[event].safeParse(content.example).success, event).toBe(true);
      expect(op.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(["Switchboard-Signature", "Switchboard-Delivery", "Switchboard-Event"]));
    }
  });
});
