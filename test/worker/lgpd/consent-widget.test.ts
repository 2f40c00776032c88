/**
 * The web chat pre-chat form's opt-in checkbox (issue 16): configured per inbox (purpose,
 * channel, the sentence per language), checked on save; a ticked box records a grant with
 * the visitor as recorder, the exact sentence shown, the form as evidence and the IP; the
 * server refuses a sentence that is not the inbox's (422) and records nothing; a resent
 * form records nothing new.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ContactConsent } from "../../../worker/protocol";
import { expectApiError } from "../assertions";
import { owner, visitor, webchatInbox } from "../fixtures";
import { bearer, call, type Client } from "../http-client";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

const PT = "Quero receber ofertas e novidades por WhatsApp.";
const EN = "I want to receive offers and news on WhatsApp.";
const checkbox = (over: Record<string, unknown> = {}) => ({ purposeId: "purpose_marketing", channel: "whatsapp", text: { "pt-BR": PT, en: EN }, ...over });
const withCheckbox = async (consent: unknown) => {
  const inbox = await webchatInbox(boss, `Checkbox ${crypto.randomUUID().slice(0, 6)}`);
  const res = await call(`/api/v1/inboxes/${inbox.id}`, { method: "PATCH", client: boss, json: { settings: { preChatForm: { enabled: true, requireEmail: false, consent } } } });
  return { inbox, res };
};
const answer = (token: string, json: Record<string, unknown>, ip = "198.51.100.23") =>
  call("/api/v1/widget/consent", { method: "POST", headers: { ...bearer(token), "CF-Connecting-IP": ip }, json: { formId: "form-0001", locale: "pt-BR", textShown: PT, ...json } });
const ledgerOf = async (contactId: string) => (await call(`/api/v1/contacts/${contactId}/consent`, { client: boss })).body as ContactConsent;

describe("the inbox's checkbox", () => {
  it("is shown to the widget in its session's settings", async () => {
    const { inbox, res } = await withCheckbox(checkbox());
    expect(res.status).toBe(200);
    const v = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey } });
    expect(v.body.inbox.settings.preChatForm.consent).toEqual(checkbox());
  });

  it("must name a purpose in use, and say something", async () => {
    const unknown = await withCheckbox(checkbox({ purposeId: "purpose_nope" }));
    expectApiError(unknown.res, 400, "validation_failed");
    expect(unknown.res.body.error.issues[0].path).toEqual(["settings", "preChatForm", "consent", "purposeId"]);
    expectApiError((await withCheckbox(checkbox({ text: {} }))).res, 400, "validation_failed");
    expectApiError((await withCheckbox(checkbox({ text: { "pt-BR": "   " } }))).res, 400, "validation_failed");
  });
});

describe("POST /api/v1/widget/consent", () => {
  it("records a grant with the exact sentence, the visitor as recorder, the form as evidence and the IP; a resend records nothing new", async () => {
    const { inbox } = await withCheckbox(checkbox());
    const v = await visitor(inbox.publicKey);
    const first = await answer(v.token, {});
    expect(first).toMatchObject({ status: 201, body: { duplicate: false } });
    const { records, states } = await ledgerOf(v.contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: first.body.id,
      contactId: v.contactId,
      channel: "whatsapp",
      purposeId: "purpose_marketing",
      action: "grant",
      source: "widget_checkbox",
      recordedBy: { type: "contact", id: v.contactId },
      textShown: PT,
      evidence: "form:form-0001",
      ip: "198.51.100.23",
    });
    expect(states).toMatchObject([{ channel: "whatsapp", granted: true }]);
    expect(await answer(v.token, {})).toMatchObject({ status: 201, body: { id: first.body.id, duplicate: true } });
    expect((await ledgerOf(v.contactId)).records).toHaveLength(1);
  });

  it("refuses a sentence that is not the inbox's for that language (422) and records nothing", async () => {
    const { inbox } = await withCheckbox(checkbox());
    const v = await visitor(inbox.publicKey);
    for (const json of [{ textShown: "Aceito tudo, inclusive ligações às 3h da manhã." }, { textShown: PT.slice(0, -1) }, { textShown: `${PT} ` }, { locale: "en" }]) {
      const res = await answer(v.token, { formId: `form-${crypto.randomUUID().slice(0, 8)}`, ...json });
      expectApiError(res, 422, "consent_text_mismatch");
      expect(res.body.error.issues[0].path).toEqual(["textShown"]);
    }
    expect((await ledgerOf(v.contactId)).records).toEqual([]);
    // Spanish is not configured: the widget shows pt-BR's sentence, and that is what counts.
    expect((await answer(v.token, { formId: "form-es-01", locale: "es", textShown: PT })).status).toBe(201);
    expect((await answer(v.token, { formId: "form-en-01", locale: "en", textShown: EN })).status).toBe(201);
    expect((await ledgerOf(v.contactId)).records.map((r) => r.textShown)).toEqual([EN, PT]);
  });

  it("refuses when the inbox offers no checkbox, or its purpose was archived since (409)", async () => {
    const plain = await webchatInbox(boss, "No checkbox");
    const v = await visitor(plain.publicKey);
    expectApiError(await answer(v.token, {}), 409, "consent_not_offered");

    const purpose = (await call("/api/v1/consent/purposes", { method: "POST", client: boss, json: { key: `promo-${crypto.randomUUID().slice(0, 6)}`, name: "Promo", marketing: true } })).body;
    const { inbox } = await withCheckbox(checkbox({ purposeId: purpose.id }));
    const w = await visitor(inbox.publicKey);
    await call(`/api/v1/consent/purposes/${purpose.id}`, { method: "PATCH", client: boss, json: { archived: true } });
    expectApiError(await answer(w.token, {}), 409, "consent_not_offered");
    expect((await ledgerOf(w.contactId)).records).toEqual([]);
  });

  it("needs a visitor token", async () => {
    expectApiError(await call("/api/v1/widget/consent", { method: "POST", json: { formId: "form-0001", locale: "pt-BR", textShown: PT } }), 401, "invalid_token");
  });
});
