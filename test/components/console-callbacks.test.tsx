/**
 * Callbacks and the queue's audit trail in the conversation pane (issue 14): scheduling
 * from the header (local time, refused when past or over a year ahead), the chip and its
 * cancel, the live fold of callback events into the row, and the timeline's lines for
 * callbacks and for each assignment reason, in en, pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_CALLBACK_AHEAD_MS, type AssignmentEvent, type CallbackEvent, type ConversationEvent, type ConversationItem } from "../../worker/protocol";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { callbackProblem, suggestedCallback } from "../../console/conversation/header/callback-menu";
import { toLocalInput } from "../../console/conversation/header/snooze";
import { formatMoment } from "../../console/conversation/format";
import { QUEUE_PANE_STRINGS } from "../../console/conversation/queue-strings";
import { describeAssignment, describeCallback } from "../../console/conversation/timeline/system-line";
import { foldLiveEvent } from "../../console/conversation/use-conversation-item";
import { FakeSocket, click, installFakeSocket, installFetch, message, mount, settle, status } from "./fakes";
import { DIRECTORY, ME, item } from "./console-fixtures";

const ana = { type: "agent" as const, id: "a1", name: "Ana" };
const bruno = { type: "agent" as const, id: "a2", name: "Bruno" };
const system = { type: "system" as const, id: null, name: null };
const ctx = { myId: ME.agent.id, contactName: "Maria", directory: DIRECTORY };
const HOUR = 3_600_000;

const callback = (callbackAt: number | null, overrides: Partial<CallbackEvent> = {}): CallbackEvent => ({ type: "callback", seq: 2, id: "e2", conversationId: "c1", at: Date.now(), actor: bruno, callbackAt, ...overrides });
const assignment = (assigneeId: string | null, reason: AssignmentEvent["reason"], overrides: Partial<AssignmentEvent> = {}): AssignmentEvent => ({
  type: "assignment",
  seq: 3,
  id: "e3",
  conversationId: "c1",
  at: Date.now(),
  actor: system,
  assigneeId,
  assigneeName: assigneeId === "a2" ? "Bruno" : assigneeId === "a1" ? "Ana" : null,
  teamId: "t1",
  reason,
  ...overrides,
});

/** The pane against a fake API whose callback routes answer as the worker does. */
async function openPane(row: ConversationItem = item({ lastSeq: 1 }), events: ConversationEvent[] = [message({ seq: 1, actor: { type: "contact", id: "k1", name: null }, body: "Call me" })]) {
  let current = row;
  const json = (body: unknown, status = 200) => ({ status, body });
  const calls = installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/conversations/c1" && method === "GET") return json({ conversation: current });
      if (p === "/api/v1/conversations/c1/messages") return json({ events, lastSeq: events.at(-1)?.seq ?? 0, more: false });
      if (p === "/api/v1/conversations/c1/message-tags") return json({ messages: [] });
      if (p === "/api/v1/conversations/c1/callback" && method === "PUT") {
        current = { ...current, callbackAt: (body as { at: number }).at, assigneeId: null, lastSeq: current.lastSeq + 1 };
        return json({ conversation: current });
      }
      if (p === "/api/v1/conversations/c1/callback" && method === "DELETE") {
        current = { ...current, callbackAt: null, lastSeq: current.lastSeq + 1 };
        return json({ conversation: current });
      }
      if (p === "/api/v1/conversations/c1/read") return json({ ok: true });
      if (p === "/api/v1/contacts/k1") return json({ contact: { id: "k1", name: "Maria", email: null, phone: null, identities: [], tagIds: [], attributes: {}, priority: 0 }, conversations: [] });
      if (p === "/api/v1/agents") return json({ agents: DIRECTORY.agents });
      if (p === "/api/v1/teams") return json({ teams: DIRECTORY.teams });
      if (p === "/api/v1/inboxes") return json({ inboxes: DIRECTORY.inboxes });
      if (p === "/api/v1/tags") return json({ tags: DIRECTORY.tags });
      if (p === "/api/v1/conversation-types") return json({ types: DIRECTORY.types });
      return undefined;
    },
  ]);
  const onChange = vi.fn();
  const view = await mount(<ConversationPane id="c1" me={ME} item={row} atSeq={null} onChange={onChange} onNext={vi.fn()} />);
  mounted.push(view.unmount);
  await settle(6);
  const socket = FakeSocket.last;
  await act(() => socket.open(events.at(-1)?.seq ?? 0));
  await settle();
  const button = (name: string) => [...view.container.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent!.trim()) === name) ?? null;
  const callbackCalls = () => calls.filter((c) => c.path === "/api/v1/conversations/c1/callback").map((c) => ({ method: c.method, body: c.body }));
  return { ...view, socket, onChange, button, callbackCalls };
}

async function submitTime(container: HTMLElement, at: number) {
  const input = container.querySelector<HTMLInputElement>(".callback-form input[type=datetime-local]")!;
  await act(() => {
    input.value = toLocalInput(at);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(() => void container.querySelector<HTMLFormElement>(".callback-form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  await settle();
}

const mounted: Array<() => void> = [];
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetDirectory();
  installFakeSocket();
});
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  document.body.innerHTML = "";
});

describe("scheduling a callback from the header", () => {
  it("sends the local date and time picked, then shows the chip, whose × cancels it", async () => {
    const { container, button, callbackCalls, onChange } = await openPane();
    expect(container.querySelector(".callback-chip")).toBeNull();
    await click(button("Schedule callback"));
    // Minutes only: the datetime-local input has no seconds.
    const at = new Date(Date.now() + 2 * HOUR).setSeconds(0, 0);
    await submitTime(container, at);
    expect(callbackCalls()).toEqual([{ method: "PUT", body: { at } }]);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ callbackAt: at, assigneeId: null }));
    const chip = container.querySelector(".callback-chip")!;
    expect(chip.textContent).toBe(`Callback at ${formatMoment(at)}`);
    expect(container.querySelector(".callback-form")).toBeNull();

    await click(button("Cancel callback"));
    await settle();
    expect(callbackCalls()).toEqual([
      { method: "PUT", body: { at } },
      { method: "DELETE", body: undefined },
    ]);
    expect(container.querySelector(".callback-chip")).toBeNull();
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ callbackAt: null }));
  });

  it("refuses a past time and one over a year ahead in the form, sending nothing", async () => {
    const { container, button, callbackCalls } = await openPane();
    await click(button("Schedule callback"));
    await submitTime(container, Date.now() - HOUR);
    expect(container.querySelector(".callback-form [role=alert]")!.textContent).toBe("Pick a time in the future.");
    await submitTime(container, Date.now() + MAX_CALLBACK_AHEAD_MS + 2 * 86_400_000);
    expect(container.querySelector(".callback-form [role=alert]")!.textContent).toBe("Pick a time within a year.");
    expect(callbackCalls()).toEqual([]);
  });

  it("shows a callback the row already has, and follows live callback events", async () => {
    const at = Date.now() + HOUR;
    const { container, socket, onChange } = await openPane(item({ lastSeq: 1, callbackAt: at }));
    expect(container.querySelector(".callback-chip")!.textContent).toBe(`Callback at ${formatMoment(at)}`);
    await act(() => socket.push({ type: "event", event: callback(null, { seq: 2 }) }));
    expect(container.querySelector(".callback-chip")).toBeNull();
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ callbackAt: null, lastSeq: 2 }));
    expect(container.querySelector(".system-line--callback .system-text")!.textContent).toBe("Bruno cancelled the callback");
  });

  it("suggests an hour from now on a quarter hour, and checks the API's range", () => {
    const now = new Date(2026, 5, 1, 10, 7, 30).getTime();
    expect(suggestedCallback(now)).toBe(new Date(2026, 5, 1, 11, 15).getTime());
    expect(callbackProblem(null, now)).toBe("Pick a time in the future.");
    expect(callbackProblem(now, now)).toBe("Pick a time in the future.");
    expect(callbackProblem(now + 1, now)).toBeNull();
    expect(callbackProblem(now + MAX_CALLBACK_AHEAD_MS, now)).toBeNull();
    expect(callbackProblem(now + MAX_CALLBACK_AHEAD_MS + 1, now)).toBe("Pick a time within a year.");
  });
});

describe("the row's live fold", () => {
  it("carries callbackAt as the room does: set and cleared by callback events, cleared by an assignee or a resolve", () => {
    const at = Date.now() + HOUR;
    const row = item({ lastSeq: 1 });
    const scheduled = foldLiveEvent(row, callback(at))!;
    expect(scheduled).toMatchObject({ callbackAt: at, lastSeq: 2 });
    expect(foldLiveEvent(scheduled, callback(null, { seq: 3 }))).toMatchObject({ callbackAt: null, lastSeq: 3 });
    // Unassigned for the callback: the promise stays the queue's.
    expect(foldLiveEvent(scheduled, assignment(null, "callback"))).toMatchObject({ callbackAt: at, assigneeId: null });
    // Someone took it: the callback is theirs to make, no longer the queue's.
    expect(foldLiveEvent(scheduled, assignment("a2", "next", { actor: bruno }))).toMatchObject({ callbackAt: null, assigneeId: "a2" });
    expect(foldLiveEvent(scheduled, status("open", "resolved", { seq: 3 }))).toMatchObject({ callbackAt: null, status: "resolved" });
    expect(foldLiveEvent(scheduled, status("open", "snoozed", { seq: 3, snoozedUntil: at }))).toMatchObject({ callbackAt: at });
    expect(foldLiveEvent(scheduled, callback(null, { seq: 2 }))).toBeNull(); // already in the row
  });
});

describe("timeline lines", () => {
  it("says who scheduled a callback for when, and who cancelled it", () => {
    const at = new Date(Date.now() + HOUR).setSeconds(0, 0);
    expect(describeCallback(callback(at), ctx)).toBe(`Bruno scheduled a callback for ${formatMoment(at)}`);
    expect(describeCallback(callback(null, { actor: ana }), ctx)).toBe("You cancelled the callback");
  });

  it("says why the queue moved the conversation, for each reason", () => {
    const heldByBruno = { assigneeId: "a2", teamId: "t1" };
    expect(describeAssignment(assignment("a2", "next", { actor: bruno }), { assigneeId: null, teamId: "t1" }, ctx)).toEqual(["Bruno took the conversation with Next"]);
    expect(describeAssignment(assignment("a2", "auto"), null, ctx)).toEqual(["Assigned automatically to Bruno"]);
    expect(describeAssignment(assignment("a1", "auto"), null, ctx)).toEqual(["Assigned automatically to You"]);
    expect(describeAssignment(assignment(null, "offline"), heldByBruno, ctx)).toEqual(["Back to the queue: Bruno went offline"]);
    expect(describeAssignment(assignment(null, "timeout"), heldByBruno, ctx)).toEqual(["Back to the queue: Bruno did not answer in time"]);
    expect(describeAssignment(assignment(null, "deactivated"), heldByBruno, ctx)).toEqual(["Back to the queue: Bruno was deactivated"]);
    // The loaded log does not show who had it.
    expect(describeAssignment(assignment(null, "offline"), null, ctx)).toEqual(["Back to the queue: the agent went offline"]);
    expect(describeAssignment(assignment("a2", "reopened"), null, ctx)).toEqual(["Reopened: back to Bruno"]);
    expect(describeAssignment(assignment(null, "reopened"), heldByBruno, ctx)).toEqual(["Reopened: back to the queue"]);
    expect(describeAssignment(assignment(null, "callback", { actor: bruno }), heldByBruno, ctx)).toEqual(["Waiting for a callback"]);
    // A reason's line and a team change both show.
    expect(describeAssignment(assignment("a2", "auto", { teamId: "t2" }), { assigneeId: null, teamId: "t1" }, ctx)).toEqual(["Assigned automatically to Bruno", "System transferred the conversation to team Vendas"]);
    // No reason: chosen by hand, read as before.
    expect(describeAssignment(assignment("a1", undefined, { actor: bruno }), { assigneeId: null, teamId: "t1" }, ctx)).toEqual(["Bruno assigned the conversation to Ana"]);
  });

  it("draws callback events as system lines in the pane", async () => {
    const at = Date.now() + HOUR;
    const { container } = await openPane(item({ lastSeq: 3, callbackAt: null }), [
      message({ seq: 1, actor: { type: "contact", id: "k1", name: null }, body: "Call me" }),
      callback(at, { seq: 2 }),
      assignment(null, "callback", { seq: 3, actor: bruno }),
    ]);
    expect([...container.querySelectorAll(".system-text")].map((e) => e.textContent)).toEqual([`Bruno scheduled a callback for ${formatMoment(at)}`, "Waiting for a callback"]);
  });
});

describe("the strings in pt-BR and es", () => {
  it("has every line in each language, and Spanish conjugates for Tú", () => {
    const pt = QUEUE_PANE_STRINGS["pt-BR"];
    const es = QUEUE_PANE_STRINGS.es;
    expect(pt.header.chip("15:30")).toBe("Retorno às 15:30");
    expect(pt.timeline.scheduled("Ana", "15:30")).toBe("Ana agendou um retorno para 15:30");
    expect(pt.timeline.offline("Ana")).toBe("De volta à fila: Ana ficou offline");
    expect(pt.timeline.reopenedToQueue).toBe("Reaberta: de volta à fila");
    expect(es.header.chip("15:30")).toBe("Devolución de llamada a las 15:30");
    expect(es.timeline.scheduled("Ana", "15:30")).toBe("Ana programó una devolución de llamada para 15:30");
    expect(es.timeline.scheduled("Tú", "15:30")).toBe("Programaste una devolución de llamada para 15:30");
    expect(es.timeline.next("Tú")).toBe("Tomaste la conversación con Siguiente");
    expect(es.timeline.timeout("Ana")).toBe("De vuelta a la cola: Ana no respondió a tiempo");
    // No English left in the other tables.
    for (const table of [pt, es]) {
      const flat = JSON.stringify({ ...table.header, chip: table.header.chip("x") }) + Object.values(table.timeline).map((v) => (typeof v === "function" ? (v as (a: string, b: string) => string)("x", "y") : v)).join("|");
      expect(flat).not.toMatch(/\b(Callback|queue|Schedule|Waiting|Assigned)\b/);
    }
  });
});
