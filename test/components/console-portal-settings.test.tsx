/**
 * Settings → Customer portal (issue 17): loads the settings, offers only web chat inboxes
 * for requests and e-mail inboxes for the sign-in mail, checks categories with the
 * server's schema before any request, and saves with PUT. The string table is complete in
 * en, pt-BR and es (a missing key fails the typecheck; an empty one fails here).
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Inbox, Me, PortalSettings } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { DIRECTORY, PROFILE } from "./console-fixtures";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const inbox = (id: string, kind: Inbox["kind"], name: string): Inbox => ({ id, kind, name, teamId: null, priority: 0, settings: {}, publicKey: null, hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 1 });
const INBOXES = [inbox("w1", "webchat", "Site"), inbox("e1", "email", "Suporte"), inbox("wa", "whatsapp", "WhatsApp")];

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
  document.body.innerHTML = "";
});

async function openPortal(settings: PortalSettings) {
  const calls = installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/inboxes") return { body: { inboxes: INBOXES } };
      if (p === "/api/v1/tags") return { body: { tags: [] } };
      if (p === "/api/v1/agents") return { body: { agents: DIRECTORY.agents } };
      if (p === "/api/v1/teams") return { body: { teams: DIRECTORY.teams } };
      if (p === "/api/v1/conversation-types") return { body: { types: [] } };
      if (p === "/api/v1/portal-settings" && method === "GET") return { body: settings };
      if (p === "/api/v1/portal-settings" && method === "PUT") return { body: body as PortalSettings };
      return undefined;
    },
  ]);
  const view = await mount(<Settings me={admin} initialTab="portal" />);
  unmount = view.unmount;
  await settle(6);
  return { root: view.container, writes: () => calls.filter((c) => c.method !== "GET").map((c) => ({ method: c.method, path: c.path, body: c.body })) };
}

const form = (root: ParentNode) => root.querySelector<HTMLFormElement>('form[aria-label="Customer portal"]')!;
async function submit(f: HTMLFormElement) {
  await act(() => void f.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  await settle(4);
}
async function choose(select: HTMLSelectElement, value: string) {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

describe("Settings → Customer portal", () => {
  it("offers web chat inboxes for requests and e-mail inboxes for the sign-in mail", async () => {
    const { root } = await openPortal({ inboxId: null, emailInboxId: null, categories: [] });
    const options = (label: string) => [...labelled<HTMLSelectElement>(form(root), label).options].map((o) => o.textContent);
    expect(options("Requests land in")).toEqual(["Nowhere (the portal takes no requests)", "Site"]);
    expect(options("Sign-in links are sent from")).toEqual(["No e-mail inbox (no links are sent)", "Suporte"]);
  });

  it("refuses a category with a bad id without a request, then saves the settings with PUT", async () => {
    const { root, writes } = await openPortal({ inboxId: null, emailInboxId: null, categories: [] });
    const f = form(root);
    await choose(labelled<HTMLSelectElement>(f, "Requests land in"), "w1");
    await choose(labelled<HTMLSelectElement>(f, "Sign-in links are sent from"), "e1");
    await click(byText(f, "Add category", "button"));
    await type(labelled(f, "Id"), "Financeiro!");
    await type(labelled(f, "Name (Português)"), "Financeiro");
    await type(labelled(f, "Name (English)"), "Billing");
    await type(labelled(f, "Name (Español)"), "Facturación");
    await submit(f);
    expect(writes()).toEqual([]);
    expect(f.textContent).toContain("Give each category a distinct id");

    await type(labelled(f, "Id"), "financeiro");
    await submit(f);
    expect(writes()).toEqual([
      {
        method: "PUT",
        path: "/api/v1/portal-settings",
        body: { inboxId: "w1", emailInboxId: "e1", categories: [{ id: "financeiro", names: { "pt-BR": "Financeiro", en: "Billing", es: "Facturación" } }] },
      },
    ]);
    expect(root.textContent).toContain("Portal settings saved.");
  });
});
