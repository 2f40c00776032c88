/**
 * The invite page: reads the token from an invite link's fragment, sends the chosen name
 * and password to accept it, signs in on success, and explains a used, expired or
 * unknown link in the console's words. And its strings complete in pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me } from "../../worker/protocol";
import { InviteForm, inviteToken } from "../../console/invite-form";
import { INVITE_STRINGS } from "../../console/invite-strings";
import { installFetch, mount, settle } from "./fakes";
import { PROFILE } from "./console-fixtures";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";
const ME: Me = { agent: { id: "n1", name: "Nina", email: "nina@example.com", role: "agent" }, teamIds: ["t1"], profile: PROFILE };

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

async function fill(root: HTMLElement, name: string, password: string) {
  const [nameInput, passwordInput] = [...root.querySelectorAll("input")] as HTMLInputElement[];
  nameInput!.value = name;
  passwordInput!.value = password;
  await act(() => void root.querySelector("form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  await settle();
}

describe("inviteToken", () => {
  it("reads the token from /console/invite#<token> only", () => {
    expect(inviteToken("/console/invite", `#${TOKEN}`)).toBe(TOKEN);
    expect(inviteToken("/console/invite/", `#${TOKEN}`)).toBe(TOKEN);
    expect(inviteToken("/console/", `#${TOKEN}`)).toBeNull();
    expect(inviteToken("/console/invite", "")).toBeNull();
    expect(inviteToken("/console/invite", "#<script>")).toBeNull();
  });
});

describe("the invite page", () => {
  it("accepts with the chosen name and password and hands over the signed-in agent", async () => {
    const calls = installFetch([({ method, url }) => (method === "POST" && url.pathname === `/api/v1/invites/${TOKEN}/accept` ? { status: 201, body: ME } : undefined)]);
    history.replaceState(null, "", `/console/invite#${TOKEN}`);
    expect(location.hash).toBe(`#${TOKEN}`);
    let done: Me | null = null;
    const view = await mount(<InviteForm token={TOKEN} onDone={(me) => (done = me)} onSignIn={() => undefined} />);
    unmount = view.unmount;
    await fill(view.container, "Nina", "a long enough password");
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([["POST", `/api/v1/invites/${TOKEN}/accept`, { name: "Nina", password: "a long enough password" }]]);
    expect(done).toEqual(ME);
    // The used token leaves the address bar.
    expect(location.pathname + location.hash).toBe("/console/");
  });

  it.each([
    ["invite_used", 410, "This invite was already used. Sign in, or ask an admin for a new one."],
    ["invite_expired", 410, "This invite has expired. Ask an admin for a new one."],
    ["invite_not_found", 404, "This invite link is not valid. Check you copied all of it."],
  ])("explains %s and offers the sign-in", async (code, status, text) => {
    installFetch([() => ({ status, body: { error: { code, message: "server words" } } })]);
    let signIn = 0;
    const view = await mount(<InviteForm token={TOKEN} onDone={() => undefined} onSignIn={() => signIn++} />);
    unmount = view.unmount;
    await fill(view.container, "Nina", "a long enough password");
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(text);
    const button = [...view.container.querySelectorAll("button")].find((b) => b.textContent === "Go to sign-in")!;
    await act(() => button.click());
    expect(signIn).toBe(1);
  });
});

describe("invite strings", () => {
  it("has every string in pt-BR and es, translated", () => {
    const keys = Object.keys(INVITE_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      expect(Object.keys(INVITE_STRINGS[locale])).toEqual(keys);
      for (const key of keys) {
        const text = INVITE_STRINGS[locale][key as keyof typeof INVITE_STRINGS.en];
        expect(text.trim(), key).not.toBe("");
        expect(text, key).not.toBe(INVITE_STRINGS.en[key as keyof typeof INVITE_STRINGS.en]);
      }
    }
  });
});
