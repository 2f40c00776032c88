/**
 * Settings → Inboxes → New inbox → E-mail, against a fake API at the fetch boundary: the
 * exact body the form sends (addresses one per line, lower-cased, catch-all, sender
 * name, signature, list mail, team and routing by address — no credentials), what the
 * form refuses before any request (no address, a bad address named, a bad domain, a
 * name too long), the server's complaints placed beside their field, editing a saved
 * inbox (PATCH with the whole settings), the steps at Cloudflare with the inbox's own
 * addresses and domains, and the setup words in en, pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { EmailSettings, type Inbox, type Me } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { EMAIL_SETUP_STRINGS } from "../../console/settings/email-strings";
import { sendingDomains } from "../../console/settings/email-steps";
import { checkEmailInbox, emailFormValues } from "../../console/settings/email-check";
import { resetDirectory } from "../../console/shared/use-directory";
import { PROFILE } from "./console-fixtures";
import { click, installFetch, labelled, mount, settle, type } from "./fakes";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const TEAMS = [
  { id: "t1", name: "Suporte" },
  { id: "t2", name: "Financeiro" },
];
const saved: Inbox = {
  id: "em1",
  kind: "email",
  name: "E-mail Loja",
  teamId: "t1",
  priority: 50,
  settings: EmailSettings.parse({ addresses: ["suporte@loja.com.br", "financeiro@loja.com.br"], catchAllDomain: "atendimento.loja.com.br", addressTeams: { "financeiro@loja.com.br": "t2" } }),
  publicKey: null,
  hasIdentitySecret: false,
  credentials: {},
  webhookUrl: null,
  createdAt: 1,
};

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

type Answer = { status?: number; body: unknown };

function fakeServer(options: { create?: Answer } = {}) {
  const inboxes: Inbox[] = [structuredClone(saved)];
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname === "/api/v1/inboxes" && method === "GET") return { body: { inboxes } };
      if (url.pathname === "/api/v1/inboxes" && method === "POST") {
        if (options.create) return options.create;
        const b = body as { name: string; teamId?: string; settings: Record<string, unknown> };
        const made: Inbox = { ...saved, id: "new1", name: b.name, teamId: b.teamId ?? null, settings: b.settings };
        inboxes.push(made);
        return { status: 201, body: made };
      }
      const patch = /^\/api\/v1\/inboxes\/([^/]+)$/.exec(url.pathname);
      if (patch && method === "PATCH") {
        const i = inboxes.findIndex((x) => x.id === patch[1]);
        const b = body as { name: string; teamId: string | null; settings: Record<string, unknown> };
        inboxes[i] = { ...inboxes[i]!, name: b.name, teamId: b.teamId, settings: b.settings };
        return { body: inboxes[i] };
      }
      if (url.pathname === "/api/v1/teams") return { body: { teams: TEAMS } };
      return undefined;
    },
  ]);
  return { calls, writes: () => calls.filter((c) => c.method !== "GET" && c.path.startsWith("/api/v1/inboxes")) };
}

async function open() {
  const view = await mount(<Settings me={admin} initialTab="inboxes" />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

async function newEmailForm(root: HTMLElement) {
  await click(root.querySelector('input[name="new-inbox-kind"][value="email"]'));
  await settle();
  return root.querySelector<HTMLFormElement>('form[aria-label="New e-mail inbox"]')!;
}

async function select(el: HTMLSelectElement, value: string) {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const submit = async (form: HTMLFormElement) => {
  await act(() => void form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  await settle();
};

function errorOf(form: HTMLElement, label: string): string {
  const field = labelled<HTMLElement>(form, label);
  expect(field.getAttribute("aria-invalid"), label).toBe("true");
  return field.getAttribute("aria-describedby")!.split(" ").map((id) => form.querySelector(`[id="${id}"]`)?.textContent).filter((t) => t !== undefined).join(" | ");
}

describe("a new e-mail inbox", () => {
  it("is offered with its icon and hint, and sends exactly what the admin set, with no credentials", async () => {
    const server = fakeServer();
    const root = await open();
    const choice = root.querySelector('input[name="new-inbox-kind"][value="email"]')!.closest("label")!;
    expect(choice.querySelector('svg[data-channel="email"]')?.getAttribute("aria-label")).toBe("E-mail");
    expect(choice.textContent).toContain("Your support addresses (suporte@, financeiro@…), through Cloudflare.");

    const form = await newEmailForm(root);
    await type(labelled(form, "Name (agents see it)"), "  Atendimento  ");
    await select(labelled<HTMLSelectElement>(form, "Team"), "t1");
    await type(labelled<HTMLTextAreaElement>(form, "Addresses"), "Suporte@Loja.com.br\nvendas@loja.com.br, suporte@loja.com.br\n");
    await type(labelled(form, "Catch-all domain (optional)"), "@Loja.com.br");
    await type(labelled(form, "Sender name (optional)"), "Loja Exemplo");
    await type(labelled<HTMLTextAreaElement>(form, "Signature (optional)"), "--\nEquipe Loja");
    await click(form.querySelector('input[name="listMailIsAutomatic"]'));
    // One routing row per address, with the team list.
    await select(labelled<HTMLSelectElement>(form, "Team for vendas@loja.com.br"), "t2");
    await submit(form);

    expect(server.writes()).toHaveLength(1);
    expect(server.writes()[0]!.body).toEqual({
      kind: "email",
      name: "Atendimento",
      teamId: "t1",
      settings: {
        reopenWindowHours: 24,
        addresses: ["suporte@loja.com.br", "vendas@loja.com.br"],
        catchAllDomain: "loja.com.br",
        displayName: "Loja Exemplo",
        signature: "--\nEquipe Loja",
        listMailIsAutomatic: false,
        addressTeams: { "vendas@loja.com.br": "t2" },
      },
    });
    // Created: its row opens with the steps at Cloudflare, naming its addresses and domain.
    const steps = root.querySelector(".email-steps")!;
    expect(steps.textContent).toContain("Send to a Worker");
    expect([...steps.querySelectorAll("code")].map((c) => c.textContent)).toEqual(["suporte@loja.com.br", "vendas@loja.com.br", "loja.com.br"]);
    expect(root.textContent).toContain("E-mail inbox “Atendimento” created.");
  });

  it("refuses, before any request, no address, a bad address (named), a bad domain and a bad name", async () => {
    const server = fakeServer();
    const root = await open();
    const form = await newEmailForm(root);
    await submit(form);
    expect(errorOf(form, "Addresses")).toContain("Enter at least one address.");
    expect(errorOf(form, "Name (agents see it)")).toContain("Give it a name of 1–120 characters.");

    await type(labelled(form, "Name (agents see it)"), "Loja");
    await type(labelled<HTMLTextAreaElement>(form, "Addresses"), "suporte@loja.com.br\nfinanceiro(at)loja.com.br");
    await type(labelled(form, "Catch-all domain (optional)"), "https://loja.com.br");
    await type(labelled(form, "Hours in which a customer's new mail reopens a resolved conversation"), "-3");
    await submit(form);
    expect(errorOf(form, "Addresses")).toContain("“financeiro(at)loja.com.br” is not an e-mail address.");
    expect(errorOf(form, "Catch-all domain (optional)")).toContain("A domain such as loja.com.br, without @ or http.");
    expect(errorOf(form, "Hours in which a customer's new mail reopens a resolved conversation")).toContain("A whole number of hours from 0 to 2160.");
    expect(server.writes()).toHaveLength(0);
  });

  it("places the server's complaints beside their field and keeps what was typed", async () => {
    const server = fakeServer({
      create: { status: 400, body: { error: { code: "validation_failed", message: "Invalid body", issues: [{ path: ["settings", "addresses", 0], message: "suporte@loja.com.br already belongs to the inbox “Vendas”." }] } } },
    });
    const root = await open();
    const form = await newEmailForm(root);
    await type(labelled(form, "Name (agents see it)"), "Loja");
    await type(labelled<HTMLTextAreaElement>(form, "Addresses"), "suporte@loja.com.br");
    await submit(form);
    expect(server.writes()).toHaveLength(1);
    expect(errorOf(form, "Addresses")).toContain("suporte@loja.com.br already belongs to the inbox “Vendas”.");
    expect(form.querySelector("[role=alert]")!.textContent).toBe("Please fix the highlighted fields.");
    expect(labelled<HTMLTextAreaElement>(form, "Addresses").value).toBe("suporte@loja.com.br");
  });
});

describe("a saved e-mail inbox", () => {
  it("shows its addresses, opens its form with what is saved, and saves the whole settings", async () => {
    const server = fakeServer();
    const root = await open();
    expect(root.querySelector(".email-addresses")!.textContent).toBe("suporte@loja.com.br, financeiro@loja.com.br");
    await click(root.querySelector('[aria-label="Configure E-mail Loja"]'));
    await settle();
    const form = root.querySelector<HTMLFormElement>('form[aria-label="E-mail settings of E-mail Loja"]')!;
    expect(labelled<HTMLTextAreaElement>(form, "Addresses").value).toBe("suporte@loja.com.br\nfinanceiro@loja.com.br");
    expect(labelled<HTMLSelectElement>(form, "Team for financeiro@loja.com.br").value).toBe("t2");
    expect(labelled<HTMLSelectElement>(form, "Team").value).toBe("t1");
    // Removing an address drops its routing too.
    await type(labelled<HTMLTextAreaElement>(form, "Addresses"), "suporte@loja.com.br");
    await select(labelled<HTMLSelectElement>(form, "Team"), "");
    await submit(form);
    expect(server.writes().map((w) => [w.method, w.path])).toEqual([["PATCH", "/api/v1/inboxes/em1"]]);
    expect(server.writes()[0]!.body).toEqual({
      name: "E-mail Loja",
      teamId: null,
      settings: { ...saved.settings, addresses: ["suporte@loja.com.br"], addressTeams: {} },
    });
    const steps = root.querySelector(".email-steps")!;
    expect(steps.textContent).toContain("Catch-all: any address at atendimento.loja.com.br");
  });
});

describe("pieces", () => {
  it("lists each domain to onboard for sending once", () => {
    expect(sendingDomains({ addresses: ["a@loja.com.br", "b@loja.com.br", "c@outra.com"], catchAllDomain: "atendimento.loja.com.br" })).toEqual(["loja.com.br", "outra.com", "atendimento.loja.com.br"]);
  });

  it("routes only listed addresses", () => {
    const values = { ...emailFormValues(), name: "x", addresses: "a@loja.com.br", addressTeams: { "a@loja.com.br": "t1", "gone@loja.com.br": "t2" } };
    const checked = checkEmailInbox(values);
    expect(checked.ok && checked.settings.addressTeams).toEqual({ "a@loja.com.br": "t1" });
  });

  it("has every setup word in en, pt-BR and es, each translated", () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && !Array.isArray(v) ? keys(v).map((x) => `${k}.${x}`) : [k]));
    expect(keys(EMAIL_SETUP_STRINGS["pt-BR"])).toEqual(keys(EMAIL_SETUP_STRINGS.en));
    expect(keys(EMAIL_SETUP_STRINGS.es)).toEqual(keys(EMAIL_SETUP_STRINGS.en));
    for (const locale of ["pt-BR", "es"] as const) {
      const t = EMAIL_SETUP_STRINGS[locale];
      expect(t.steps.receive).toHaveLength(EMAIL_SETUP_STRINGS.en.steps.receive.length);
      expect(t.steps.send).toHaveLength(EMAIL_SETUP_STRINGS.en.steps.send.length);
      expect(t.addresses).not.toBe(EMAIL_SETUP_STRINGS.en.addresses);
      // The dashboard's own labels stay as Cloudflare writes them.
      expect(t.steps.receive.join(" ")).toContain("Send to a Worker");
      expect(t.steps.send.join(" ")).toContain("Onboard Domain");
    }
    expect(EMAIL_SETUP_STRINGS["pt-BR"].addressInvalid("x")).toBe("“x” não é um endereço de e-mail.");
    expect(EMAIL_SETUP_STRINGS.es.catchAll).toBe("Dominio comodín (opcional)");
  });
});
