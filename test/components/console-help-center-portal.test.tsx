/**
 * Portal settings in the console against a fake API at the fetch boundary: an admin
 * creates a portal and edits one (logo uploaded through the upload route, colours, custom
 * domain, languages, audience, web chat inbox), the bodies sent are what the form shows;
 * the server's complaints appear beside the fields they name; agents see it read-only.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { HelpCenterPage } from "../../console/help-center/help-center-page";
import { s } from "../../console/help-center/strings";
import { click, installFetch, labelled, mount, settle, type } from "./fakes";
import { admin, agent, fail, pageReads, portal } from "./console-help-center-fixtures";

const inbox = (id: string, kind: string, name: string) => ({ id, kind, name, teamId: null, priority: 50, settings: {}, publicKey: null, hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 0 });

let unmount: (() => void) | null = null;
const realConfirm = window.confirm;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  window.confirm = realConfirm;
});

const form = (root: HTMLElement, name: string) => root.querySelector<HTMLFormElement>(`form[aria-label="${name}"]`)!;
const errorBeside = (control: HTMLElement) => control.closest(".settings-field")!.querySelector(".field-error")?.textContent;
async function choose(select: HTMLSelectElement, value: string) {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
async function pick(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  await act(() => void input.dispatchEvent(new Event("change", { bubbles: true })));
  await settle();
}

describe("portal settings", () => {
  it("an admin edits a portal: logo uploaded, every field sent, errors shown per field", async () => {
    let patches = 0;
    const calls = installFetch([
      ({ url }) => (url.pathname === "/api/v1/inboxes" ? { body: { inboxes: [inbox("i1", "webchat", "Site"), inbox("i2", "whatsapp", "Zap")] } } : undefined),
      ({ method, url }) => (method === "POST" && url.pathname === "/api/v1/help-center/uploads" ? { status: 201, body: { id: "f9", url: "/hc-files/f9", contentType: "image/png", size: 4 } } : undefined),
      ({ method, url, body }) => {
        if (method !== "PATCH" || url.pathname !== "/api/v1/help-center/portals/p1") return undefined;
        patches += 1;
        if (patches === 1) return fail(400, "validation_failed", "Invalid body", [{ path: ["slug"], message: "1–48 of a–z 0–9 and inner -" }, { path: ["customDomain"], message: "a hostname such as help.example.com" }]);
        if (patches === 2) return fail(404, "inbox_not_found", "No web chat inbox with that id.");
        return { body: { ...portal, ...(body as object), updatedAt: 2 } };
      },
      ...pageReads(),
    ]);
    const view = await mount(<HelpCenterPage me={admin} />);
    unmount = view.unmount;
    await settle();
    const f = form(view.container, s.portalSettings);
    expect(f.querySelectorAll("option[value=i2]")).toHaveLength(0); // only web chat inboxes are offered
    await type(labelled(f, s.portalName), "Central de ajuda");
    await type(labelled(f, s.portalSlug), "Ajuda Nova");
    await type(labelled(f, s.customDomain), " help.example.com ");
    await type(labelled(f, s.primaryColor), "#aa0000");
    await choose(labelled<HTMLSelectElement>(f, s.audience), "customers");
    await choose(labelled<HTMLSelectElement>(f, s.chatInbox), "i1");
    const es = [...f.querySelectorAll("label")].find((l) => l.textContent?.trim() === "es")!.querySelector("input")!;
    await act(() => es.click());
    const png = new File([new Uint8Array([137, 80, 78, 71])], "logo.png", { type: "image/png" });
    await pick(f.querySelector<HTMLInputElement>(`input[type=file][aria-label="${s.uploadLogo}"]`)!, png);
    const upload = calls.find((c) => c.path === "/api/v1/help-center/uploads")!;
    expect(upload.headers.get("Content-Type")).toBe("image/png");
    expect(upload.body).toBe(png);
    expect(f.querySelector("img")!.getAttribute("src")).toBe("/hc-files/f9");

    await click(f.querySelector("button[type=submit]"));
    await settle();
    const sent = calls.filter((c) => c.method === "PATCH")[0]!.body as Record<string, unknown>;
    expect(sent).toEqual({
      name: "Central de ajuda", slug: "Ajuda Nova", logoFileId: "f9", primaryColor: "#aa0000", backgroundColor: "#ffffff", customDomain: "help.example.com",
      defaultLocale: "pt-BR", locales: ["pt-BR", "en", "es"], audience: "customers", chatInboxId: "i1",
    });
    expect(errorBeside(labelled(f, s.portalSlug))).toBe("1–48 of a–z 0–9 and inner -");
    expect(labelled(f, s.portalSlug).getAttribute("aria-invalid")).toBe("true");
    expect(errorBeside(labelled(f, s.customDomain))).toBe("a hostname such as help.example.com");
    expect(errorBeside(labelled(f, s.portalName))).toBeUndefined();
    expect(f.querySelector("[role=alert]")!.textContent).toBe(s.checkFields);

    await type(labelled(f, s.portalSlug), "ajuda-nova");
    await click(f.querySelector("button[type=submit]"));
    await settle();
    expect(errorBeside(labelled(f, s.chatInbox))).toBe("No web chat inbox with that id.");
    expect(errorBeside(labelled(f, s.portalSlug))).toBeUndefined();

    await click(f.querySelector("button[type=submit]"));
    await settle();
    expect(calls.filter((c) => c.method === "PATCH")[2]!.body).toMatchObject({ slug: "ajuda-nova" });
    expect(f.querySelector("[role=status]")!.textContent).toBe(s.portalSaved);
    expect(view.container.querySelector("select option[value=p1]")!.textContent).toBe("Central de ajuda");
  });

  it("an admin creates the first portal; a taken slug is reported", async () => {
    let posts = 0;
    const calls = installFetch([
      ({ method, url, body }) => {
        if (method !== "POST" || url.pathname !== "/api/v1/help-center/portals") return undefined;
        posts += 1;
        return posts === 1 ? fail(409, "conflict", "Another portal already has this slug or custom domain.") : { status: 201, body: { ...portal, ...(body as object) } };
      },
      ...pageReads([]),
    ]);
    const view = await mount(<HelpCenterPage me={admin} />);
    unmount = view.unmount;
    await settle();
    const f = form(view.container, s.newPortal);
    await type(labelled(f, s.portalName), "Ajuda");
    await type(labelled(f, s.portalSlug), "ajuda");
    await click(f.querySelector("button[type=submit]"));
    await settle();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      name: "Ajuda", slug: "ajuda", logoFileId: null, primaryColor: "#1f6feb", backgroundColor: "#ffffff", customDomain: null,
      defaultLocale: "pt-BR", locales: ["pt-BR", "en", "es"], audience: "public", chatInboxId: null,
    });
    expect(f.querySelector("[role=alert]")!.textContent).toBe("Another portal already has this slug or custom domain.");
    await click(f.querySelector("button[type=submit]"));
    await settle();
    expect(view.container.querySelector("select option[value=p1]")!.textContent).toBe("Ajuda");
  });

  it("an admin deletes an empty portal after confirming; a portal with articles is refused with the reason", async () => {
    let deletes = 0;
    const calls = installFetch([
      ({ method, url }) => {
        if (method !== "DELETE" || url.pathname !== "/api/v1/help-center/portals/p1") return undefined;
        deletes += 1;
        return deletes === 1 ? fail(409, "conflict", "Delete the portal's articles first.") : { body: { ok: true } };
      },
      ...pageReads(),
    ]);
    const view = await mount(<HelpCenterPage me={admin} />);
    unmount = view.unmount;
    await settle();
    const f = form(view.container, s.portalSettings);
    const answers = [false, true, true];
    const asked: string[] = [];
    window.confirm = (message?: string) => (asked.push(String(message)), answers.shift()!);
    const button = [...f.querySelectorAll("button")].find((b) => b.textContent === s.deletePortal)!;
    await click(button);
    await settle();
    expect(asked).toEqual([s.confirmDeletePortal]);
    expect(calls.filter((c) => c.method === "DELETE")).toHaveLength(0); // not confirmed: nothing sent
    await click(button);
    await settle();
    expect(f.querySelector("[role=alert]")!.textContent).toBe(s.portalNotEmpty);
    expect(view.container.querySelector("select option[value=p1]")).not.toBeNull();
    await click(button);
    await settle();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/help-center/portals/p1", "/api/v1/help-center/portals/p1"]);
    expect(view.container.querySelector("select option[value=p1]")).toBeNull();
    expect(form(view.container, s.portalSettings)).toBeNull();
  });

  it("shows agents the settings read-only, with no way to create or save", async () => {
    installFetch(pageReads());
    const view = await mount(<HelpCenterPage me={agent} />);
    unmount = view.unmount;
    await settle();
    expect(form(view.container, s.newPortal)).toBeNull();
    const f = form(view.container, s.portalSettings);
    expect(f.textContent).toContain(s.readOnly);
    expect(f.querySelector("fieldset")!.disabled).toBe(true);
    expect(f.querySelector("button[type=submit]")).toBeNull();
    expect([...f.querySelectorAll("button")].some((b) => b.textContent === s.deletePortal)).toBe(false);
    expect(labelled(f, s.portalName).value).toBe("Ajuda");
  });
});
