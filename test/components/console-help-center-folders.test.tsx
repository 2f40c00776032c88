/**
 * Folders inside a portal's categories, against a fake API at the fetch boundary: an admin
 * adds, renames and deletes a folder (the bodies sent and the list re-read after each),
 * the server's refusal is shown; agents see the folders as text with no controls.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { HelpCenterPage } from "../../console/help-center/help-center-page";
import { s } from "../../console/help-center/strings";
import { byText, click, installFetch, mount, settle, type } from "./fakes";
import { admin, agent, fail, pageReads } from "./console-help-center-fixtures";

const folder = { id: "f1", categoryId: "c1", name: "Senha", translations: {}, position: 0 };
const category = { id: "c1", portalId: "p1", slug: "conta", name: "Conta", description: "", translations: {}, position: 0, folders: [folder] };

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

const input = (root: HTMLElement, label: string) => root.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;

describe("folders", () => {
  it("an admin adds, renames and deletes a folder; a refusal is shown", async () => {
    let posts = 0;
    const calls = installFetch([
      ({ method, url }) => {
        if (method !== "POST" || url.pathname !== "/api/v1/help-center/categories/c1/folders") return undefined;
        posts += 1;
        return posts === 1 ? fail(400, "validation_failed", "Invalid body", [{ path: ["name"], message: "Too small" }]) : { status: 201, body: { ...folder, id: "f2", name: "Faturas" } };
      },
      ({ method, url, body }) => (method === "PATCH" && url.pathname === "/api/v1/help-center/folders/f1" ? { body: { ...folder, ...(body as object) } } : undefined),
      ({ method, url }) => (method === "DELETE" && url.pathname === "/api/v1/help-center/folders/f1" ? { body: { ok: true } } : undefined),
      ...pageReads(undefined, [category]),
    ]);
    const view = await mount(<HelpCenterPage me={admin} />);
    unmount = view.unmount;
    await settle();
    const reads = () => calls.filter((c) => c.method === "GET" && c.path === "/api/v1/help-center/portals/p1/categories").length;
    const before = reads();

    await click(byText(view.container, s.addFolder, "button"));
    await settle();
    expect(view.container.querySelector("[role=alert]")!.textContent).toBe("Invalid body");
    await type(input(view.container, s.newFolder("Conta")), "Faturas");
    await click(byText(view.container, s.addFolder, "button"));
    await settle();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([{ name: "" }, { name: "Faturas" }]);
    expect(view.container.querySelector("[role=alert]")).toBeNull();
    expect(input(view.container, s.newFolder("Conta")).value).toBe("");
    expect(reads()).toBe(before + 1);

    await type(input(view.container, s.folderName("Senha")), "Senha e acesso");
    await click(byText(view.container, s.rename, "button"));
    await settle();
    expect(calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/v1/help-center/folders/f1", body: { name: "Senha e acesso" } });

    await click(byText(view.container, s.remove, "button"));
    await settle();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/help-center/folders/f1"]);
    expect(reads()).toBe(before + 3);
  });

  it("shows agents the folders as text, with no controls", async () => {
    installFetch(pageReads(undefined, [category]));
    const view = await mount(<HelpCenterPage me={agent} />);
    unmount = view.unmount;
    await settle();
    const list = view.container.querySelector(".hc-folders")!;
    expect(list.textContent).toContain("Conta");
    expect(list.textContent).toContain("Senha");
    expect(list.querySelectorAll("input, button")).toHaveLength(0);
  });
});

describe("categories", () => {
  it("an admin adds a category with its slug; the list is re-read; a refusal is shown", async () => {
    let posts = 0;
    const calls = installFetch([
      ({ method, url }) => {
        if (method !== "POST" || url.pathname !== "/api/v1/help-center/portals/p1/categories") return undefined;
        posts += 1;
        return posts === 1 ? fail(409, "conflict", "That slug is taken") : { status: 201, body: { ...category, id: "c2", slug: "pedidos", name: "Pedidos", folders: [] } };
      },
      ...pageReads(undefined, [category]),
    ]);
    const view = await mount(<HelpCenterPage me={admin} />);
    unmount = view.unmount;
    await settle();
    const reads = () => calls.filter((c) => c.method === "GET" && c.path === "/api/v1/help-center/portals/p1/categories").length;
    const before = reads();
    await type(input(view.container, s.categoryName), "Pedidos");
    await type(input(view.container, s.categorySlug), "conta");
    await click(byText(view.container, s.addCategory, "button"));
    await settle();
    expect(view.container.querySelector(".hc-new-category [role=alert]")!.textContent).toBe("That slug is taken");
    await type(input(view.container, s.categorySlug), "pedidos");
    await click(byText(view.container, s.addCategory, "button"));
    await settle();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { name: "Pedidos", slug: "conta" },
      { name: "Pedidos", slug: "pedidos" },
    ]);
    expect(input(view.container, s.categoryName).value).toBe("");
    expect(reads()).toBe(before + 1);
  });

  it("agents get no form to add one", async () => {
    installFetch([...pageReads(undefined, [category])]);
    const view = await mount(<HelpCenterPage me={agent} />);
    unmount = view.unmount;
    await settle();
    expect(view.container.querySelector(".hc-new-category")).toBeNull();
  });
});
