/**
 * The contact's export (issue 16, LGPD art. 18 II and V): one ZIP, unzipped here, holds
 * contact.json with every kind of data the issue names — profile, attributes, tags,
 * identities on both channels, visitor context, both conversations with their messages,
 * attachments' metadata, consent records with the text shown, CSAT — and every file's
 * bytes under files/; private notes stay out. Admins only; the audit log records it.
 */
import { env } from "cloudflare:workers";
import { exports } from "cloudflare:workers";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { agentWithRole, owner, webchatInbox } from "../fixtures";
import { call, ORIGIN, type Client } from "../http-client";
import { PNG, richContact, type RichContact } from "./rights-kit";

let boss: Client;
let c: RichContact;
let tagId: string;

beforeAll(async () => {
  boss = await owner();
  c = await richContact(boss, (await webchatInbox(boss, "Export shop")).publicKey);
  tagId = (await call("/api/v1/tags", { method: "POST", json: { name: "Cliente fiel" }, client: boss })).body.id;
  expect((await call(`/api/v1/contacts/${c.contactId}`, { method: "PATCH", json: { tagIds: [tagId] }, client: boss })).status).toBe(200);
});

async function download(contactId: string, client: Client = boss): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}/api/v1/contacts/${contactId}/export`, { headers: client.cookie ? { Cookie: client.cookie } : {} }));
}

describe("GET /api/v1/contacts/{id}/export", () => {
  it("is a ZIP download holding every kind of the contact's data and their files", async () => {
    const res = await download(c.contactId);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="contact-[\w-]+\.zip"$/);
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const json = JSON.parse(strFromU8(entries["contact.json"]!));
    expect(json.format).toBe("switchboard.contact-export.v1");
    expect(json.contact).toMatchObject({ id: c.contactId, name: c.name, email: c.email, phone: c.phone, attributes: { plano: c.words.attr }, tags: [{ id: tagId, name: "Cliente fiel" }] });
    expect(json.identities).toHaveLength(2);
    expect(json.identities).toContainEqual(expect.objectContaining({ kind: "whatsapp", externalId: c.phone.replace("+", "") }));
    expect(json.visitor.pageUrl).toContain(c.words.page);
    expect(json.consent).toHaveLength(1);
    expect(json.consent[0]).toMatchObject({ channel: "whatsapp", purposeId: "purpose_marketing", action: "grant", textShown: `Aceito receber ${c.words.consent}` });
    expect(json.csat).toEqual([expect.objectContaining({ conversationId: c.webConversationId, rating: 4, comment: `Foi ${c.words.csat}` })]);
    expect(json.campaignDeliveries).toEqual([]);

    const byId = new Map(json.conversations.map((v: any) => [v.id, v]));
    const web: any = byId.get(c.webConversationId);
    const wa: any = byId.get(c.waConversationId);
    expect(web).toMatchObject({ channel: "webchat", status: "resolved" });
    expect(wa).toMatchObject({ channel: "whatsapp", inboxName: "WhatsApp" });
    const bodies = (v: any) => v.events.filter((e: any) => e.type === "message").map((e: any) => e.body).join(" | ");
    expect(bodies(web)).toContain(c.words.web);
    expect(bodies(web)).toContain(c.words.reply);
    expect(bodies(wa)).toContain(c.words.wa);
    expect(web.events.some((e: any) => e.type === "csat" && e.comment.includes(c.words.csat))).toBe(true);
    // Private notes are the company's working notes, not the contact's data.
    expect(JSON.stringify(json)).not.toContain(c.words.note);
    const attached = web.events.find((e: any) => e.attachments?.length);
    expect(attached.attachments[0]).toMatchObject({ id: c.fileIds[0], name: `${c.words.file}.png`, contentType: "image/png", size: PNG.byteLength });

    expect(json.files).toHaveLength(2);
    for (const f of json.files) {
      expect(f.path).toBe(`files/${f.id}-${f.name}`);
      const stored = await env.FILES.get(`files/${f.id}`);
      expect(entries[f.path], f.path).toEqual(new Uint8Array(await stored!.arrayBuffer()));
    }
    expect(Object.keys(entries).sort()).toEqual(["contact.json", ...json.files.map((f: any) => f.path)].sort());
  });

  it("records who exported whom in the audit log", async () => {
    const rows = await env.DB.prepare("SELECT * FROM audit_log WHERE action = 'contact.exported' AND target_id = ?").bind(c.contactId).all<any>();
    expect(rows.results.length).toBeGreaterThan(0);
    expect(rows.results[0]).toMatchObject({ actor_type: "agent", target_type: "contact" });
  });

  it("lists a file that is no longer stored with no path, and leaves its bytes out", async () => {
    const other = await richContact(boss, (await webchatInbox(boss, "Export shop 2")).publicKey);
    await env.FILES.delete(`files/${other.fileIds[1]}`);
    const entries = unzipSync(new Uint8Array(await (await download(other.contactId)).arrayBuffer()));
    const json = JSON.parse(strFromU8(entries["contact.json"]!));
    expect(json.files.find((f: any) => f.id === other.fileIds[1])).toMatchObject({ path: null });
    expect(Object.keys(entries)).toHaveLength(2);
  });

  it("is for admins: an agent gets 403, nobody 401; an unknown contact 404", async () => {
    expectApiError(await call(`/api/v1/contacts/${c.contactId}/export`, { client: await agentWithRole("agent") }), 403, "forbidden");
    expectApiError(await call(`/api/v1/contacts/${c.contactId}/export`), 401, "unauthenticated");
    expectApiError(await call(`/api/v1/contacts/${crypto.randomUUID()}/export`, { client: boss }), 404, "contact_not_found");
    expectApiError(await call(`/api/v1/contacts/${"x".repeat(65)}/export`, { client: boss }), 400, "validation_failed");
    expect((await download(c.contactId, await agentWithRole("admin"))).status).toBe(200);
  });
});
