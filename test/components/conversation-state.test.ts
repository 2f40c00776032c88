/**
 * What the chat derives from the log: status, rating due, team read mark, pre-chat.
 */
import { describe, expect, it } from "vitest";
import type { WidgetContact, WidgetSession } from "../../worker/protocol";
import { csatState, currentStatus, needsPrechat, teamReadSeq, teamTyping } from "../../widget/conversation-state";
import { message, status } from "./fakes";

const settings = (preChatForm = { enabled: true, requireEmail: false }) =>
  ({ color: "#1f6feb", position: "right", greeting: "", avatarUrl: null, awayMessage: "", preChatForm, csat: true, requireIdentity: false }) as WidgetSession["inbox"]["settings"];
const anonymous: WidgetContact = { id: "v", name: null, email: null, phone: null, verified: false };

describe("conversation state", () => {
  it("takes the status from the last status event", () => {
    expect(currentStatus([], "bot")).toBe("bot");
    expect(currentStatus([status("bot", "open"), message()], "bot")).toBe("open");
  });

  it("asks for a rating once resolved, and not again once rated or reopened", () => {
    const resolved = status("open", "resolved");
    expect(csatState([message(), resolved], true)).toBe("due");
    expect(csatState([message(), resolved], false)).toBe("none");
    const rated = { ...resolved, type: "csat" as const, seq: resolved.seq + 1, rating: 5, comment: "" };
    expect(csatState([resolved, rated], true)).toBe("done");
    expect(csatState([resolved, rated, status("resolved", "open")], true)).toBe("none");
  });

  it("counts only the team's read marks and typing", () => {
    const visitor = { type: "contact" as const, id: "v" };
    const ana = { type: "agent" as const, id: "a", name: "Ana" };
    expect(teamReadSeq([{ actor: visitor, seq: 9 }, { actor: ana, seq: 4 }])).toBe(4);
    expect(teamTyping([visitor])).toBeNull();
    expect(teamTyping([visitor, ana])).toBe(ana);
  });

  it("asks for name (and e-mail when required) before the first message only", () => {
    expect(needsPrechat(settings(), anonymous, [], 0)).toBe(true);
    expect(needsPrechat(settings(), { ...anonymous, name: "Bia" }, [], 0)).toBe(false);
    expect(needsPrechat(settings({ enabled: true, requireEmail: true }), { ...anonymous, name: "Bia" }, [], 0)).toBe(true);
    expect(needsPrechat(settings(), anonymous, [message()], 0)).toBe(false);
    expect(needsPrechat(settings({ enabled: false, requireEmail: false }), anonymous, [], 0)).toBe(false);
  });
});
