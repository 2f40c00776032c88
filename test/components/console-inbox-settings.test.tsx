/**
 * Settings → Inboxes and Teams, rendered against a fake API at the fetch boundary: an
 * admin adds a second web chat inbox and sees its embed code at once, edits one inbox's
 * settings (the whole settings object goes out, defaults filled in), generates an
 * identity secret that is shown once, and renames a team.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Inbox, Me } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { byText, click, installFetch, mount, settle, type, labelled } from "./fakes";
import { PROFILE } from "./console-fixtures";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const loja: Inbox = { id: "i1", kind: "webchat", name: "Loja", teamId: null, priority: 50, settings: { greeting: "Oi" }, publicKey: "pk_loja", hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 1 };

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

function fakeServer() {
  const inboxes: Inbox[] = [{ ...loja }];
  const teams = [{ id: "t1", name: "General" }];
  let secrets = 0;
  const calls = installFetch([
    ({ method, url, body }) => {
      if (url.pathname === "/api/v1/inboxes" && method === "GET") return { body: { inboxes } };
      if (url.pathname === "/api/v1/inboxes" && method === "POST") {
        const made: Inbox = { ...loja, id: "i2", name: (body as { name: string }).name, publicKey: "pk_docs", settings: {} };
        inboxes.push(made);
        return { status: 201, body: made };
      }
      const patch = /^\/api\/v1\/inboxes\/([^/]+)$/.exec(url.pathname);
      if (patch && method === "PATCH") {
        const i = inboxes.findIndex((x) => x.id === patch[1]);
        inboxes[i] = { ...inboxes[i]!, ...(body as object) } as Inbox;
        return { body: inboxes[i] };
      }
      if (/\/identity-secret$/.test(url.pathname)) return { status: 201, body: { secret: `secret-${++secrets}-abcdefghijklmnopqrstuvwxyz` } };
      if (url.pathname === "/api/v1/teams" && method === "GET") return { body: { teams } };
      if (url.pathname === "/api/v1/teams/t1" && method === "PATCH") {
        teams[0] = { id: "t1", name: (body as { name: string }).name };
        return { body: teams[0] };
      }
      return undefined;
    },
  ]);
  return { inboxes, calls };
}

async function open(tab: "inboxes" | "teams") {
  const view = await mount(<Settings me={admin} initialTab={tab} />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

describe("Settings → Inboxes", () => {
  it("adds a second web chat inbox and shows its embed code with a Copy button right away", async () => {
    const server = fakeServer();
    const root = await open("inboxes");
    await type(labelled(root, "Name of the new inbox"), "Docs");
    await click(byText(root, "Add web chat inbox", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({ kind: "webchat", name: "Docs" });
    const snippets = [...root.querySelectorAll<HTMLTextAreaElement>(".inbox-snippet textarea")].map((t) => t.value);
    expect(snippets).toHaveLength(2);
    expect(snippets.some((v) => v.includes('data-inbox="pk_docs"'))).toBe(true);
    const docsField = [...root.querySelectorAll<HTMLTextAreaElement>(".inbox-snippet textarea")].find((t) => t.value.includes("pk_docs"))!;
    const copy = docsField.parentElement!.querySelector("button")!;
    expect(copy.textContent).toBe("Copy");
    expect(root.querySelector(`[id="${copy.getAttribute("aria-describedby")}"]`)?.textContent).toBe("Embed code for Docs");
    // The new inbox's editor opens, so the admin can set it up at once.
    expect(root.querySelector('form[aria-label="Settings of Docs"]')).not.toBeNull();
  });

  it("saves the greeting, reply time, position and pre-chat fields as one whole settings object", async () => {
    const server = fakeServer();
    const root = await open("inboxes");
    await click(root.querySelector('[aria-label="Configure Loja"]'));
    const form = root.querySelector<HTMLFormElement>('form[aria-label="Settings of Loja"]')!;
    expect(labelled<HTMLTextAreaElement>(form, "Greeting").value).toBe("Oi");
    await type(labelled<HTMLTextAreaElement>(form, "Greeting"), "Olá! Como podemos ajudar?");
    const reply = labelled<HTMLSelectElement>(form, "Expected reply time");
    reply.value = "hours";
    await act(() => void reply.dispatchEvent(new Event("change", { bubbles: true })));
    await click(labelled(form, "Bottom left"));
    await click(labelled(form, "Ask new customers for their name and e-mail before the first message"));
    await click(labelled(form, "Also ask for a phone number (optional for the customer)"));
    await click(byText(form, "Save inbox settings", "button"));
    await settle();
    const sent = server.calls.find((c) => c.method === "PATCH")?.body as { name: string; settings: Record<string, unknown> };
    expect(sent.name).toBe("Loja");
    expect(sent.settings).toMatchObject({
      greeting: "Olá! Como podemos ajudar?",
      expectedReplyTime: "hours",
      position: "left",
      color: "#1f6feb",
      businessHours: null,
      preChatForm: { enabled: true, requireEmail: false, askPhone: true },
      csat: true,
    });
    expect(root.querySelector('[role="status"]')?.textContent).toContain("“Loja” saved.");
  });

  it("refuses to save a schedule whose day closes before it opens, without a request", async () => {
    const server = fakeServer();
    const root = await open("inboxes");
    await click(root.querySelector('[aria-label="Configure Loja"]'));
    const form = root.querySelector<HTMLFormElement>('form[aria-label="Settings of Loja"]')!;
    await click(labelled(form, "Open on a weekly schedule"));
    await type(form.querySelector<HTMLInputElement>('[aria-label="Monday closes at"]')!, "08:00");
    await click(byText(form, "Save inbox settings", "button"));
    await settle();
    expect(server.calls.some((c) => c.method === "PATCH")).toBe(false);
    expect(form.textContent).toContain("Each open day needs an opening time before its closing time.");
  });

  it("shows a generated identity secret once, then only that one is set", async () => {
    fakeServer();
    const root = await open("inboxes");
    await click(root.querySelector('[aria-label="Configure Loja"]'));
    expect(root.textContent).toContain("No secret yet.");
    await click(byText(root, "Generate secret", "button"));
    await settle();
    const shown = root.querySelector<HTMLTextAreaElement>(".secret-once textarea")!;
    expect(shown.value).toMatch(/^secret-1-/);
    expect(root.textContent).toContain("It will not be shown again.");
    expect(root.textContent).toContain("A secret is set.");
    // Regenerating asks first: the old secret stops working.
    await click(byText(root, "Regenerate secret", "button"));
    expect(root.textContent).toContain("The current secret stops working");
    await click(byText(root, "Yes, regenerate", "button"));
    await settle();
    expect(root.querySelector<HTMLTextAreaElement>(".secret-once textarea")!.value).toMatch(/^secret-2-/);
    // Closing and reopening the editor forgets it: it is not shown again.
    await click(root.querySelector('[aria-label="Configure Loja"]'));
    await click(root.querySelector('[aria-label="Configure Loja"]'));
    expect(root.querySelector(".secret-once")).toBeNull();
  });
});

describe("Settings → Teams", () => {
  it("renames the seeded team", async () => {
    const server = fakeServer();
    const root = await open("teams");
    await click(root.querySelector('[aria-label="Rename team General"]'));
    await type(labelled(root, "Team name"), "Suporte");
    await click(byText(root, "Save", "button"));
    await settle();
    expect(server.calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/v1/teams/t1", body: { name: "Suporte" } });
    expect(root.querySelector(".settings-list")?.textContent).toContain("Suporte");
  });
});
