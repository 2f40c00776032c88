/**
 * The conversation pane's timeline, rendered: day separators, delivery states, private
 * notes, system lines, tags on single messages, and text that stays text.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConversationEvent } from "../../worker/protocol";
import type { PendingMessage, ReadMark } from "../../client/feed";
import { Timeline, type TimelineProps } from "../../console/conversation/timeline/timeline";
import { buildTimeline, contactReadSeq, deliveryOf, pendingDelivery, participants } from "../../console/conversation/timeline/timeline-model";
import { dayLabel } from "../../console/conversation/format";
import { describeAssignment } from "../../console/conversation/timeline/system-line";
import { click, message, mount, status } from "./fakes";
import { DIRECTORY, ME, TAGS } from "./console-fixtures";

const maria = { type: "contact" as const, id: "k1", name: null };
const ana = { type: "agent" as const, id: "a1", name: "Ana" };
const bruno = { type: "agent" as const, id: "a2", name: "Bruno" };
const ctx = { myId: ME.agent.id, contactName: "Maria", directory: DIRECTORY };
const local = (y: number, m: number, d: number, h = 10) => new Date(y, m - 1, d, h).getTime();

function props(overrides: Partial<TimelineProps> = {}): TimelineProps {
  return {
    events: [],
    pending: [],
    connection: "online",
    typing: [],
    contactReadSeq: 0,
    ctx,
    channel: "webchat",
    messageTags: { bySeq: new Map(), set: () => {} },
    tags: TAGS,
    atSeq: null,
    pages: { loaded: true, hasOlder: false, olderState: "idle", loadOlder: async () => {} },
    onRetry: () => {},
    onDiscard: () => {},
    ...overrides,
  };
}

const pendingMessage = (overrides: Partial<PendingMessage> = {}): PendingMessage => ({
  clientId: "cid-1",
  body: "on its way",
  kind: "text",
  createdAt: Date.now(),
  seq: null,
  error: null,
  ...overrides,
});

afterEach(() => {
  document.body.innerHTML = "";
});

describe("day separators", () => {
  it("puts one separator before the first item of each local day, pending messages included", () => {
    const events = [
      message({ seq: 1, at: local(2026, 11, 20, 9) }),
      message({ seq: 2, at: local(2026, 11, 20, 23) }),
      message({ seq: 3, at: local(2026, 11, 21, 0) }),
    ];
    const rows = buildTimeline(events, [pendingMessage({ createdAt: local(2026, 11, 22) })]);
    expect(rows.map((r) => (r.kind === "day" ? `day:${r.key}` : r.key))).toEqual([
      "day:day-2026-11-20", "e1", "e2",
      "day:day-2026-11-21", "e3",
      "day:day-2026-11-22", "pcid-1",
    ]);
  });

  it("labels today and yesterday by name and other days by their full date", () => {
    const now = local(2026, 11, 24, 15);
    expect(dayLabel(local(2026, 11, 24, 1), now)).toBe("Today");
    expect(dayLabel(local(2026, 11, 23, 23), now)).toBe("Yesterday");
    expect(dayLabel(local(2026, 11, 20), now)).toBe("Friday, November 20, 2026");
  });

  it("renders the separators as headings inside the log", async () => {
    const today = Date.now();
    const { container } = await mount(<Timeline {...props({ events: [message({ seq: 1, at: local(2026, 1, 5) }), message({ seq: 2, at: today })] })} />);
    const log = container.querySelector('[role="log"]')!;
    expect(log.getAttribute("aria-live")).toBe("polite");
    expect([...log.querySelectorAll(".day-separator h3")].map((h) => h.textContent)).toEqual(["Monday, January 5, 2026", "Today"]);
  });
});

describe("delivery state", () => {
  const reply = (overrides = {}) => message({ seq: 5, actor: ana, delivery: "sent", ...overrides });

  it("derives sent, delivered, read and failed for what the team sends", () => {
    expect(deliveryOf(reply(), 0)).toEqual({ state: "sent", reason: null });
    expect(deliveryOf(reply({ delivery: "delivered" }), 4)).toEqual({ state: "delivered", reason: null });
    // The customer's read mark beats what the channel said.
    expect(deliveryOf(reply({ delivery: "delivered" }), 5)).toEqual({ state: "read", reason: null });
    expect(deliveryOf(reply({ delivery: "failed", deliveryError: "24h window closed" }), 9)).toEqual({ state: "failed", reason: "24h window closed" });
  });

  it("has none for the customer's own messages and for private notes", () => {
    expect(deliveryOf(message({ actor: maria }), 99)).toBeNull();
    expect(deliveryOf(message({ actor: ana, kind: "note", delivery: null }), 99)).toBeNull();
  });

  it("shows a pending message as sending, waiting while offline, or failed with the reason", () => {
    expect(pendingDelivery(pendingMessage(), true).state).toBe("sending");
    expect(pendingDelivery(pendingMessage(), false).state).toBe("queued");
    expect(pendingDelivery(pendingMessage({ error: "body: too long" }), true)).toEqual({ state: "failed", reason: "body: too long" });
  });

  it("takes the customer's read mark from contact read frames only", () => {
    const reads: ReadMark[] = [
      { actor: bruno, seq: 40 },
      { actor: maria, seq: 12 },
    ];
    expect(contactReadSeq(reads)).toBe(12);
  });

  it("renders the states with words, and failures with their reason", async () => {
    const events = [reply({ seq: 1 }), reply({ seq: 2 }), reply({ seq: 3, delivery: "failed", deliveryError: "number blocked" })];
    const { container } = await mount(<Timeline {...props({ events, contactReadSeq: 1 })} />);
    const marks = [...container.querySelectorAll(".delivery")];
    expect(marks.map((d) => d.textContent)).toEqual(["Read", "Sent", "Failed: number blocked"]);
    // Each state has its own drawn icon (no font glyph), hidden from screen readers.
    const icons = marks.map((d) => d.querySelector("svg.icon"));
    expect(icons.every((svg) => svg?.getAttribute("aria-hidden") === "true")).toBe(true);
    expect(new Set(icons.map((svg) => svg!.innerHTML)).size).toBe(3);
  });

  it("lets a failed send be retried or discarded", async () => {
    const onRetry = vi.fn();
    const onDiscard = vi.fn();
    const failed = pendingMessage({ error: "refused" });
    const { container } = await mount(<Timeline {...props({ pending: [failed], onRetry, onDiscard })} />);
    expect(container.querySelector(".message--pending")!.textContent).toContain("Failed: refused");
    await click([...container.querySelectorAll("button")].find((b) => b.textContent === "Retry")!);
    await click([...container.querySelectorAll("button")].find((b) => b.textContent === "Discard")!);
    expect(onRetry).toHaveBeenCalledWith(failed);
    expect(onDiscard).toHaveBeenCalledWith(failed);
  });
});

describe("messages", () => {
  it("marks private notes with a label and their own style, without channel or delivery", async () => {
    const { container } = await mount(<Timeline {...props({ events: [message({ seq: 1, actor: ana, kind: "note", body: "cliente VIP", delivery: null })] })} />);
    const note = container.querySelector(".message")!;
    expect(note.classList.contains("message--note")).toBe(true);
    expect(note.querySelector(".note-label")!.textContent).toBe("Private note");
    expect(note.querySelector(".channel-icon")).toBeNull();
    expect(note.querySelector(".delivery")).toBeNull();
  });

  it("renders bodies and names as text, never as HTML", async () => {
    const evil = '<img src=x onerror="alert(1)"><b>bold</b>';
    const events = [message({ seq: 1, actor: maria, body: evil })];
    const { container } = await mount(<Timeline {...props({ events, ctx: { ...ctx, contactName: "<i>Maria</i>" } })} />);
    const log = container.querySelector('[role="log"]')!;
    expect(log.querySelector("img, b, i")).toBeNull();
    expect(log.textContent).toContain(evil);
    expect(log.querySelector(".message-sender")!.textContent).toBe("<i>Maria</i>");
  });

  it("names the sender, the channel and the time", async () => {
    const { container } = await mount(<Timeline {...props({ events: [message({ seq: 1, actor: maria }), message({ seq: 2, actor: bruno }), message({ seq: 3, actor: ana })] })} />);
    expect([...container.querySelectorAll(".message-sender")].map((e) => e.textContent)).toEqual(["Maria", "Bruno", "You"]);
    expect(container.querySelector(".message .channel-icon")!.textContent).toBe("Web chat");
    expect(container.querySelector(".message time")!.getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("shows images inline and other files as download links", async () => {
    const attachments = [
      { id: "f1", name: "foto.png", contentType: "image/png", size: 2048 },
      { id: "f2", name: "nota.pdf", contentType: "application/pdf", size: 3 * 1024 * 1024 },
    ];
    const { container } = await mount(<Timeline {...props({ events: [message({ seq: 1, actor: maria, kind: "attachment", body: "", attachments })] })} />);
    expect(container.querySelector<HTMLImageElement>(".attachment-image img")!.getAttribute("src")).toBe("/api/v1/files/f1");
    const file = container.querySelector<HTMLAnchorElement>(".attachment-file")!;
    expect(file.getAttribute("href")).toBe("/api/v1/files/f2");
    expect(file.getAttribute("aria-label")).toBe("Download nota.pdf (3 MB)");
  });

  it("shows a message's tags and tags it from its menu", async () => {
    const onMessageTags = vi.fn();
    const { container } = await mount(<Timeline {...props({ events: [message({ seq: 7, actor: maria })], messageTags: { bySeq: new Map([[7, ["tag-vip"]]]), set: onMessageTags } })} />);
    expect(container.querySelector('[aria-label="Tags on message 7"]')!.textContent).toBe("VIP");
    await click(container.querySelector('button[aria-label="Message actions"]'));
    const menu = container.querySelector('[role="menu"]')!;
    const items = [...menu.querySelectorAll('[role="menuitemcheckbox"]')];
    expect(items.map((i) => [i.textContent, i.getAttribute("aria-checked"), i.querySelector(".menu-check svg") !== null])).toEqual([
      ["VIP", "true", true],
      ["Bug", "false", false],
    ]);
    await click(items[1]!);
    expect(onMessageTags).toHaveBeenCalledWith(7, ["tag-vip", "tag-bug"]);
  });

  it("says who is typing", async () => {
    const { container } = await mount(<Timeline {...props({ typing: [maria] })} />);
    expect(container.querySelector(".typing")!.textContent).toBe("Maria is typing…");
  });
});

describe("system lines", () => {
  const texts = async (events: ConversationEvent[]) => {
    const { container } = await mount(<Timeline {...props({ events })} />);
    return [...container.querySelectorAll(".system-text")].map((e) => e.textContent);
  };

  it("describes resolve, reopen, snooze and a rating in one line each", async () => {
    const until = local(2026, 12, 1, 9);
    const lines = await texts([
      status("open", "resolved", { seq: 1, actor: bruno }),
      status("resolved", "open", { seq: 2, actor: ana }),
      status("open", "snoozed", { seq: 3, actor: bruno, snoozedUntil: until }),
      status("snoozed", "open", { seq: 4, actor: { type: "system", id: null, name: null } }),
      { type: "csat", seq: 5, id: "e5", conversationId: "c1", at: Date.now(), actor: maria, rating: 4, comment: "Ótimo" },
    ]);
    expect(lines).toEqual([
      "Bruno resolved the conversation",
      "You reopened the conversation",
      "Bruno snoozed the conversation until Tue, Dec 1, 09:00 AM",
      "The conversation reopened",
      " The customer rated the conversation 4 of 5Ótimo",
    ]);
  });

  it("draws a rating as five stars, as many filled as it has", async () => {
    const csat = { type: "csat", seq: 1, id: "e1", conversationId: "c1", at: Date.now(), actor: maria, rating: 2, comment: "" } as const;
    const { container } = await mount(<Timeline {...props({ events: [csat] })} />);
    const stars = [...container.querySelectorAll(".csat-stars svg")];
    expect(stars.map((svg) => svg.getAttribute("fill"))).toEqual(["currentColor", "currentColor", "none", "none", "none"]);
  });

  it("tells an assignment from a transfer by the holder before it", () => {
    const assignment = (assigneeId: string | null, teamId: string | null, actor = bruno) =>
      ({ type: "assignment", seq: 1, id: "e1", conversationId: "c1", at: 0, actor, assigneeId, assigneeName: assigneeId === "a1" ? "Ana" : assigneeId ? "Bruno" : null, teamId }) as const;
    expect(describeAssignment(assignment("a1", "t1"), { assigneeId: null, teamId: "t1" }, ctx)).toEqual(["Bruno assigned the conversation to Ana"]);
    expect(describeAssignment(assignment("a2", "t1"), { assigneeId: null, teamId: "t1" }, ctx)).toEqual(["Bruno took the conversation"]);
    expect(describeAssignment(assignment("a1", "t2"), { assigneeId: "a1", teamId: "t1" }, ctx)).toEqual(["Bruno transferred the conversation to team Vendas"]);
    expect(describeAssignment(assignment(null, "t1", ana), { assigneeId: "a2", teamId: "t1" }, ctx)).toEqual(["You unassigned the conversation"]);
  });

  it("lists every agent who wrote, notes included, as participants", () => {
    const events = [message({ seq: 1, actor: maria }), message({ seq: 2, actor: bruno, kind: "note" }), message({ seq: 3, actor: ana }), message({ seq: 4, actor: bruno })];
    expect(participants(events)).toEqual([
      { id: "a2", name: "Bruno" },
      { id: "a1", name: "Ana" },
    ]);
  });
});
