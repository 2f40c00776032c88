/**
 * @module The routing evaluator (worker/routing/route-conversation.ts), as a pure
 * function: rule order, every condition kind matching and not, business hours with
 * overflow and away message.
 */
import { describe, expect, it } from "vitest";
import { overflowWhenUnstaffed, routeConversation, type RoutingFacts, type TeamRoutingFacts } from "../../worker/routing/route-conversation";
import type { BusinessHours, RoutingConditions, RoutingRule } from "../../worker/protocol";

const OPEN_9_TO_18: BusinessHours = { timezone: "UTC", days: Array.from({ length: 7 }, () => [[540, 1080]] as Array<[number, number]>) };
const OPEN_NIGHTS: BusinessHours = { timezone: "UTC", days: Array.from({ length: 7 }, () => [[0, 540], [1080, 1440]] as Array<[number, number]>) };
const NOON = new Date("2026-03-02T12:00:00Z");
const EVENING = new Date("2026-03-02T20:00:00Z");

function team(id: string, extra: Partial<TeamRoutingFacts> = {}): TeamRoutingFacts {
  return { id, businessHours: null, overflowTeamId: null, awayMessage: "", ...extra };
}

function facts(extra: Partial<RoutingFacts> = {}): RoutingFacts {
  const teams = [team("default"), team("billing"), team("sales"), team("vip")];
  return {
    inboxId: "inbox-1",
    channel: "whatsapp",
    recipientAddresses: [],
    senderDomain: null,
    firstMessageText: "Hello there",
    contactTagIds: [],
    portalCategory: null,
    contactAttributes: {},
    defaultTeamId: "default",
    inboxBusinessHours: null,
    teams: new Map(teams.map((t) => [t.id, t])),
    ...extra,
  };
}

let counter = 0;
function rule(teamId: string, conditions: RoutingConditions, extra: Partial<RoutingRule> = {}): RoutingRule {
  counter++;
  return { id: `rule-${counter}`, name: `Rule ${counter}`, position: counter, enabled: true, conditions, teamId, ...extra };
}

function teamFor(conditions: RoutingConditions, f: Partial<RoutingFacts>, now = NOON): string | null {
  return routeConversation([rule("billing", conditions)], facts(f), now).teamId;
}

describe("rule order", () => {
  it("the first enabled rule whose conditions hold wins", () => {
    const first = rule("billing", { channels: ["whatsapp"] });
    const second = rule("sales", { channels: ["whatsapp"] });
    expect(routeConversation([first, second], facts(), NOON)).toEqual({ teamId: "billing", ruleId: first.id, away: null });
    expect(routeConversation([second, first], facts(), NOON).teamId).toBe("sales");
  });

  it("skips disabled rules", () => {
    const off = rule("billing", {}, { enabled: false });
    const on = rule("sales", {});
    expect(routeConversation([off, on], facts(), NOON)).toMatchObject({ teamId: "sales", ruleId: on.id });
  });

  it("a rule that does not match is passed over for a later one", () => {
    expect(routeConversation([rule("billing", { channels: ["email"] }), rule("sales", { channels: ["whatsapp"] })], facts(), NOON).teamId).toBe("sales");
  });

  it("no match → the inbox's default team", () => {
    expect(routeConversation([rule("billing", { channels: ["email"] })], facts(), NOON)).toEqual({ teamId: "default", ruleId: null, away: null });
  });

  it("no rules and no default team → no team", () => {
    expect(routeConversation([], facts({ defaultTeamId: null }), NOON)).toEqual({ teamId: null, ruleId: null, away: null });
  });

  it("a rule naming a team that is gone never matches", () => {
    expect(routeConversation([rule("deleted-team", {}), rule("sales", {})], facts(), NOON).teamId).toBe("sales");
  });

  it("an empty condition set matches everything", () => {
    expect(teamFor({}, {})).toBe("billing");
  });

  it("every condition must hold", () => {
    expect(teamFor({ channels: ["whatsapp"], keywords: ["refund"] }, { firstMessageText: "hi" })).toBe("default");
    expect(teamFor({ channels: ["whatsapp"], keywords: ["refund"] }, { firstMessageText: "a refund please" })).toBe("billing");
  });
});

describe("conditions", () => {
  it("inbox ids", () => {
    expect(teamFor({ inboxIds: ["x", "inbox-1"] }, {})).toBe("billing");
    expect(teamFor({ inboxIds: ["x"] }, {})).toBe("default");
  });

  it("channel kinds", () => {
    expect(teamFor({ channels: ["telegram", "whatsapp"] }, {})).toBe("billing");
    expect(teamFor({ channels: ["telegram"] }, {})).toBe("default");
  });

  it("e-mail recipient addresses, case-insensitive", () => {
    expect(teamFor({ recipientAddresses: ["billing@acme.com"] }, { channel: "email", recipientAddresses: ["billing@acme.com"] })).toBe("billing");
    expect(teamFor({ recipientAddresses: ["Billing@ACME.com"] }, { channel: "email", recipientAddresses: ["billing@acme.com"] })).toBe("billing");
    expect(teamFor({ recipientAddresses: ["billing@acme.com"] }, { channel: "email", recipientAddresses: ["support@acme.com"] })).toBe("default");
    expect(teamFor({ recipientAddresses: ["billing@acme.com"] }, { recipientAddresses: [] })).toBe("default");
  });

  it("e-mail sender domains: the domain and its subdomains, nothing else", () => {
    expect(teamFor({ senderDomains: ["acme.com.br"] }, { channel: "email", senderDomain: "acme.com.br" })).toBe("billing");
    expect(teamFor({ senderDomains: ["acme.com.br"] }, { channel: "email", senderDomain: "financeiro.acme.com.br" })).toBe("billing");
    expect(teamFor({ senderDomains: ["other.org", "acme.com.br"] }, { channel: "email", senderDomain: "acme.com.br" })).toBe("billing");
    expect(teamFor({ senderDomains: ["acme.com.br"] }, { channel: "email", senderDomain: "xacme.com.br" })).toBe("default");
    expect(teamFor({ senderDomains: ["acme.com.br"] }, { channel: "email", senderDomain: "acme.com" })).toBe("default");
    expect(teamFor({ senderDomains: ["acme.com.br"] }, { senderDomain: null })).toBe("default");
  });

  it("keywords: case and accents ignored", () => {
    expect(teamFor({ keywords: ["cancelar"] }, { firstMessageText: "QUERO CANCELAR" })).toBe("billing");
    expect(teamFor({ keywords: ["CANCELAR"] }, { firstMessageText: "quero cancelar" })).toBe("billing");
    expect(teamFor({ keywords: ["reembolso"] }, { firstMessageText: "Reembolso?" })).toBe("billing");
    expect(teamFor({ keywords: ["acao"] }, { firstMessageText: "Uma ação judicial" })).toBe("billing");
    expect(teamFor({ keywords: ["ação"] }, { firstMessageText: "uma ACAO" })).toBe("billing");
  });

  it("keywords: whole words only", () => {
    expect(teamFor({ keywords: ["cancel"] }, { firstMessageText: "cancelar" })).toBe("default");
    expect(teamFor({ keywords: ["fatura"] }, { firstMessageText: "faturamento" })).toBe("default");
    expect(teamFor({ keywords: ["fatura"] }, { firstMessageText: "minha fatura." })).toBe("billing");
  });

  it("keywords: any of them, a phrase as words in a row", () => {
    expect(teamFor({ keywords: ["boleto", "nota fiscal"] }, { firstMessageText: "Preciso da NOTA   fiscal!" })).toBe("billing");
    expect(teamFor({ keywords: ["nota fiscal"] }, { firstMessageText: "nota de fiscal" })).toBe("default");
  });

  it("keywords: a message without text never matches", () => {
    expect(teamFor({ keywords: ["cancelar"] }, { firstMessageText: null })).toBe("default");
  });

  it("portal categories: the category the customer picked; none (not from the portal) never matches", () => {
    expect(teamFor({ portalCategories: ["billing", "invoices"] }, { portalCategory: "invoices" })).toBe("billing");
    expect(teamFor({ portalCategories: ["billing"] }, { portalCategory: "delivery" })).toBe("default");
    expect(teamFor({ portalCategories: ["billing"] }, { portalCategory: null })).toBe("default");
  });

  it("contact tags: any of them", () => {
    expect(teamFor({ contactTagIds: ["t1", "t2"] }, { contactTagIds: ["t2"] })).toBe("billing");
    expect(teamFor({ contactTagIds: ["t1"] }, { contactTagIds: ["t2"] })).toBe("default");
    expect(teamFor({ contactTagIds: ["t1"] }, { contactTagIds: [] })).toBe("default");
  });

  it("contact attribute key = value, as trimmed text, case ignored", () => {
    expect(teamFor({ contactAttribute: { key: "plan", value: "gold" } }, { contactAttributes: { plan: " Gold " } })).toBe("billing");
    expect(teamFor({ contactAttribute: { key: "seats", value: "42" } }, { contactAttributes: { seats: 42 } })).toBe("billing");
    expect(teamFor({ contactAttribute: { key: "vip", value: "true" } }, { contactAttributes: { vip: true } })).toBe("billing");
    expect(teamFor({ contactAttribute: { key: "plan", value: "gold" } }, { contactAttributes: { plan: "silver" } })).toBe("default");
    expect(teamFor({ contactAttribute: { key: "plan", value: "gold" } }, { contactAttributes: { tier: "gold" } })).toBe("default");
    expect(teamFor({ contactAttribute: { key: "plan", value: "" } }, { contactAttributes: { plan: null } })).toBe("default");
  });

  it("hours: inside or outside the target team's hours", () => {
    const teams = new Map([["default", team("default")], ["billing", team("billing", { businessHours: OPEN_9_TO_18 })]]);
    expect(teamFor({ hours: "inside" }, { teams }, NOON)).toBe("billing");
    expect(teamFor({ hours: "inside" }, { teams }, EVENING)).toBe("default");
    expect(teamFor({ hours: "outside" }, { teams }, NOON)).toBe("default");
  });

  it("hours: the inbox's hours when the target team has none; neither → always inside", () => {
    expect(teamFor({ hours: "outside" }, { inboxBusinessHours: OPEN_9_TO_18 }, EVENING)).toBe("billing");
    expect(teamFor({ hours: "outside" }, { inboxBusinessHours: OPEN_9_TO_18 }, NOON)).toBe("default");
    expect(teamFor({ hours: "inside" }, {}, EVENING)).toBe("billing");
    expect(teamFor({ hours: "outside" }, {}, EVENING)).toBe("default");
  });
});

describe("business hours of the chosen team", () => {
  const closedWithOverflow = (overflow: TeamRoutingFacts) =>
    new Map([
      ["default", team("default", { businessHours: OPEN_9_TO_18, overflowTeamId: overflow.id, awayMessage: "We are closed." })],
      [overflow.id, overflow],
    ]);

  it("inside hours → the team itself, no away message", () => {
    expect(routeConversation([], facts({ teams: closedWithOverflow(team("night")) }), NOON)).toEqual({ teamId: "default", ruleId: null, away: null });
  });

  it("outside hours → the overflow team when it keeps no hours", () => {
    expect(routeConversation([], facts({ teams: closedWithOverflow(team("night")) }), EVENING)).toEqual({ teamId: "night", ruleId: null, away: null });
  });

  it("outside hours → the overflow team when it is inside its own hours", () => {
    expect(routeConversation([], facts({ teams: closedWithOverflow(team("night", { businessHours: OPEN_NIGHTS })) }), EVENING).teamId).toBe("night");
  });

  it("overflow closed too → the team is kept and its away message returned", () => {
    const overflow = team("night", { businessHours: OPEN_9_TO_18, awayMessage: "night away" });
    expect(routeConversation([], facts({ teams: closedWithOverflow(overflow) }), EVENING)).toEqual({ teamId: "default", ruleId: null, away: { teamId: "default", message: "We are closed." } });
  });

  it("no overflow → the team is kept and its away message returned", () => {
    const teams = new Map([["default", team("default", { businessHours: OPEN_9_TO_18, awayMessage: "  Back at 9.  " })]]);
    expect(routeConversation([], facts({ teams }), EVENING)).toEqual({ teamId: "default", ruleId: null, away: { teamId: "default", message: "Back at 9." } });
  });

  it("no overflow and a blank away message → nothing to send", () => {
    const teams = new Map([["default", team("default", { businessHours: OPEN_9_TO_18, awayMessage: "   " })]]);
    expect(routeConversation([], facts({ teams }), EVENING)).toEqual({ teamId: "default", ruleId: null, away: null });
  });

  it("applies to a rule's team too", () => {
    const teams = new Map([
      ["default", team("default")],
      ["billing", team("billing", { businessHours: OPEN_9_TO_18, overflowTeamId: "sales" })],
      ["sales", team("sales")],
    ]);
    const r = rule("billing", { keywords: ["boleto"] });
    expect(routeConversation([r], facts({ teams, firstMessageText: "boleto" }), EVENING)).toEqual({ teamId: "sales", ruleId: r.id, away: null });
  });
});

describe("no member available (issue 14: the overflow team is used when no member is available)", () => {
  const withOverflow = (overflow: TeamRoutingFacts) =>
    new Map([
      ["default", team("default", { overflowTeamId: overflow.id })],
      [overflow.id, overflow],
    ]);
  const decide = (teams: Map<string, TeamRoutingFacts>, staffed: string[], now = NOON) => {
    const f = facts({ teams });
    return overflowWhenUnstaffed(routeConversation([], f, now), f, new Set(staffed), now).teamId;
  };

  it("nobody online in the team, somebody in its overflow → the overflow team", () => {
    expect(decide(withOverflow(team("backup")), ["backup"])).toBe("backup");
  });

  it("somebody online in the team → it stays", () => {
    expect(decide(withOverflow(team("backup")), ["default", "backup"])).toBe("default");
  });

  it("nobody online anywhere, or the overflow closed → it stays (one hop, never to an empty or closed team)", () => {
    expect(decide(withOverflow(team("backup")), [])).toBe("default");
    expect(decide(withOverflow(team("backup", { businessHours: OPEN_NIGHTS })), ["backup"], NOON)).toBe("default");
  });
});
