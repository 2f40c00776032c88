/**
 * The consent ledger in Chromium against the real Worker (issue 16): the inbox's pre-chat
 * form offers an opt-in checkbox; the visitor ticks it and the ledger records a grant with
 * exactly the sentence the widget showed; the agent sees it in the contact panel's
 * "Consent (LGPD)" section — state, how, the text shown — and records a revocation the
 * customer asked for on the phone, which the section then shows as the current state.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ContactConsent } from "../../worker/protocol";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { openWidget, useBrowserHarness } from "./harness";
import { seedOwnerAndInbox } from "./seed";

const EN_TEXT = "I want to receive offers and news from Loja Online.";
const PT_TEXT = "Quero receber ofertas e novidades da Loja Online.";
const VISITOR_TEXT = "Do you ship to Recife?";

const chromePath = findChromium();

describe.skipIf(chromePath === null)("consent ledger, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("a ticked pre-chat checkbox is recorded with its exact sentence; the agent sees it and records a revocation", async () => {
    const seed = await seedOwnerAndInbox(h.url);
    const api = new Agent(h.url, seed.cookie);
    await api.setSettings(seed.inboxId, {
      preChatForm: { enabled: true, requireEmail: false, consent: { purposeId: "purpose_marketing", channel: "any", text: { "pt-BR": PT_TEXT, en: EN_TEXT } } },
    });

    const visitor = await h.openPage("/", undefined, { locale: "en-US" });
    const chat = await openWidget(visitor, "Name");
    await chat.getByRole("textbox", { name: "Name" }).fill("Joana Silva");
    const box = chat.getByRole("checkbox", { name: EN_TEXT });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await chat.getByRole("button", { name: "Start chat" }).click();
    const message = chat.getByRole("textbox", { name: "Message" });
    await message.fill(VISITOR_TEXT);
    await message.press("Enter");
    const conversation = await api.conversationWith("Recife");

    const granted = await api.call<ContactConsent>(`/api/v1/contacts/${conversation.contactId}/consent`);
    expect(granted.records.map((r) => [r.action, r.source, r.recordedBy.type, r.textShown, r.channel])).toEqual([["grant", "widget_checkbox", "contact", EN_TEXT, "any"]]);

    const agent = await h.openPage("/console/", (context) => context.addCookies([{ name: "sb_session", value: seed.cookie.split("=")[1]!, url: h.url }]), {
      locale: "en-US",
      viewport: { width: 1440, height: 900 },
    });
    await agent.goto(`${h.url}/console/conversations/${conversation.id}`);
    await h.screenshotOnFailure(agent, "consent-ledger-failure", () => agentSide(agent));
    await h.screenshot(agent, "60-contact-consent");

    const after = await api.call<ContactConsent>(`/api/v1/contacts/${conversation.contactId}/consent`);
    expect(after.records[0]).toMatchObject({ action: "revoke", source: "agent", recordedBy: { type: "agent" }, evidence: "phone call 06/12", channel: "any", purposeId: "purpose_marketing" });
    expect(after.states).toMatchObject([{ channel: "any", purposeId: "purpose_marketing", granted: false }]);
    expect(h.pageErrors).toEqual([]);
  });

  async function agentSide(agent: Page): Promise<void> {
    const panel = agent.getByRole("complementary", { name: "Contact" });
    const consent = panel.getByRole("region", { name: "Consent (LGPD)" });
    await consent.getByText("Granted", { exact: true }).waitFor();
    await consent.getByText("web chat checkbox").waitFor();
    // The sentence as the customer saw it, as text.
    await consent.getByText(EN_TEXT).waitFor();

    await consent.getByText("Record consent").click();
    await consent.getByLabel("Action").selectOption("revoke");
    await consent.getByLabel("Purpose").selectOption({ label: "Marketing" });
    await consent.getByLabel("Channel").selectOption("any");
    await consent.getByLabel("Evidence").fill("phone call 06/12");
    await consent.getByRole("button", { name: "Record", exact: true }).click();
    await consent.getByText("Consent recorded.").waitFor();
    await consent.getByText("Revoked", { exact: true }).waitFor();
    expect(await consent.getByText("Granted", { exact: true }).count()).toBe(0);
  }
});
