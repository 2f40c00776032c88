/**
 * Visitor file links: no session token in any file URL, a link signed for one file that
 * expires, safe headers on what it serves, and no access to a private note's files.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client, ORIGIN } from "./http-client";
import { database } from "../../worker/db/client";
import { fileLink } from "../../worker/channels/webchat/file-links";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

async function upload(path: string, auth: { token?: string; client?: Client }): Promise<string> {
  const headers: Record<string, string> = { "Content-Type": "image/png", "X-File-Name": "foto.png", Origin: ORIGIN };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  if (auth.client?.cookie) headers.Cookie = auth.client.cookie;
  const res = await exports.default.fetch(new Request(ORIGIN + path, { method: "POST", headers, body: PNG }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function linkFor(token: string, id: string) {
  return call(`/api/v1/widget/files/${id}/link`, { headers: bearer(token) });
}

describe("visitor file links", () => {
  it("serve the file without the session token in the URL, with safe headers", async () => {
    const boss = await owner();
    const v = await visitor((await webchatInbox(boss)).publicKey);
    const id = await upload("/api/v1/widget/uploads", { token: v.token });
    const link = await linkFor(v.token, id);
    expect(link.status).toBe(200);
    expect(link.body.url).not.toContain(v.token);
    expect(link.body.url).not.toMatch(/token=/);
    expect(link.body.url).toMatch(new RegExp(`^/api/v1/widget/files/${id}\\?exp=\\d+&sig=[\\w-]+$`));
    const file = await call(link.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("image/png");
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(file.headers.get("Content-Disposition")).toMatch(/^inline;/);
    expect(file.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(file.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("stops working once expired, and refuses a tampered or borrowed signature", async () => {
    const boss = await owner();
    const v = await visitor((await webchatInbox(boss)).publicKey);
    const id = await upload("/api/v1/widget/uploads", { token: v.token });
    const other = await upload("/api/v1/widget/uploads", { token: v.token });
    const db = database(env.DB);
    // A link made 11 minutes ago: its 10 minutes are over.
    const old = await fileLink(db, id, Date.now() - 11 * 60_000);
    expectApiError(await call(old.url), 403, "link_expired");
    const fresh = (await linkFor(v.token, id)).body.url as string;
    const { exp, sig } = Object.fromEntries(new URL(fresh, ORIGIN).searchParams) as { exp: string; sig: string };
    // A later expiry under the same signature, and the signature on another file.
    expectApiError(await call(`/api/v1/widget/files/${id}?exp=${Number(exp) + 60_000}&sig=${sig}`), 403, "forbidden");
    expectApiError(await call(`/api/v1/widget/files/${other}?exp=${exp}&sig=${sig}`), 403, "forbidden");
    // The visitor token is no longer a way in.
    expectApiError(await call(`/api/v1/widget/files/${id}?token=${encodeURIComponent(v.token)}`), 400, "validation_failed");
    expect((await call(fresh)).status).toBe(200);
  });

  it("gives a visitor links only to its own conversation's files", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const stranger = await visitor(inbox.publicKey);
    const id = await upload("/api/v1/widget/uploads", { token: v.token });
    expectApiError(await linkFor(stranger.token, id), 404, "not_found");
    expectApiError(await linkFor(v.token, crypto.randomUUID()), 404, "not_found");
  });

  it("never gives a visitor a private note's attachment, only those of replies it can see", async () => {
    const boss = await owner();
    const v = await visitor((await webchatInbox(boss)).publicKey);
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "oi", clientId: "n1" }, headers: bearer(v.token) });
    const noteFile = await upload(`/api/v1/conversations/${v.conversationId}/uploads`, { client: boss });
    const note = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: "internal", kind: "note", attachmentIds: [noteFile] }, client: boss });
    expect(note.status).toBe(201);
    expectApiError(await linkFor(v.token, noteFile), 404, "not_found");
    // An agent's upload not yet sent is not the visitor's either.
    const replyFile = await upload(`/api/v1/conversations/${v.conversationId}/uploads`, { client: boss });
    expectApiError(await linkFor(v.token, replyFile), 404, "not_found");
    const reply = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: "here", attachmentIds: [replyFile] }, client: boss });
    expect(reply.status).toBe(201);
    const link = await linkFor(v.token, replyFile);
    expect(link.status).toBe(200);
    expect((await call(link.body.url)).status).toBe(200);
  });
});
