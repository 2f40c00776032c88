/**
 * "New conversation" from the contact panel (issue 16): only inboxes that can start one
 * are offered, a WhatsApp template's parameters are asked for, the request carries the
 * inbox, purpose and template, and a refusal (consent_required) is shown in the dialog
 * in the agent's words; the strings are complete in en, pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Inbox } from "../../worker/protocol";
import { NewConversationDialog } from "../../console/outbound/new-conversation";
import { TABLE, ow } from "../../console/outbound/outbound-strings";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  document.body.innerHTML = "";
});

const inbox = (id: string, kind: Inbox["kind"], name: string): Inbox => ({ id, kind, name, teamId: null, priority: 0, settings: {}, publicKey: null }) as unknown as Inbox;
const INBOXES = [inbox("wa", "whatsapp", "WhatsApp Loja"), inbox("web", "webchat", "Site"), inbox("mail", "email", "E-mail Loja")];
const PURPOSES = [{ id: "purpose_marketing", key: "marketing", name: "Marketing", description: "", marketing: true, createdAt: 0, archivedAt: null }];
const TEMPLATES = [{ name: "promo_natal", language: "pt_BR", body: "Olá {{1}}, {{2}} de desconto!", parameterCount: 2, category: "MARKETING", status: "APPROVED" }];

function server(answer: { status: number; body: unknown }) {
  return installFetch([
    ({ url }) => (url.pathname === "/api/v1/consent/purposes" ? { body: { purposes: PURPOSES } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/inboxes/wa/templates" ? { body: { templates: TEMPLATES } } : undefined),
    ({ method, url }) => (method === "POST" && url.pathname === "/api/v1/conversations/outbound" ? answer : undefined),
  ]);
}

async function open() {
  const view = await mount(<NewConversationDialog contactId="k1" contactName="Maria" inboxes={INBOXES} onClose={() => {}} />);
  unmount = view.unmount;
  await settle(4);
  return view.container;
}

async function fillWhatsapp(root: HTMLElement) {
  const choose = async (label: string, value: string) => {
    const select = labelled<HTMLSelectElement>(root, label);
    await act(() => {
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await settle(4);
  };
  await choose(ow.inbox, "wa");
  await choose(ow.purpose, "purpose_marketing");
  await choose(ow.template, "0");
  await type(labelled(root, ow.parameter(1)), "Maria");
  await type(labelled(root, ow.parameter(2)), "20%");
}

describe("the New conversation dialog", () => {
  it("offers only WhatsApp, SMS and e-mail inboxes", async () => {
    server({ status: 201, body: {} });
    const root = await open();
    const options = [...labelled<HTMLSelectElement>(root, ow.inbox).options].map((o) => o.textContent);
    expect(options).toEqual([ow.chooseInbox, "WhatsApp Loja", "E-mail Loja"]);
  });

  it("sends the template with its parameters for the chosen purpose", async () => {
    const calls = server({ status: 201, body: { conversationId: "c9", seq: 3, duplicate: false, basis: "consent" } });
    const root = await open();
    await fillWhatsapp(root);
    expect(byText(root, "Olá Maria, 20% de desconto!")).not.toBeNull();
    await click(byText(root, ow.send, "button"));
    await settle(4);
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.body).toMatchObject({ contactId: "k1", inboxId: "wa", purposeId: "purpose_marketing", message: { template: { name: "promo_natal", language: "pt_BR", parameters: ["Maria", "20%"] } } });
    expect(root.querySelector('[role="status"]')?.textContent).toContain(ow.started);
  });

  it("shows the refusal in the dialog when there is no consent", async () => {
    server({ status: 422, body: { error: { code: "consent_required", message: "No current consent…" } } });
    const root = await open();
    await fillWhatsapp(root);
    await click(byText(root, ow.send, "button"));
    await settle(4);
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(ow.refusal.consent_required);
  });
});

describe("outbound strings", () => {
  function leaves(table: unknown, path = ""): [string, string][] {
    if (typeof table === "string") return [[path, table]];
    if (typeof table === "function") return [[path, String((table as (...a: unknown[]) => unknown)("X", "Y"))]];
    return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }

  it("has every string in en, pt-BR and es, none empty", () => {
    const en = leaves(TABLE.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(TABLE[locale]);
      expect(other.map(([p]) => p)).toEqual(en.map(([p]) => p));
      for (const [path, text] of other) expect(text.trim(), `${locale} ${path}`).not.toBe("");
    }
  });
});
