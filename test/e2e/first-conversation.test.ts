/**
 * The first end-to-end slice, as a new customer would walk it: set up the owner, create
 * a web chat inbox, chat as a visitor on the demo page, answer from the console, and
 * find the conversation still there after the visitor reloads. Real Worker (wrangler dev
 * on workerd with local D1 and Durable Objects), real widget and console, real Chromium.
 */
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { setUpConsole } from "./console-login";
import { openWidget, useBrowserHarness } from "./harness";

const VISITOR_TEXT = "Olá, preciso de ajuda";
const AGENT_REPLY = "Oi! Sou a Ana, como posso ajudar?";

const chromePath = findChromium();

describe.skipIf(chromePath === null)("first conversation, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("carries a visitor's message to the agent and the reply back, and survives a reload", async () => {
    // The owner sets up a fresh install and creates the web chat inbox.
    const agent = await h.openPage("/console/");
    await setUpConsole(agent);
    await agent.getByText("Live", { exact: true }).waitFor();
    await h.screenshot(agent, "01-console-ready");

    // A visitor on the demo page opens the widget and writes.
    const visitor = await h.openPage("/");
    let chat = await openWidget(visitor);
    await chat.getByRole("textbox", { name: "Message" }).fill(VISITOR_TEXT);
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    const visitorLog = chat.getByRole("log", { name: "Messages" });
    await visitorLog.getByText(VISITOR_TEXT).waitFor();
    await visitorLog.getByText("Sending…").waitFor({ state: "detached" });
    await h.screenshot(visitor, "02-visitor-wrote");

    // The console's list shows it without a reload (team queue socket), and the agent
    // takes it and answers.
    await agent.getByRole("link", { name: new RegExp(VISITOR_TEXT) }).click();
    const agentLog = agent.getByRole("log", { name: "Messages" });
    await agentLog.getByText(VISITOR_TEXT).waitFor();
    await agent.getByRole("button", { name: "Assign to me" }).click();
    await agent.getByText("Assigned to You").waitFor();
    await agent.getByRole("textbox", { name: "Reply" }).fill(AGENT_REPLY);
    await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
    await agentLog.getByText(AGENT_REPLY).waitFor();
    await h.screenshot(agent, "03-agent-replied");

    // The visitor sees the reply live.
    await visitorLog.getByText(AGENT_REPLY).waitFor();
    await h.screenshot(visitor, "04-visitor-got-reply");

    // After a reload the stored token brings the same conversation back.
    await visitor.reload();
    chat = await openWidget(visitor);
    const reloadedLog = chat.getByRole("log", { name: "Messages" });
    await reloadedLog.getByText(AGENT_REPLY).waitFor();
    expect(await reloadedLog.getByRole("listitem").allInnerTexts()).toEqual([
      expect.stringContaining(VISITOR_TEXT),
      expect.stringContaining(AGENT_REPLY),
    ]);
    await h.screenshot(visitor, "05-visitor-after-reload");

    // Resolve and reopen from the console.
    await agent.getByRole("button", { name: "Resolve", exact: true }).click();
    await agent.getByRole("button", { name: "Reopen" }).click();
    await agent.getByRole("button", { name: "Resolve", exact: true }).waitFor();

    expect(h.pageErrors).toEqual([]);
  });
});
