/**
 * When the console beeps and notifies: new customer messages in my conversations, new
 * conversations in my queue and conversations handed to me, from live changes only, never for the conversation on
 * screen; and the tab title carries the unread count.
 */
import { describe, expect, it } from "vitest";
import type { StoreChange } from "../../console/list/conversation-store";
import { alertFor, type AlertContext } from "../../console/notify/alert-rules";
import { titleWithUnread } from "../../console/notify/page-title";
import { ME_ID, item } from "./console-fixtures";

const ctx: AlertContext = { meId: ME_ID, teamIds: ["t1"], openId: null, visible: true, claiming: false };
const live = (next: StoreChange["item"], previous?: StoreChange["item"]): StoreChange => ({ item: next, previous, source: "live" });

describe("alerts", () => {
  it("alerts for a new conversation waiting in my team's queue, once", () => {
    const fresh = item({ id: "n" });
    expect(alertFor(live(fresh), ctx)?.kind).toBe("queue");
    // The refetched item that follows the frame is the same conversation, still waiting.
    expect(alertFor(live({ ...fresh, unread: 1 }, fresh), ctx)).toBeNull();
    // Unassigned back into the queue counts as new in the queue.
    expect(alertFor(live(fresh, item({ id: "n", assigneeId: "other" })), ctx)?.kind).toBe("queue");
  });

  it("stays quiet about other teams' queues", () => {
    expect(alertFor(live(item({ id: "n", teamId: "t2" })), ctx)).toBeNull();
    expect(alertFor(live(item({ id: "n", teamId: null })), ctx)?.kind).toBe("queue");
  });

  it("alerts when a conversation assigned to me gets a customer message", () => {
    const before = item({ id: "m", assigneeId: ME_ID, unread: 0 });
    expect(alertFor(live({ ...before, unread: 1 }, before), ctx)?.kind).toBe("message");
    // My own reply moves the conversation on but reads nothing new.
    expect(alertFor(live({ ...before, lastSeq: 9 }, before), ctx)).toBeNull();
    // Someone else's conversation is theirs to hear about.
    const theirs = item({ id: "o", assigneeId: "other" });
    expect(alertFor(live({ ...theirs, unread: 1 }, theirs), ctx)).toBeNull();
  });

  it("alerts when a waiting conversation is handed to me, once, but not when my Next brings it", () => {
    const waiting = item({ id: "w" });
    const mine = { ...waiting, assigneeId: ME_ID, lastSeq: waiting.lastSeq + 1 };
    expect(alertFor(live(mine, waiting), ctx)?.kind).toBe("assigned");
    // The refetched item after the frame is still mine: no second alert.
    expect(alertFor(live({ ...mine }, mine), ctx)).toBeNull();
    // Taken from a colleague (an admin's reassignment) is handed to me too.
    expect(alertFor(live(mine, { ...waiting, assigneeId: "other" }), ctx)?.kind).toBe("assigned");
    // My own Next, whose live frame arrived before its answer, is not news.
    expect(alertFor(live(mine, waiting), { ...ctx, claiming: true })).toBeNull();
    // A conversation this tab never knew is not a handover; a resolved one is not work.
    expect(alertFor(live(mine), ctx)).toBeNull();
    expect(alertFor(live({ ...mine, status: "resolved" }, waiting), ctx)).toBeNull();
    // Given to someone else: the queue alert was the news, nothing more.
    expect(alertFor(live({ ...waiting, assigneeId: "other" }, waiting), ctx)).toBeNull();
  });

  it("never alerts for the conversation on screen while the tab is visible", () => {
    const before = item({ id: "m", assigneeId: ME_ID });
    const change = live({ ...before, unread: 1 }, before);
    expect(alertFor(change, { ...ctx, openId: "m" })).toBeNull();
    expect(alertFor(change, { ...ctx, openId: "m", visible: false })?.kind).toBe("message");
  });

  it("ignores list loads and the agent's own actions", () => {
    expect(alertFor({ item: item({ id: "n" }), previous: undefined, source: "load" }, ctx)).toBeNull();
    expect(alertFor({ item: item({ id: "n" }), previous: undefined, source: "action" }, ctx)).toBeNull();
  });
});

describe("the tab title", () => {
  it("shows the unread count in front of the name", () => {
    expect(titleWithUnread(0, "Switchboard")).toBe("Switchboard");
    expect(titleWithUnread(3, "Switchboard")).toBe("(3) Switchboard");
    expect(titleWithUnread(250, "Switchboard")).toBe("(99+) Switchboard");
  });
});
