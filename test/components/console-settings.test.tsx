/**
 * The console's settings screens, rendered: admins manage tags, canned responses and
 * conversation types with errors shown beside the field they concern (found before the
 * request, or sent back by the server); agents get no forms; a refused save hides them.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me } from "../../worker/protocol";
import { SETTINGS_TABS, Settings, type SettingsTab } from "../../console/settings/settings";
import { resetDirectory, useDirectory } from "../../console/shared/use-directory";
import { byText, click, mount, settle, type } from "./fakes";
import { installSettingsServer } from "./console-settings-server";
import { PROFILE } from "./console-fixtures";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
const agent: Me = { agent: { id: "a2", name: "Bruno", email: "bruno@example.com", role: "agent" }, teamIds: [], profile: PROFILE };

let unmount: (() => void) | null = null;
afterEach(async () => {
  // In act: Preact runs an unmounted component's effect cleanups after paint, and the
  // directory may only forget its copy once nothing is listening.
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

async function open(me: Me, tab: SettingsTab = "tags") {
  const view = await mount(<Settings me={me} initialTab={tab} />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

/** The control labelled `label` (via <label for>), inside `root`. */
function field<T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string): T {
  const el = [...root.querySelectorAll("label")].find((l) => l.textContent?.trim() === label);
  const control = el && root.querySelector<T>(`[id="${el.htmlFor}"]`);
  if (!control) throw new Error(`no field labelled ${label}`);
  return control;
}

/** The error text tied to `control` by aria-describedby, if any. */
function errorOf(control: HTMLElement): string | null {
  const ids = control.getAttribute("aria-describedby")?.split(" ") ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains("field-error"));
  return error?.textContent ?? null;
}

function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent?.trim()) === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

async function submit(form: HTMLFormElement | null) {
  await act(() => void form!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  await settle();
}

/** Clicks the row's Edit (or Rename) button; returns the row, now a form. */
async function startEditing(root: ParentNode, label: string): Promise<Element> {
  await click(button(root, label));
  return root.querySelector(".settings-row--editing")!;
}

/** Delete, then "Yes, delete", and waits for the answer. */
async function deleteConfirmed(root: ParentNode, label: string) {
  await click(button(root, label));
  await click(button(root, "Yes, delete"));
  await settle();
}

describe("who may change settings", () => {
  it("shows an agent a note instead of forms, and asks the server for nothing", async () => {
    const server = installSettingsServer();
    const root = await open(agent);
    expect(root.textContent).toContain("Only administrators can change settings");
    expect(root.querySelector("form")).toBeNull();
    expect(root.querySelector('[role="tablist"]')).toBeNull();
    expect(server.calls).toEqual([]);
  });

  it("hides the forms and says why when the server refuses a save with 403", async () => {
    const server = installSettingsServer();
    const root = await open(admin);
    server.failNext({ method: "POST", path: /\/tags$/, status: 403, body: { error: { code: "forbidden", message: "This needs the admin role." } } });
    await type(field(root, "Name"), "billing");
    await submit(root.querySelector("form"));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain("You no longer have permission");
    expect(root.querySelector("form")).toBeNull();
  });
});

describe("tags", () => {
  it("checks the name and colour before sending, and ties each message to its field", async () => {
    const server = installSettingsServer();
    const root = await open(admin);
    const name = field(root, "Name");
    const hex = field(root, "Hex code");
    await type(hex, "#12");
    await submit(root.querySelector("form"));

    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(errorOf(name)).toBe("Give it a name of 1–60 characters.");
    expect(hex.getAttribute("aria-invalid")).toBe("true");
    expect(errorOf(hex)).toBe("Use a hex colour like #1f883d.");
    expect(server.calls.filter((c) => c.method === "POST")).toEqual([]);

    // Fixed, the messages go and the tag is created.
    await type(name, "  billing ");
    await click(button(root, "Use #0969da"));
    await submit(root.querySelector("form"));
    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({ name: "billing", color: "#0969da" });
    expect(name.getAttribute("aria-invalid")).toBe("false");
    expect(errorOf(name)).toBeNull();
    expect(root.querySelector(".settings-list")?.textContent).toContain("billing");
    expect(root.querySelector('[role="status"]')?.textContent).toBe("“billing” created.");
  });

  it("shows the server's validation issues and conflicts next to the field", async () => {
    const server = installSettingsServer({ tags: [{ id: "t1", name: "Billing", color: "#cf222e" }] });
    const root = await open(admin);
    await type(field(root, "Name"), "billing");
    await submit(root.querySelector("form"));
    expect(errorOf(field(root, "Name"))).toBe("That name is taken.");
    expect(root.querySelector('[role="alert"]')?.textContent).toBe("Please fix the highlighted fields.");

    server.failNext({
      method: "POST",
      path: /\/tags$/,
      status: 400,
      body: { error: { code: "validation_failed", message: "The body is not valid.", issues: [{ path: ["color"], message: "not a colour we can show" }] } },
    });
    await type(field(root, "Name"), "bugs");
    await submit(root.querySelector("form"));
    expect(errorOf(field(root, "Hex code"))).toBe("not a colour we can show");
    expect(field(root, "Hex code").getAttribute("aria-invalid")).toBe("true");
    expect(errorOf(field(root, "Name"))).toBeNull();
  });

  it("renames and recolours a tag in place", async () => {
    const server = installSettingsServer({ tags: [{ id: "t1", name: "bug", color: "#cf222e" }] });
    const root = await open(admin);
    const row = await startEditing(root, "Edit tag bug");
    expect(document.activeElement).toBe(field(row, "Name"));
    await type(field(row, "Name"), "defect");
    await type(field(row, "Hex code"), "#8250DF");
    await submit(row.querySelector("form"));

    expect(server.calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/v1/tags/t1", body: { name: "defect", color: "#8250DF" } });
    expect(root.querySelector(".settings-row--editing")).toBeNull();
    expect(byText(root, "defect")).not.toBeNull();
    expect(document.activeElement).toBe(button(root, "Edit tag defect"));
  });

  it("deletes only after confirming, and Cancel leaves the tag alone", async () => {
    const server = installSettingsServer({ tags: [{ id: "t1", name: "spam", color: "#6e7781" }] });
    const root = await open(admin);
    await click(button(root, "Delete tag spam"));
    expect(root.querySelector('[role="group"].confirm')?.textContent).toContain("Delete “spam”? This cannot be undone.");
    expect(document.activeElement).toBe(button(root, "Cancel"));
    await click(button(root, "Cancel"));
    expect(server.calls.some((c) => c.method === "DELETE")).toBe(false);
    expect(document.activeElement).toBe(button(root, "Delete tag spam"));

    await deleteConfirmed(root, "Delete tag spam");
    expect(server.calls.find((c) => c.method === "DELETE")?.path).toBe("/api/v1/tags/t1");
    expect(server.tags).toEqual([]);
    expect(root.textContent).toContain("No tags yet.");
  });
});

describe("canned responses", () => {
  it("previews the text with sample values, as text and never as HTML", async () => {
    installSettingsServer();
    const root = await open(admin, "canned");
    await type(field<HTMLTextAreaElement>(root, "Text"), 'Olá {{contact.name}} ({{ contact.email }}), sou {{agent.name}}. <img src=x onerror="alert(1)"> {{contact.fax}}');
    const preview = root.querySelector(".canned-preview .preview-text")!;
    expect(preview.textContent).toBe('Olá Maria Silva (maria@example.com), sou Ana Admin. <img src=x onerror="alert(1)"> {{contact.fax}}');
    expect(root.querySelector(".canned-preview img")).toBeNull();
    expect(preview.children).toHaveLength(0);
  });

  it("lists the variables and inserts one at the cursor", async () => {
    installSettingsServer();
    const root = await open(admin, "canned");
    const text = field<HTMLTextAreaElement>(root, "Text");
    expect([...root.querySelectorAll(".canned-variables code")].map((c) => c.textContent)).toEqual(["{{contact.name}}", "{{contact.email}}", "{{contact.phone}}", "{{agent.name}}"]);
    await type(text, "Hi , thanks");
    text.setSelectionRange(3, 3);
    await click(button(root, "Insert {{contact.name}}"));
    expect(text.value).toBe("Hi {{contact.name}}, thanks");
    expect(root.querySelector(".canned-preview .preview-text")?.textContent).toBe("Hi Maria Silva, thanks");
  });

  it("checks the shortcode, creates, searches, edits and deletes", async () => {
    const server = installSettingsServer({ canned: [{ id: "c1", shortcode: "hello", body: "Hello {{contact.name}}!" }] });
    const root = await open(admin, "canned");
    const shortcode = field(root, "Shortcode");
    await type(shortcode, "bad code!");
    await type(field<HTMLTextAreaElement>(root, "Text"), "Thanks for waiting.");
    await submit(root.querySelector("form"));
    expect(errorOf(shortcode)).toBe("Use 1–40 lowercase letters, digits, _ or -.");
    expect(shortcode.getAttribute("aria-describedby")).toMatch(/-error .*-hint$/);

    await type(shortcode, "Wait");
    await submit(root.querySelector("form"));
    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({ shortcode: "wait", body: "Thanks for waiting." });
    expect([...root.querySelectorAll(".canned-row code")].map((c) => c.textContent)).toEqual(["/hello", "/wait"]);

    await type(root.querySelector<HTMLInputElement>('input[type="search"]')!, "hello");
    await act(() => new Promise((r) => setTimeout(r, 250)));
    await settle();
    expect(server.calls.at(-1)?.path).toBe("/api/v1/canned-responses?q=hello");
    expect([...root.querySelectorAll(".canned-row code")].map((c) => c.textContent)).toEqual(["/hello"]);

    const row = await startEditing(root, "Edit canned response /hello");
    await type(field<HTMLTextAreaElement>(row, "Text"), "Hi {{contact.name}}, welcome back!");
    await submit(row.querySelector("form"));
    expect(server.canned.find((c) => c.id === "c1")?.body).toBe("Hi {{contact.name}}, welcome back!");
    expect(root.querySelector(".canned-body")?.textContent).toBe("Hi {{contact.name}}, welcome back!");

    await deleteConfirmed(root, "Delete canned response /hello");
    expect(server.canned.map((c) => c.shortcode)).toEqual(["wait"]);
  });
});

describe("conversation types", () => {
  it("adds, renames (errors beside the field) and deletes", async () => {
    const server = installSettingsServer({ types: [{ id: "y1", name: "Question" }] });
    const root = await open(admin, "types");
    await type(field(root, "Name"), "Complaint");
    await submit(root.querySelector("form"));
    expect(server.types.map((t) => t.name)).toEqual(["Question", "Complaint"]);
    expect([...root.querySelectorAll(".type-name")].map((t) => t.textContent)).toEqual(["Complaint", "Question"]);

    const row = await startEditing(root, "Rename type Question");
    await type(field(row, "Name"), "   ");
    await submit(row.querySelector("form"));
    expect(errorOf(field(row, "Name"))).toBe("Give it a name of 1–60 characters.");
    await type(field(row, "Name"), "complaint");
    await submit(row.querySelector("form"));
    expect(errorOf(field(row, "Name"))).toBe("That name is taken.");
    await type(field(row, "Name"), "Doubt");
    await submit(row.querySelector("form"));
    expect(server.types.map((t) => t.name)).toEqual(["Doubt", "Complaint"]);

    await deleteConfirmed(root, "Delete type Doubt");
    expect(server.types.map((t) => t.name)).toEqual(["Complaint"]);
  });
});

describe("editing in place", () => {
  it("moves the focus into the edit form at once, so what a quick person types next stays where they put it", async () => {
    installSettingsServer({ canned: [{ id: "c1", shortcode: "hello", body: "Hello!" }] });
    const root = await open(admin, "canned");
    // Outside act, as in a browser: nothing waits for Preact's after-paint effects.
    button(root, "Edit canned response /hello").click();
    await new Promise((r) => setTimeout(r, 0));
    const row = root.querySelector(".settings-row--editing")!;
    expect(document.activeElement).toBe(field(row, "Shortcode"));

    // Straight into Text, before the next frame: a late focus move must not take the caret back.
    const text = field<HTMLTextAreaElement>(row, "Text");
    text.focus();
    await new Promise((r) => setTimeout(r, 100));
    expect(document.activeElement).toBe(text);
  });
});

describe("saves that cross a load", () => {
  it("keeps a tag added while the list was still loading", async () => {
    const server = installSettingsServer();
    const release = server.holdNext("GET", /^\/api\/v1\/tags$/);
    const root = await open(admin);
    expect(root.textContent).toContain("Loading…");

    await type(field(root, "Name"), "billing");
    await submit(root.querySelector("form"));
    expect(server.tags.map((t) => t.name)).toEqual(["billing"]);

    // The list's answer was given before the tag existed.
    await release();
    await settle();
    expect([...root.querySelectorAll(".settings-tag")].map((t) => t.textContent)).toEqual(["billing"]);
  });

  it("keeps an edit saved while a search was on its way, and a delete made meanwhile", async () => {
    const server = installSettingsServer({
      canned: [
        { id: "c1", shortcode: "hello", body: "Hello!" },
        { id: "c2", shortcode: "help", body: "How can I help?" },
      ],
    });
    const root = await open(admin, "canned");
    const release = server.holdNext("GET", /\?q=hel$/);
    await type(root.querySelector<HTMLInputElement>('input[type="search"]')!, "hel");
    await act(() => new Promise((r) => setTimeout(r, 250)));
    expect(server.calls.at(-1)?.path).toBe("/api/v1/canned-responses?q=hel");

    const row = await startEditing(root, "Edit canned response /hello");
    await type(field<HTMLTextAreaElement>(row, "Text"), "Hi there!");
    await submit(row.querySelector("form"));
    await deleteConfirmed(root, "Delete canned response /help");

    await release();
    await settle();
    expect([...root.querySelectorAll(".canned-body")].map((b) => b.textContent)).toEqual(["Hi there!"]);
  });
});

describe("the rest of the console", () => {
  /** What the conversation pane's tag and type menus offer. */
  function Menus() {
    const directory = useDirectory();
    return <p class="menus">{[...directory.tags, ...directory.types].map((item) => item.name).join(", ")}</p>;
  }

  async function openWithMenus(tab: SettingsTab) {
    const view = await mount(
      <>
        <Settings me={admin} initialTab={tab} />
        <Menus />
      </>,
    );
    unmount = view.unmount;
    await settle();
    return view.container;
  }

  it("offers a tag in the pane's menus as soon as it is saved, renamed or deleted", async () => {
    installSettingsServer({ tags: [{ id: "t1", name: "bug", color: "#cf222e" }] });
    const root = await openWithMenus("tags");
    const menus = () => root.querySelector(".menus")?.textContent;
    expect(menus()).toBe("bug");

    await type(field(root, "Name"), "billing");
    await submit(root.querySelector("form"));
    expect(menus()).toBe("bug, billing");

    const row = await startEditing(root, "Edit tag bug");
    await type(field(row, "Name"), "defect");
    await submit(row.querySelector("form"));
    expect(menus()).toBe("defect, billing");

    await deleteConfirmed(root, "Delete tag billing");
    await settle();
    expect(menus()).toBe("defect");
  });

  it("offers a renamed conversation type at once", async () => {
    installSettingsServer({ types: [{ id: "y1", name: "Question" }] });
    const root = await openWithMenus("types");
    expect(root.querySelector(".menus")?.textContent).toBe("Question");
    const row = await startEditing(root, "Rename type Question");
    await type(field(row, "Name"), "Doubt");
    await submit(row.querySelector("form"));
    expect(root.querySelector(".menus")?.textContent).toBe("Doubt");
  });
});

describe("inboxes and tabs", () => {
  it("shows each web chat inbox's embed code, and moves between tabs with the arrow keys", async () => {
    installSettingsServer({
      inboxes: [
        { id: "i1", kind: "webchat", name: "Loja", teamId: null, priority: 80, settings: {}, publicKey: "pk_loja", hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 1 },
      ],
    });
    const root = await open(admin, "types");
    const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    expect(tabs.map((t) => t.getAttribute("aria-selected"))).toEqual(SETTINGS_TABS.map((key) => String(key === "types")));
    expect(SETTINGS_TABS.indexOf("types")).toBe(2);
    tabs[2]!.focus();
    await act(() => void tabs[2]!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true })));
    await settle();
    const selected = root.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]')!;
    expect(selected.textContent).toBe("Inboxes");
    expect(document.activeElement).toBe(selected);
    expect(root.querySelector('[role="tabpanel"]')?.getAttribute("aria-labelledby")).toBe(selected.id);
    const snippet = root.querySelector<HTMLTextAreaElement>(".inbox-snippet textarea")!;
    expect(root.querySelector(`label[for="${snippet.id}"]`)?.textContent).toBe("Embed code for Loja");
    expect(snippet.value).toBe(`<script src="${location.origin}/widget.js" data-inbox="pk_loja" async></script>`);
  });
});
