/**
 * Each automation condition, matching and not: inbox, channel, text contains (whole
 * words, accents and case ignored), contact tag, contact attribute, status, team and
 * business hours. End to end through the pipeline, plus the hours check on its own with
 * a team that is open and one that is closed.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";
import { automationEvents, deleteAllRules, makeRule, runsLogged, settle, writeAgain } from "./automation-kit";
import { conditionsHold, type RuleFacts } from "../../worker/automation/conditions";
import type { BusinessHours } from "../../worker/protocol";

let boss: Client;
let inbox: { id: string; publicKey: string };
let otherInboxId: string;
let tagId: string;
let teamId: string;

beforeAll(async () => {
  boss = await owner();
  inbox = await webchatInbox(boss, "Automation conditions");
  otherInboxId = (await webchatInbox(boss, "Elsewhere")).id;
  tagId = (await call("/api/v1/tags", { method: "POST", json: { name: "vip" }, client: boss })).body.id;
  teamId = (await call("/api/v1/teams", { client: boss })).body.teams[0].id;
});

afterEach(async () => deleteAllRules(boss));

type Setup = { tagIds?: string[]; attributes?: Record<string, string> };

/** A rule with `conditions` (on customer messages: a note), a visitor set up with
 * `setup`, who writes `text`; whether the rule ran. */
async function ran(conditions: Record<string, unknown>, text: string, setup: Setup = {}): Promise<boolean> {
  await makeRule(boss, { trigger: { type: "customer_message" }, conditions, actions: [{ type: "send_note", body: "matched" }] });
  const v = await visitor(inbox.publicKey);
  if (setup.tagIds || setup.attributes) {
    const res = await call(`/api/v1/contacts/${v.contactId}`, { method: "PATCH", json: setup, client: boss });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await writeAgain(v.token, text);
  await settle();
  const runs = await automationEvents(boss, v.conversationId);
  await deleteAllRules(boss);
  return runs.length === 1;
}

describe("conditions", () => {
  it.each([
    ["inbox: this inbox", () => ({ inboxIds: [inbox.id] }), "Hi", {}, true],
    ["inbox: another inbox", () => ({ inboxIds: [otherInboxId] }), "Hi", {}, false],
    ["channel: webchat", () => ({ channels: ["webchat"] }), "Hi", {}, true],
    ["channel: whatsapp only", () => ({ channels: ["whatsapp", "email"] }), "Hi", {}, false],
    ["text: a word, accents and case ignored", () => ({ textContains: ["reembolso", "nota fiscal"] }), "Quero um REEMBÓLSO já!", {}, true],
    ["text: a phrase in a row", () => ({ textContains: ["nota fiscal"] }), "Preciso da Nota Fiscal", {}, true],
    ["text: a word inside another is not it", () => ({ textContains: ["reembolso"] }), "reembolsos? oi", {}, false],
    ["contact tag: carried", () => ({ contactTagIds: [tagId] }), "Hi", { tagIds: ["TAG"] }, true],
    ["contact tag: not carried", () => ({ contactTagIds: [tagId] }), "Hi", {}, false],
    ["attribute: equal (trimmed, case ignored)", () => ({ contactAttribute: { key: "plan", value: "Gold" } }), "Hi", { attributes: { plan: " gold " } }, true],
    ["attribute: different", () => ({ contactAttribute: { key: "plan", value: "gold" } }), "Hi", { attributes: { plan: "silver" } }, false],
    ["status: open", () => ({ statuses: ["open"] }), "Hi", {}, true],
    ["status: resolved only", () => ({ statuses: ["resolved"] }), "Hi", {}, false],
    ["team: the inbox's team", () => ({ teamIds: [teamId] }), "Hi", {}, true],
    ["team: another team", () => ({ teamIds: [otherInboxId] }), "Hi", {}, false],
    ["hours: inside, with no hours kept (always open)", () => ({ hours: "inside" }), "Hi", {}, true],
    ["hours: outside, with no hours kept", () => ({ hours: "outside" }), "Hi", {}, false],
  ] as const)("%s", async (_, conditions, text, setup, expected) => {
    const c = conditions() as Record<string, unknown>;
    const s: Setup = "tagIds" in setup ? { tagIds: [tagId] } : setup;
    // A team id that names no team is refused by the API: use the inbox id only where
    // the test means "another team", through a real second team.
    if (c.teamIds && (c.teamIds as string[])[0] === otherInboxId) c.teamIds = [(await call("/api/v1/teams", { method: "POST", json: { name: `Other ${crypto.randomUUID().slice(0, 6)}` }, client: boss })).body.id];
    expect(await ran(c, text, s)).toBe(expected);
  });

  it("several conditions: all must hold", async () => {
    expect(await ran({ inboxIds: [inbox.id], textContains: ["boleto"] }, "meu boleto")).toBe(true);
    expect(await ran({ inboxIds: [inbox.id], textContains: ["boleto"] }, "minha fatura")).toBe(false);
  });

  it("text conditions never hold on a trigger without text (status changed)", async () => {
    await makeRule(boss, { trigger: { type: "status_changed" }, conditions: { textContains: ["oi"] }, actions: [{ type: "send_note", body: "x" }] });
    const watcher = await makeRule(boss, { trigger: { type: "status_changed" }, actions: [{ type: "send_note", body: "y" }] });
    const v = await visitor(inbox.publicKey);
    await writeAgain(v.token, "oi");
    expect((await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    expect((await runsLogged(boss, v.conversationId)).map((r) => r.ruleId)).toEqual([watcher.id]);
    await settle();
    expect(await automationEvents(boss, v.conversationId)).toHaveLength(1);
  });
});

describe("business hours", () => {
  const closedAllWeek: BusinessHours = { timezone: "America/Sao_Paulo", days: [[], [], [], [], [], [], []] };
  const openAllWeek: BusinessHours = { timezone: "America/Sao_Paulo", days: Array.from({ length: 7 }, () => [[0, 1440]] as Array<[number, number]>) };
  const facts = (hours: BusinessHours | null): RuleFacts => ({ inboxId: "i", channel: "webchat", teamId: "t", status: "open", text: null, contactTagIds: [], contactAttributes: {}, hours });
  const now = new Date("2026-03-04T15:00:00Z");

  it.each([
    ["closed team, outside", closedAllWeek, "outside", true],
    ["closed team, inside", closedAllWeek, "inside", false],
    ["open team, inside", openAllWeek, "inside", true],
    ["open team, outside", openAllWeek, "outside", false],
  ] as const)("%s", (_, hours, state, expected) => {
    expect(conditionsHold({ hours: state }, facts(hours), now)).toBe(expected);
  });
});
