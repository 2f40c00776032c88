/**
 * The agent's profile page against a fake API: saving sends the profile and tells the
 * app (top bar) about it; an avatar must be https; the password change needs the
 * current password and says so in the agent's words. The alert preferences decide
 * which alerts sound and which show.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me } from "../../worker/protocol";
import { ProfilePage } from "../../console/profile/profile-page";
import { ME_CHANGED_EVENT } from "../../console/profile/profile-api";
import { allowedBy } from "../../console/notify/use-alerts";
import { byText, click, installFetch, mount, settle, type, labelled } from "./fakes";
import { ME, PROFILE } from "./console-fixtures";

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

async function open(me: Me = ME) {
  const view = await mount(<ProfilePage me={me} />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

describe("profile page", () => {
  it("saves name, avatar and alert preferences, and hands the new Me to the app", async () => {
    const calls = installFetch([
      ({ method, url, body }) =>
        method === "PATCH" && url.pathname === "/api/v1/me"
          ? { body: { ...ME, agent: { ...ME.agent, name: (body as { name: string }).name }, profile: { ...PROFILE, ...(body as object) } } }
          : undefined,
    ]);
    const heard: Me[] = [];
    const listen = (e: Event) => heard.push((e as CustomEvent<Me>).detail);
    addEventListener(ME_CHANGED_EVENT, listen);
    const root = await open();
    await type(labelled(root, "Name"), "Ana Souza");
    await type(labelled(root, "Avatar image URL"), "https://images.example.com/ana.png");
    await click(labelled(root, "Play a sound"));
    await click(byText(root, "Save profile", "button"));
    await settle();
    removeEventListener(ME_CHANGED_EVENT, listen);
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({
      name: "Ana Souza",
      avatarUrl: "https://images.example.com/ana.png",
      language: null,
      notifications: { sound: false, desktop: true, newMessage: true, newConversation: true },
    });
    expect(heard[0]?.agent.name).toBe("Ana Souza");
    expect(root.textContent).toContain("Profile saved.");
  });

  it("refuses an avatar address that is not https, without a request", async () => {
    const calls = installFetch([]);
    const root = await open();
    await type(labelled(root, "Avatar image URL"), "javascript:alert(1)");
    await click(byText(root, "Save profile", "button"));
    await settle();
    expect(calls).toHaveLength(0);
    expect(labelled(root, "Avatar image URL").getAttribute("aria-invalid")).toBe("true");
    expect(root.querySelector("img")).toBeNull();
  });

  it("says a wrong current password beside its field, and confirms a change", async () => {
    let wrong = true;
    installFetch([
      ({ url }) =>
        url.pathname === "/api/v1/me/password"
          ? wrong
            ? { status: 403, body: { error: { code: "invalid_credentials", message: "The current password is wrong.", issues: [{ path: ["currentPassword"], message: "The current password is wrong." }] } } }
            : { body: { ok: true } }
          : undefined,
    ]);
    const root = await open();
    await type(labelled(root, "Current password"), "not mine");
    await type(labelled(root, "New password"), "a brand new passphrase");
    await click(byText(root, "Change password", "button"));
    await settle();
    expect(labelled(root, "Current password").getAttribute("aria-invalid")).toBe("true");
    expect(root.textContent).toContain("That is not your current password.");
    wrong = false;
    await type(labelled(root, "Current password"), "the right one");
    await type(labelled(root, "New password"), "a brand new passphrase");
    await click(byText(root, "Change password", "button"));
    await settle();
    expect(root.textContent).toContain("Password changed. Other sessions were signed out.");
    expect(labelled(root, "New password").value).toBe("");
  });
});

describe("alert preferences", () => {
  it("silence and hide alerts per kind and per channel", () => {
    const prefs = { sound: false, desktop: true, newMessage: true, newConversation: false };
    expect(allowedBy(prefs, "message")).toEqual({ desktop: true, sound: false });
    expect(allowedBy(prefs, "queue")).toEqual({ desktop: false, sound: false });
    expect(allowedBy(undefined, "queue")).toEqual({ desktop: true, sound: true });
  });
});
