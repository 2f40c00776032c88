/**
 * The consent ledger's two faces in the browser (issue 16): the contact panel's section
 * (states, the history with how, evidence and the exact text shown — as text, never
 * HTML — and the form that records a revocation) and the widget's pre-chat checkbox
 * (absent unless the inbox offers it, unticked by default, and when ticked handing over
 * this form's id and exactly the sentence shown).
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConsentRecord, ContactConsent } from "../../worker/protocol";
import { ContactConsentSection } from "../../console/conversation/contact/contact-consent";
import { s } from "../../console/conversation/contact/consent-strings";
import { PrechatForm } from "../../widget/ui/prechat-form";
import { STRINGS, StringsContext } from "../../widget/i18n";
import { installFetch, mount, settle, type } from "./fakes";

const HOSTILE = "Aceito <img src=x onerror=alert(1)> ofertas";
const purposes: ContactConsent["purposes"] = [
  { id: "purpose_atendimento", key: "atendimento", name: "Atendimento", description: "", marketing: false, createdAt: 0, archivedAt: null },
  { id: "purpose_marketing", key: "marketing", name: "Marketing", description: "", marketing: true, createdAt: 0, archivedAt: null },
];
const grant: ConsentRecord = {
  id: "r1",
  contactId: "k1",
  channel: "any",
  purposeId: "purpose_marketing",
  action: "grant",
  source: "widget_checkbox",
  recordedBy: { type: "contact", id: "k1", name: null },
  textShown: HOSTILE,
  evidence: "form:abc12345",
  ip: "203.0.113.9",
  at: Date.UTC(2026, 11, 1, 12),
};

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the contact panel's consent section", () => {
  it("shows the state and the history, the text shown as text; records a revocation and shows the new state", async () => {
    let records: ConsentRecord[] = [grant];
    const ledger = (): ContactConsent => {
      const latest = records[0]!;
      return { purposes, records, states: [{ channel: "any", purposeId: "purpose_marketing", granted: latest.action === "grant", recordId: latest.id, at: latest.at }] };
    };
    const calls = installFetch([
      ({ method, url, body }) => {
        if (url.pathname !== "/api/v1/contacts/k1/consent") return undefined;
        if (method === "GET") return { body: ledger() };
        const made: ConsentRecord = { ...grant, ...(body as object), id: "r2", recordedBy: { type: "agent", id: "a1", name: "Ana" }, textShown: null, ip: null, at: grant.at + 1 } as ConsentRecord;
        records = [made, ...records];
        return { status: 201, body: made };
      },
    ]);
    const { container } = await mount(<ContactConsentSection contactId="k1" />);
    await settle(4);
    const section = container.querySelector(".contact-consent")!;
    expect(section.querySelector(".consent-states")!.textContent).toContain(s.granted);
    const history = section.querySelector(".consent-history")!;
    expect(history.textContent).toContain(s.sources.widget_checkbox);
    expect(history.textContent).toContain("form:abc12345");
    expect(history.querySelector("q")!.textContent).toBe(HOSTILE);
    expect(section.querySelector("img")).toBeNull();

    // Each control is wrapped by its label (its accessible name); found here by name.
    const choose = async (name: string, value: string) => {
      const select = section.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
      expect(select.closest("label")!.textContent).toContain({ action: s.action, purposeId: s.purpose, channel: s.channel }[name]);
      await act(() => {
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
    };
    await choose("action", "revoke");
    await choose("purposeId", "purpose_marketing");
    await choose("channel", "any");
    await type(section.querySelector<HTMLInputElement>('input[name="evidence"]')!, "ligação 06/12");
    await act(() => section.querySelector<HTMLFormElement>("form")!.requestSubmit());
    await settle(4);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ action: "revoke", purposeId: "purpose_marketing", channel: "any", source: "agent", evidence: "ligação 06/12" });
    expect(section.querySelector(".consent-states")!.textContent).toContain(s.revoked);
    expect(section.textContent).toContain(s.saved);
  });
});

describe("the widget's pre-chat checkbox", () => {
  const form = async (consentText: string | null) => {
    const onSubmit = vi.fn(async () => {});
    const view = await mount(
      <StringsContext.Provider value={STRINGS["pt-BR"]}>
        <PrechatForm requireEmail={false} initial={{ name: null, email: null }} consentText={consentText} onSubmit={onSubmit} />
      </StringsContext.Provider>,
    );
    await type(view.container.querySelector<HTMLInputElement>('input[name="name"]')!, "Bia");
    const submit = async () => {
      await act(() => view.container.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
      await settle();
    };
    return { ...view, onSubmit, submit, box: view.container.querySelector<HTMLInputElement>('input[name="consent"]') };
  };

  it("is absent unless the inbox offers one", async () => {
    const { box, submit, onSubmit } = await form(null);
    expect(box).toBeNull();
    await submit();
    expect(onSubmit).toHaveBeenCalledWith({ name: "Bia" }, null);
  });

  it("is unticked by default: no consent is handed over unless the visitor ticks it", async () => {
    const { box, submit, onSubmit, container } = await form(HOSTILE);
    expect(box!.checked).toBe(false);
    // The inbox's sentence beside the box, as text.
    expect(container.querySelector(".sb-consent")!.textContent).toBe(HOSTILE);
    expect(container.querySelector("img")).toBeNull();
    await submit();
    expect(onSubmit).toHaveBeenCalledWith({ name: "Bia" }, null);
  });

  it("ticked: hands over the form's id and exactly the sentence shown, the same id on a resend", async () => {
    const { box, submit, onSubmit } = await form("Quero receber ofertas.");
    await act(() => box!.click());
    await submit();
    await submit();
    const calls = onSubmit.mock.calls as unknown as Array<[unknown, { formId: string; textShown: string }]>;
    expect(calls[0]![1]).toEqual({ formId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), textShown: "Quero receber ofertas." });
    expect(calls[1]![1].formId).toBe(calls[0]![1].formId);
  });
});
