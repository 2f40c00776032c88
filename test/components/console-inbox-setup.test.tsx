/**
 * The first-run inbox prompt (console/inbox-setup.tsx): shown while there is no inbox at
 * all, with the web chat inbox one click away and the provider channels pointed to in
 * Settings → Inboxes; never shown again once any inbox exists, a WhatsApp one included.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Inbox, Me } from "../../worker/protocol";
import { InboxSetup } from "../../console/inbox-setup";
import { PROFILE } from "./console-fixtures";
import { byText, click, installFetch, mount, settle } from "./fakes";

const owner: Me = { agent: { id: "a1", name: "Olivia", email: "o@example.com", role: "owner" }, teamIds: [], profile: PROFILE };
const whatsapp: Inbox = {
  id: "wa1",
  kind: "whatsapp",
  name: "Vendas",
  teamId: null,
  priority: 50,
  settings: { phoneNumberId: "106540352242922" },
  publicKey: null,
  hasIdentitySecret: false,
  credentials: { appSecret: { set: true, last4: "9a7b" } },
  webhookUrl: "http://widget.test/webhooks/whatsapp/wa1",
  createdAt: 1,
};

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

async function render(inboxes: Inbox[]) {
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname !== "/api/v1/inboxes") return undefined;
      if (method === "GET") return { body: { inboxes } };
      return { status: 201, body: { ...whatsapp, id: "w1", kind: "webchat", name: (body as { name: string }).name, publicKey: "pk_site", webhookUrl: null, credentials: {} } };
    },
  ]);
  const view = await mount(<InboxSetup me={owner} />);
  unmount = view.unmount;
  await settle();
  return { root: view.container, calls };
}

describe("the first-run inbox prompt", () => {
  it("offers a web chat inbox and points to Settings → Inboxes for the other channels while there is none", async () => {
    const { root, calls } = await render([]);
    expect(root.textContent).toContain("There is no web chat inbox yet.");
    expect(root.textContent).toContain("WhatsApp, Messenger and Instagram are connected under Settings → Inboxes.");
    expect(root.querySelector("a")?.getAttribute("href")).toBe("/console/settings");
    await click(byText(root, "Create web chat inbox", "button"));
    await settle();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ kind: "webchat", name: "Website" });
  });

  it("stays away once a provider channel inbox exists", async () => {
    const { root } = await render([whatsapp]);
    expect(root.textContent).toBe("");
  });
});
