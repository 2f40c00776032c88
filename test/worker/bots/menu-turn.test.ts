/**
 * The menu bot's pure parts: reading an answer (number, label, tapped id; handoff words
 * whole, case- and accent-insensitive) and one turn of the bot for each state.
 */
import { describe, expect, it } from "vitest";
import { asksForHuman, chosenOption, folded } from "../../../worker/bots/menu/match";
import { menuLine, menuTurn, timeoutTurn } from "../../../worker/bots/menu/turn";
import { GREETING, HANDOFF, INVALID, ORDER_Q, menuBot } from "./menu-bot-kit";

const bot = menuBot("t1");
const input = (text: string, choiceId: string | null = null) => ({ text, choiceId });

describe("reading the customer's answer", () => {
  it("folds case, accents and punctuation", () => {
    expect(folded("  ATENDÊNTE!! ")).toBe("atendente");
  });

  it.each([
    ["2", null, 1],
    [" 2) ", null, 1],
    ["2.", null, 1],
    ["meu PEDIDO", null, 1],
    ["Horario", null, 0],
    ["", "5", 4],
    ["6", null, null],
    ["0", null, null],
    ["12", null, null],
    ["2 por favor", null, null],
    // A Telegram keyboard button's text: its number, then that very option's label.
    ["2. Meu pedido", null, 1],
    ["2. Horário", null, null],
  ])("%j (tapped %j) → option %j", (text, tapped, expected) => {
    expect(chosenOption(bot, text, tapped)).toBe(expected);
  });

  it("takes a handoff word as a whole word only", () => {
    expect(asksForHuman(bot, "quero um Humano agora")).toBe(true);
    expect(asksForHuman(bot, "HUMAN")).toBe(true);
    expect(asksForHuman(bot, "humanos")).toBe(false);
    expect(asksForHuman({ handoffWords: [] }, "atendente")).toBe(false);
  });
});

describe("one turn", () => {
  it("greets first, whatever the message", () => {
    expect(menuTurn(bot, null, input("1"), 10)).toEqual({ say: [menuLine(bot, GREETING)], capture: null, teamId: null, handoff: false, next: { pending: { kind: "menu" }, since: 10 } });
  });

  it("asks, re-asks a bad e-mail, captures a good one", () => {
    const asking = { pending: { kind: "ask" as const, option: 2 }, since: 0 };
    expect(menuTurn(bot, asking, input("nope"), 5)).toMatchObject({ capture: null, next: { pending: { kind: "ask", option: 2 }, since: 5 } });
    expect(menuTurn(bot, asking, input(" Ana@X.io "), 5)).toMatchObject({ capture: { field: { kind: "email" }, value: "ana@x.io" }, next: { pending: { kind: "menu" } } });
    expect(menuTurn(bot, { pending: { kind: "menu" }, since: 0 }, input("2"), 1)).toMatchObject({ say: [{ body: ORDER_Q }], next: { pending: { kind: "ask", option: 1 } } });
  });

  it("routes to a team and hands over; a question gone from the configuration goes back to the menu", () => {
    expect(menuTurn(bot, { pending: { kind: "menu" }, since: 0 }, input("4"), 1)).toEqual({ say: [{ body: HANDOFF }], capture: null, teamId: "t1", handoff: true, next: null });
    expect(menuTurn(bot, { pending: { kind: "ask", option: 0 }, since: 0 }, input("x"), 1)).toMatchObject({ say: [menuLine(bot, INVALID)], next: { pending: { kind: "menu" } } });
    expect(timeoutTurn(bot)).toMatchObject({ handoff: true, say: [{ body: HANDOFF }] });
  });
});
