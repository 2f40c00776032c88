/**
 * Settings → Inboxes → Bot against a fake API at the fetch boundary: a new bot starts
 * from the defaults in the admin's language; the admin switches it on, adds an option
 * that routes to a team and saves the whole bot; a bad timeout never leaves the form; the
 * strings exist in en, pt-BR and es with the same keys.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { BotSection } from "../../console/settings/bot-section";
import { BOT_STRINGS, bs } from "../../console/settings/bot-strings";
import { defaultMenuBot, type MenuBot } from "../../worker/protocol";
import { locale } from "../../console/i18n";
import { installFetch, mount, settle } from "./fakes";

const teams = [{ id: "t1", name: "Geral" }, { id: "t2", name: "Financeiro" }];

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

function fakeServer(stored: MenuBot | null) {
  return installFetch([
    ({ method, url, body }) => {
      if (url.pathname === "/api/v1/teams") return { body: { teams } };
      if (url.pathname === "/api/v1/inboxes/i1/bot" && method === "GET") return { body: { bot: stored } };
      if (url.pathname === "/api/v1/inboxes/i1/bot" && method === "PUT") return { body: { bot: body } };
      return undefined;
    },
  ]);
}

async function form() {
  const mounted = await mount(<BotSection inboxId="i1" onForbidden={() => {}} />);
  unmount = mounted.unmount;
  await settle();
  return mounted.container;
}

const input = (root: ParentNode, name: string) => root.querySelector<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(`[name="${name}"]`)!;
async function change(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string, event = "input") {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event(event, { bubbles: true }));
  });
}

describe("the bot form", () => {
  it("starts a new bot from the defaults, and saves it switched on with a team option", async () => {
    const calls = fakeServer(null);
    const root = await form();
    const defaults = defaultMenuBot(locale);
    expect(input(root, "greeting").value).toBe(defaults.greeting);
    expect(root.querySelectorAll(".bot-option")).toHaveLength(defaults.options.length);

    await act(() => input(root, "enabled").click());
    await act(() => [...root.querySelectorAll("button")].find((b) => b.textContent === bs.addOption)!.click());
    const n = defaults.options.length + 1;
    await change(input(root, `option-${n}-label`), "Financeiro");
    await change(input(root, `option-${n}-action`), "team", "change");
    await change(input(root, `option-${n}-team`), "t2", "change");
    await change(input(root, "handoffWords"), "atendente, humano");
    await act(() => void root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true })));
    await settle();

    const put = calls.find((c) => c.method === "PUT")!;
    expect(put.path).toBe("/api/v1/inboxes/i1/bot");
    expect(put.body).toEqual({ ...defaults, enabled: true, handoffWords: ["atendente", "humano"], options: [...defaults.options, { label: "Financeiro", action: { type: "team", teamId: "t2" } }] });
    expect(root.querySelector('[role="status"]')!.textContent).toBe(bs.saved);
  });

  it("never sends a bot with a bad timeout", async () => {
    const calls = fakeServer({ ...defaultMenuBot("pt-BR"), enabled: true });
    const root = await form();
    expect(input(root, "greeting").value).toBe(defaultMenuBot("pt-BR").greeting);
    await change(input(root, "timeoutMinutes"), "0");
    await act(() => void root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true })));
    await settle();
    expect(calls.filter((c) => c.method === "PUT")).toEqual([]);
    expect(root.textContent).toContain(bs.timeoutInvalid);
  });

  it("has every string in en, pt-BR and es", () => {
    const keys = Object.keys(BOT_STRINGS.en).sort();
    expect(Object.keys(BOT_STRINGS["pt-BR"]).sort()).toEqual(keys);
    expect(Object.keys(BOT_STRINGS.es).sort()).toEqual(keys);
    expect(BOT_STRINGS["pt-BR"].actions.human).toBe("Passar para uma pessoa");
  });
});
