/**
 * The settings screen's "saved" note belongs to the save that made it: the next attempt
 * (a form submitted, a delete confirmed) clears it, so a success never stands beside the
 * error of the attempt after it.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { resetDirectory } from "../../console/shared/use-directory";
import { click, mount, settle, type } from "./fakes";
import { installSettingsServer } from "./console-settings-server";
import { PROFILE } from "./console-fixtures";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

async function open() {
  const view = await mount(<Settings me={admin} initialTab="tags" />);
  unmount = view.unmount;
  await settle();
  const root = view.container;
  const status = () => root.querySelector('[role="status"]')?.textContent ?? "";
  const submit = async () => {
    await act(() => void root.querySelector("form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
    await settle();
  };
  const nameField = () => root.querySelector<HTMLInputElement>(".settings-section > form input")!;
  return { root, status, submit, nameField };
}

describe("the settings status note", () => {
  it("clears when the next save fails its checks or is refused by the server", async () => {
    const server = installSettingsServer();
    const { root, status, submit, nameField } = await open();
    await type(nameField(), "billing");
    await submit();
    expect(status()).toBe("“billing” created.");

    await type(nameField(), ""); // fails the form's own check
    await submit();
    expect(root.querySelector('[aria-invalid="true"]')).not.toBeNull();
    expect(status()).toBe("");

    await type(nameField(), "bugs");
    await submit();
    expect(status()).toBe("“bugs” created.");
    server.failNext({ method: "POST", path: /\/tags$/, status: 500, body: { error: { code: "internal", message: "D1 is down" } } });
    await type(nameField(), "sales");
    await submit();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain("D1 is down");
    expect(status()).toBe("");
  });

  it("clears when a delete fails", async () => {
    const server = installSettingsServer({ tags: [{ id: "t1", name: "spam", color: "#6e7781" }] });
    const { root, status, submit, nameField } = await open();
    await type(nameField(), "billing");
    await submit();
    expect(status()).toBe("“billing” created.");
    server.failNext({ method: "DELETE", path: /\/tags\/t1$/, status: 500, body: { error: { code: "internal", message: "D1 is down" } } });
    await click(root.querySelector('button[aria-label="Delete tag spam"]'));
    await click([...root.querySelectorAll<HTMLButtonElement>("button")].find((b) => b.textContent?.trim() === "Yes, delete")!);
    await settle();
    expect(root.textContent).toContain("D1 is down");
    expect(status()).toBe("");
  });
});
