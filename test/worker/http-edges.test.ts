/**
 * The edges of the HTTP layer every route shares: which routes get the JSON body limit,
 * what a wrong Content-Type or charset answers, and 405 with `Allow` for a wrong method.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES } from "../../worker/protocol";
import { expectApiError } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call, type Client, ORIGIN } from "./http-client";

function raw(path: string, init: { method: string; body?: BodyInit; contentType?: string; client?: Client; headers?: Record<string, string> }) {
  const headers = new Headers(init.headers);
  if (init.contentType) headers.set("Content-Type", init.contentType);
  headers.set("Origin", ORIGIN);
  if (init.client?.cookie) headers.set("Cookie", init.client.cookie);
  return exports.default.fetch(new Request(ORIGIN + path, { method: init.method, headers, body: init.body }));
}

async function json(res: Response) {
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const pdfOf = (bytes: number) => {
  const out = new Uint8Array(bytes);
  out.set(new TextEncoder().encode("%PDF-1.4\n"));
  return out;
};

describe("JSON body limit", () => {
  it("applies the JSON limit to a JSON route whose path happens to end in /uploads", async () => {
    const boss = await owner();
    const body = JSON.stringify({ name: "x".repeat(MAX_JSON_BODY_BYTES * 4) });
    const res = await json(await raw("/api/v1/contacts/uploads", { method: "PATCH", body, contentType: "application/json", client: boss }));
    expectApiError(res, 413, "payload_too_large");
  });

  it("still lets both upload routes take files larger than the JSON limit", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const pdf = pdfOf(MAX_JSON_BODY_BYTES * 2);
    const agent = await raw(`/api/v1/conversations/${v.conversationId}/uploads`, { method: "POST", body: pdf, contentType: "application/pdf", client: boss });
    expect(agent.status).toBe(201);
    const widget = await raw("/api/v1/widget/uploads", { method: "POST", body: pdf, contentType: "application/pdf", headers: { Authorization: `Bearer ${v.token}` } });
    expect(widget.status).toBe(201);
  });
});

describe("content types", () => {
  it("answers a body that is not declared JSON with 415 unsupported_media_type", async () => {
    const boss = await owner();
    const body = JSON.stringify({ name: "Tag" });
    expectApiError(await json(await raw("/api/v1/tags", { method: "POST", body, contentType: "text/plain", client: boss })), 415, "unsupported_media_type");
    // No Content-Type at all: workerd would default a string body to text/plain, so send bytes.
    expectApiError(await json(await raw("/api/v1/tags", { method: "POST", body: new TextEncoder().encode(body), client: boss })), 415, "unsupported_media_type");
  });

  it("refuses a JSON body declared in a charset other than UTF-8, and accepts UTF-8 spelled any way", async () => {
    const boss = await owner();
    const body = JSON.stringify({ name: "Nova etiqueta" });
    for (const type of ["application/json; charset=utf-16", "application/json;charset=\"UTF-16LE\"", "application/json; charset=iso-8859-1"]) {
      expectApiError(await json(await raw("/api/v1/tags", { method: "POST", body, contentType: type, client: boss })), 415, "unsupported_media_type");
    }
    expect((await call("/api/v1/tags", { method: "GET", client: boss })).body.tags).toEqual([]);
    for (const [i, type] of ["application/json; charset=utf-8", "application/json;charset=UTF8", 'application/json; charset="utf-8"'].entries()) {
      const res = await raw("/api/v1/tags", { method: "POST", body: JSON.stringify({ name: `Etiqueta ${i}` }), contentType: type, client: boss });
      expect(res.status, type).toBe(201);
    }
  });
});

describe("methods", () => {
  it("answers a wrong method on an existing path with 405 and the allowed methods", async () => {
    const boss = await owner();
    const me = await call("/api/v1/me", { method: "DELETE", client: boss });
    expectApiError(me, 405, "method_not_allowed");
    expect(me.headers.get("Allow")).toBe("GET, HEAD, OPTIONS, PATCH");
    const status = await call("/api/v1/conversations/some-id/status", { method: "PUT", json: { status: "open" }, client: boss });
    expectApiError(status, 405, "method_not_allowed");
    expect(status.headers.get("Allow")).toBe("OPTIONS, POST");
    const contact = await call("/api/v1/contacts/some-id", { method: "DELETE", client: boss });
    expect(contact.headers.get("Allow")).toBe("GET, HEAD, OPTIONS, PATCH");
  });

  it("answers an unknown path with 404, OPTIONS with 204 and Allow, and HEAD like GET", async () => {
    const boss = await owner();
    expectApiError(await call("/api/v1/no-such-thing", { method: "POST", json: {}, client: boss }), 404, "not_found");
    expectApiError(await call("/api/v1/no-such-thing", { client: boss }), 404, "not_found");
    const options = await call("/api/v1/me", { method: "OPTIONS", client: boss });
    expect(options.status).toBe(204);
    expect(options.headers.get("Allow")).toBe("GET, HEAD, OPTIONS, PATCH");
    const head = await exports.default.fetch(new Request(ORIGIN + "/api/v1/setup", { method: "HEAD" }));
    expect(head.status).toBe(200);
  });
});
