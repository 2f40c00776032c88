/**
 * The consent ledger's derivation (worker/db/consent.ts) on real D1: the latest record
 * covering (channel or "any", purpose) decides; ties within a millisecond go to the later
 * insert; a revocation on one channel leaves the others granted; a segment read agrees
 * with the one-contact read.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database, type Db } from "../../../worker/db/client";
import { consentingContacts, consentRecordsOf, consentStates, hasConsent, recordConsent, type NewConsentRecord } from "../../../worker/db/consent";
import { customerWrites, owner, webchatInbox } from "../fixtures";

let db: Db;
let publicKey: string;
const by = { type: "agent" as const, id: "a1", name: "Ana" };

beforeAll(async () => {
  db = database(env.DB);
  publicKey = (await webchatInbox(await owner(), "Ledger shop")).publicKey;
});

const newContact = async () => (await customerWrites(publicKey, "oi")).contactId;
const rec = (contactId: string, over: Partial<NewConsentRecord>): NewConsentRecord => ({
  contactId,
  channel: "whatsapp",
  purposeId: "purpose_marketing",
  action: "grant",
  source: "api",
  recordedBy: by,
  at: 1_000,
  ...over,
});

describe("consent ledger", () => {
  it("no record is no consent", async () => {
    const c = await newContact();
    expect(await hasConsent(db, c, "whatsapp", "purpose_marketing")).toBe(false);
  });

  it("an 'any' grant covers every channel until a channel's own revocation", async () => {
    const c = await newContact();
    await recordConsent(db, rec(c, { channel: "any", at: 1_000 }));
    expect(await hasConsent(db, c, "whatsapp", "purpose_marketing")).toBe(true);
    expect(await hasConsent(db, c, "sms", "purpose_marketing")).toBe(true);
    await recordConsent(db, rec(c, { channel: "whatsapp", action: "revoke", source: "keyword", at: 2_000 }));
    expect(await hasConsent(db, c, "whatsapp", "purpose_marketing")).toBe(false);
    expect(await hasConsent(db, c, "sms", "purpose_marketing")).toBe(true);
    expect(await hasConsent(db, c, "whatsapp", "purpose_atendimento")).toBe(false);
    await recordConsent(db, rec(c, { channel: "whatsapp", action: "grant", at: 3_000 }));
    expect(await hasConsent(db, c, "whatsapp", "purpose_marketing")).toBe(true);
    await recordConsent(db, rec(c, { channel: "any", action: "revoke", at: 4_000 }));
    expect(await hasConsent(db, c, "whatsapp", "purpose_marketing")).toBe(false);
    expect(await hasConsent(db, c, "sms", "purpose_marketing")).toBe(false);
  });

  it("within one millisecond the later record wins", async () => {
    const c = await newContact();
    await recordConsent(db, rec(c, { action: "grant", at: 5_000 }));
    await recordConsent(db, rec(c, { action: "revoke", at: 5_000 }));
    expect(await hasConsent(db, c, "whatsapp", "purpose_marketing")).toBe(false);
    await recordConsent(db, rec(c, { action: "grant", at: 5_000 }));
    expect(await hasConsent(db, c, "whatsapp", "purpose_marketing")).toBe(true);
  });

  it("keeps every record with its evidence, newest first, and derives the states", async () => {
    const c = await newContact();
    await recordConsent(db, rec(c, { at: 1_000, source: "widget_checkbox", textShown: "Aceito receber ofertas", evidence: "form-1", ip: "203.0.113.9", recordedBy: { type: "contact", id: c, name: null } }));
    await recordConsent(db, rec(c, { at: 2_000, action: "revoke", source: "keyword", evidence: "msg-9" }));
    const records = await consentRecordsOf(db, c);
    expect(records.map((r) => [r.action, r.source, r.evidence])).toEqual([
      ["revoke", "keyword", "msg-9"],
      ["grant", "widget_checkbox", "form-1"],
    ]);
    expect(records[1]).toMatchObject({ textShown: "Aceito receber ofertas", ip: "203.0.113.9", recordedBy: { type: "contact", id: c } });
    expect(consentStates(records)).toEqual([{ channel: "whatsapp", purposeId: "purpose_marketing", granted: false, recordId: records[0]!.id, at: 2_000 }]);
  });

  it("the segment read agrees with the one-contact read", async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(() => newContact()));
    await recordConsent(db, rec(ids[0]!, { at: 1 }));
    await recordConsent(db, rec(ids[1]!, { channel: "any", at: 1 }));
    await recordConsent(db, rec(ids[2]!, { at: 1 }));
    await recordConsent(db, rec(ids[2]!, { at: 2, action: "revoke" }));
    const set = await consentingContacts(db, ids, "whatsapp", "purpose_marketing");
    for (const id of ids) expect(set.has(id)).toBe(await hasConsent(db, id, "whatsapp", "purpose_marketing"));
    expect([...set].sort()).toEqual([ids[0], ids[1]].sort());
  });
});
