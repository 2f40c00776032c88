/**
 * Automatic distribution and the visitor's place in line (issue 14), in Chromium against
 * the real Worker: a team hands out conversations by itself ("auto", one conversation per
 * agent); its only agent is away, so two pt-BR visitors who write wait and are told their
 * place ("Você é o próximo", "Você é o número 2 da fila"); the agent switches to online
 * with the top bar's toggle, and the first conversation lands in their Mine view with a
 * desktop notification while the second visitor moves up to next.
 * Notifications are observed through a recording stand-in for `window.Notification`
 * (headless Chromium shows none), installed before the console's scripts run.
 */
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { AssignmentEvent, ConversationSummary } from "../../worker/protocol";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { openWidget, useBrowserHarness } from "./harness";
import { hostPageHtml, serveHostPage } from "./host-page";
import { SEED_OWNER } from "./seed";

const TEAM = "Suporte Loja";
const AGENT = { name: "Diego Souza", email: "diego@example.com", password: "a long and private passphrase" };
const FIRST_TEXT = "Meu pedido 1042 não chegou";
const SECOND_TEXT = "Quero trocar o tamanho da camiseta";
/** The widget's pt-BR words for places 1 and 2 (widget/i18n.ts `inLine`); an estimate of
 * the wait may follow after " · ". */
const NEXT_PT = /^Você é o próximo( · .+)?$/;
const SECOND_PT = /^Você é o número 2 da fila( · .+)?$/;

interface Recorded {
  title: string;
  body: string;
  tag: string;
}

/** Stands in for the Notification API: permission granted, every notification recorded
 * in `window.__notifications` instead of shown. */
function recordNotifications(): void {
  const shown: { title: string; body: string; tag: string }[] = [];
  (window as unknown as { __notifications: typeof shown }).__notifications = shown;
  class RecordingNotification {
    static readonly permission = "granted";
    static requestPermission(): Promise<string> {
      return Promise.resolve("granted");
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options: { body?: string; tag?: string } = {}) {
      shown.push({ title, body: options.body ?? "", tag: options.tag ?? "" });
    }
    close(): void {}
  }
  Object.defineProperty(window, "Notification", { value: RecordingNotification, configurable: true, writable: true });
}

const chromePath = findChromium();

describe.skipIf(chromePath === null)("automatic distribution and the place in line, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("tells waiting visitors their place, then hands the first to the agent who comes online", async () => {
    const { admin, teamId } = await seedAutoTeam(h.url);
    const inbox = await admin.call<{ id: string; publicKey: string }>("/api/v1/inboxes", { json: { kind: "webchat", name: "Loja", teamId } });
    const site = await serveHostPage(hostPageHtml(h.url, inbox.publicKey, { css: "body { font-family: sans-serif; }" }));
    try {
      const desk = await h.openPage("/console/", async (context) => void (await context.addInitScript(recordNotifications)), { locale: "en-US" });
      await h.screenshotOnFailure(desk, "89-distribution-failure", () => walk(desk, site.url, admin));
    } finally {
      await site.close();
    }
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(desk: Page, siteUrl: string, admin: Agent): Promise<void> {
    // The agent signs in, turns alerts on (the bell) and sets themselves away.
    await signIn(desk);
    await desk.getByRole("button", { name: "Alerts" }).click();
    await desk.locator('button.bell[aria-pressed="true"]').waitFor();
    await desk.getByRole("button", { name: "Your status: Online. Change it" }).click();
    await desk.getByRole("button", { name: "Your status: Away. Change it" }).waitFor();
    await desk.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Mine" }).click();
    await desk.getByText("Live", { exact: true }).waitFor();

    // Two visitors write, one after the other; nobody may take them, so both wait.
    const first = await visitorWrites(siteUrl, FIRST_TEXT);
    await place(first, NEXT_PT).waitFor();
    const second = await visitorWrites(siteUrl, SECOND_TEXT);
    await place(second, SECOND_PT).waitFor();
    await place(first, NEXT_PT).waitFor();
    await h.screenshot(second.page, "85-widget-number-2-in-line");
    await h.screenshot(first.page, "86-widget-next-in-line");
    const { id: firstId, contactName: firstName } = await admin.conversationWith(FIRST_TEXT);
    const secondId = (await admin.conversationWith(SECOND_TEXT)).id;
    expect(await assignees(admin, [firstId, secondId])).toEqual([null, null]);
    // Away: nothing was handed to the agent (the queue's "new conversation" alerts may be).
    expect((await notifications(desk)).filter((n) => n.title.startsWith("Assigned to you"))).toEqual([]);

    // Online: the queue gives the head to the agent, and only the head (capacity 1).
    await desk.getByRole("button", { name: "Your status: Away. Change it" }).click();
    await desk.getByRole("button", { name: "Your status: Online. Change it" }).waitFor();
    await mineList(desk).getByRole("listitem").filter({ hasText: FIRST_TEXT }).waitFor();
    const handedOver = { title: `Assigned to you: ${firstName ?? "Visitor"}`, body: FIRST_TEXT, tag: firstId };
    await desk.waitForFunction(
      (expected) => (window as unknown as { __notifications: Recorded[] }).__notifications.some((n) => n.tag === expected.tag && n.title === expected.title),
      handedOver,
    );
    expect((await notifications(desk)).filter((n) => n.title.startsWith("Assigned to you"))).toEqual([handedOver]);

    // The first visitor is no longer waiting; the second one is next.
    await place(first, NEXT_PT).waitFor({ state: "detached" });
    expect((await first.chat.locator(".sb-queue").innerText()).trim()).toBe("");
    await place(second, NEXT_PT).waitFor();
    await h.screenshot(second.page, "87-widget-moved-up-to-next");
    await h.screenshot(desk, "88-console-mine-after-online");

    // What the server holds agrees: the first assigned automatically, the second waiting.
    const handovers = (await admin.events(firstId)).filter((e): e is AssignmentEvent => e.type === "assignment" && e.assigneeId !== null);
    expect(handovers).toEqual([expect.objectContaining({ assigneeName: AGENT.name, reason: "auto" })]);
    expect(await assignees(admin, [firstId, secondId])).toEqual([handovers[0]!.assigneeId, null]);
    expect(await mineList(desk).getByRole("listitem").filter({ hasText: SECOND_TEXT }).count()).toBe(0);
  }

  async function signIn(desk: Page): Promise<void> {
    await desk.getByRole("heading", { name: "Sign in" }).waitFor();
    await desk.getByLabel("E-mail").fill(AGENT.email);
    await desk.getByLabel("Password").fill(AGENT.password);
    await desk.getByRole("button", { name: "Sign in" }).click();
    await desk.getByRole("button", { name: "Log out" }).waitFor();
  }

  async function visitorWrites(siteUrl: string, text: string): Promise<{ page: Page; chat: FrameLocator }> {
    const page = await h.openPage(siteUrl, undefined, { locale: "pt-BR" });
    const chat = await openWidget(page, "Mensagem");
    await chat.getByRole("textbox", { name: "Mensagem" }).fill(text);
    await chat.getByRole("textbox", { name: "Mensagem" }).press("Enter");
    await chat.getByRole("log", { name: "Mensagens" }).getByText("Entregue").waitFor();
    return { page, chat };
  }
});

/** The widget's place-in-line line (widget/ui/queue-place.tsx), a live status region
 * that stays in the page, empty, when the visitor is not waiting. */
function place(visitor: { chat: FrameLocator }, text: RegExp) {
  return visitor.chat.getByRole("status").and(visitor.chat.locator(".sb-queue")).filter({ hasText: text });
}

function mineList(desk: Page) {
  return desk.getByRole("list", { name: "Mine" });
}

/** Each conversation's assignee, as the API lists them. */
async function assignees(admin: Agent, ids: string[]): Promise<(string | null | undefined)[]> {
  const { conversations } = await admin.call<{ conversations: ConversationSummary[] }>("/api/v1/conversations");
  return ids.map((id) => conversations.find((c) => c.id === id)?.assigneeId);
}

async function notifications(desk: Page): Promise<Recorded[]> {
  return desk.evaluate(() => (window as unknown as { __notifications: Recorded[] }).__notifications.slice());
}

/** The owner (over the API, as seed.ts does), a team that hands out one conversation per
 * agent by itself, and an agent who belongs to that team alone. */
async function seedAutoTeam(baseUrl: string): Promise<{ admin: Agent; teamId: string }> {
  const headers = { "Content-Type": "application/json", Origin: baseUrl };
  const setup = await fetch(`${baseUrl}/api/v1/setup`, { method: "POST", headers, body: JSON.stringify(SEED_OWNER) });
  if (setup.status !== 201) throw new Error(`POST /api/v1/setup: ${setup.status} ${await setup.text()}`);
  const session = setup.headers.getSetCookie().find((c) => c.startsWith("sb_session="));
  if (!session) throw new Error("POST /api/v1/setup set no sb_session cookie");
  const admin = new Agent(baseUrl, session.split(";")[0]!);

  const team = await admin.call<{ id: string }>("/api/v1/teams", { json: { name: TEAM, distributionMode: "auto", defaultCapacity: 1 } });
  const agent = await admin.call<{ id: string }>("/api/v1/agents", { json: { ...AGENT, role: "agent" } });
  // A new agent joins the default team (manual); here they belong to the auto team only.
  for (const { id } of (await admin.call<{ teams: { id: string }[] }>("/api/v1/teams")).teams) {
    if (id !== team.id) await admin.call(`/api/v1/teams/${id}/members/${agent.id}`, { method: "DELETE" });
  }
  await admin.call(`/api/v1/teams/${team.id}/members/${agent.id}`, { method: "PUT" });
  return { admin, teamId: team.id };
}
