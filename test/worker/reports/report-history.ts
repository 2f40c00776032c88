/**
 * A scripted support history for the report tests, written event by event with every
 * figure it must produce worked out by hand below (EXPECTED). Real D1 rows (teams with and
 * without business hours, agents, a web chat inbox, two visitors' conversations); the
 * events go through the real D1 projection and the real report listener, batch by batch,
 * with the room's state after each batch folded by the room's own `reduce`.
 *
 * Times: Monday 2026-11-02, São Paulo (UTC−3). Team Suporte is open Mon–Fri 09:00–18:00
 * there; team Vendas has no hours (always open).
 */
import { env } from "cloudflare:workers";
import { agentWithRole, owner, visitor, webchatInbox } from "../fixtures";
import { call, type Client } from "../http-client";
import { database } from "../../../worker/db/client";
import { findConversation } from "../../../worker/db/conversations";
import { projectBatch } from "../../../worker/db/projection";
import { reduce } from "../../../worker/conversation/status-machine";
import { foldRooms } from "../../../worker/reports/fold-rooms";
import type { RoomState } from "../../../worker/conversation/commands";
import type { Actor, ConversationEvent } from "../../../worker/protocol";

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;
/** 08:00 in São Paulo, Monday 2026-11-02. */
export const T0 = Date.UTC(2026, 10, 2, 11, 0);
/** 10:00 there, the same day. */
export const T1 = T0 + 120 * MIN;

const HOURS_9_TO_18 = [[540, 1080]] as [number, number][];
const WEEKDAYS_9_TO_18 = { timezone: "America/Sao_Paulo", days: [[], HOURS_9_TO_18, HOURS_9_TO_18, HOURS_9_TO_18, HOURS_9_TO_18, HOURS_9_TO_18, []] };

export interface History {
  boss: Client;
  ana: Client & { id: string };
  bruno: Client & { id: string };
  suporte: string;
  vendas: string;
  inboxId: string;
  a: string;
  b: string;
  /** Each conversation's events, and how they were cut into pipeline batches. */
  batches: { conversationId: string; state: RoomState; events: ConversationEvent[] }[];
}

async function made(client: Client, path: string, json: unknown): Promise<string> {
  const res = await call(path, { method: "POST", json, client });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

type Draft = { at: number; actor: Actor } & Record<string, unknown>;

/** Numbers the drafts 1…n, and cuts them into batches at `cuts` (seqs that start a batch),
 * each with the room's state after it. */
async function script(conversationId: string, start: Partial<RoomState>, drafts: Draft[], cuts: number[]): Promise<History["batches"]> {
  const db = database(env.DB);
  const conv = (await findConversation(db, conversationId))!;
  let state = { ...(await env.CONVERSATION_ROOM.getByName(conversationId).snapshot(conv)), ...start } as RoomState;
  const events = drafts.map((d, i) => ({ ...d, seq: i + 1, id: crypto.randomUUID(), conversationId }) as unknown as ConversationEvent);
  const batches: History["batches"] = [];
  const starts = [1, ...cuts, events.length + 1];
  for (let i = 0; i + 1 < starts.length; i++) {
    const part = events.slice(starts[i]! - 1, starts[i + 1]! - 1);
    for (const e of part) state = reduce(state, e);
    batches.push({ conversationId, state: { ...state }, events: part });
  }
  return batches;
}

const contact = (id: string): Actor => ({ type: "contact", id });
const agent = (id: string): Actor => ({ type: "agent", id, name: null });
const SYSTEM: Actor = { type: "system", id: null, name: null };
const BOT: Actor = { type: "bot", id: "menu", name: "Menu" };
const AUTOMATION: Actor = { type: "bot", id: "automation:r1", name: "Canned" };

const msg = (at: number, actor: Actor, body = "…", kind = "text") => ({ type: "message", kind, body, clientId: null, providerMessageId: null, delivery: null, at, actor });
const status = (at: number, actor: Actor, from: string, to: string) => ({ type: "status", from, to, snoozedUntil: null, at, actor });
const assign = (at: number, assigneeId: string, teamId: string, extra: Record<string, unknown> = {}) => ({ type: "assignment", assigneeId, assigneeName: null, teamId, at, actor: SYSTEM, ...extra });
const csat = (at: number, actor: Actor, rating: number) => ({ type: "csat", rating, comment: "", at, actor });

export async function buildHistory(): Promise<History> {
  const boss = await owner();
  const [ana, bruno] = [await agentWithRole("agent"), await agentWithRole("agent")];
  const suffix = crypto.randomUUID().slice(0, 6);
  const suporte = await made(boss, "/api/v1/teams", { name: `Suporte ${suffix}`, businessHours: WEEKDAYS_9_TO_18 });
  const vendas = await made(boss, "/api/v1/teams", { name: `Vendas ${suffix}` });
  const inbox = await webchatInbox(boss, `Reports ${suffix}`);
  const va = await visitor(inbox.publicKey);
  const vb = await visitor(inbox.publicKey);
  const c = (id: string) => contact(id);

  // Conversation A: the bot, the handoff, a queue wait, a note, a transfer, CSAT 5, a reopen.
  const a = await script(
    va.conversationId,
    { status: "bot", teamId: suporte, assigneeId: null },
    [
      msg(T0, c(va.contactId)), // 1 in, to the bot: nobody waits for a human yet
      msg(T0 + 1 * MIN, BOT), // 2 the bot answers: counts for nothing
      msg(T0 + 2 * MIN, c(va.contactId)), // 3 in
      status(T0 + 10 * MIN, SYSTEM, "bot", "open"), // 4 handoff 08:10: waiting and queued from here
      assign(T0 + 70 * MIN, ana.id, suporte, { reason: "next" }), // 5 09:10 ana: queue 60 min (business 10)
      msg(T0 + 75 * MIN, agent(ana.id), "nota", "note"), // 6 a note answers no one
      msg(T0 + 80 * MIN, agent(ana.id)), // 7 09:20 first response 70 min (business 20)
      msg(T0 + 90 * MIN, c(va.contactId)), // 8 in: waiting from 09:30
      msg(T0 + 95 * MIN, c(va.contactId)), // 9 in: still from 09:30
      assign(T0 + 100 * MIN, bruno.id, vendas, { fromTeamId: suporte }), // 10 transfer: ana handled 30 min
      msg(T0 + 112 * MIN, agent(bruno.id)), // 11 reply 22 min
      status(T0 + 120 * MIN, agent(bruno.id), "open", "resolved"), // 12 resolved 120 min; survey asked; bruno handled 20
      csat(T0 + 125 * MIN, c(va.contactId), 5), // 13
      msg(T0 + DAY, c(va.contactId)), // 14 Tuesday 08:00, in while resolved: waiting
      status(T0 + DAY, c(va.contactId), "resolved", "open"), // 15 reopened: a new cycle, not a new first response
      msg(T0 + DAY + 30 * MIN, agent(bruno.id)), // 16 reply 30 min
      status(T0 + DAY + 40 * MIN, agent(bruno.id), "open", "resolved"), // 17 resolved 40 min after the reopen; survey asked
    ],
    [5, 10, 14],
  );

  // Conversation B: automation replies and resolves; the rating is 3.
  const b = await script(
    vb.conversationId,
    { status: "open", teamId: suporte, assigneeId: null },
    [
      msg(T1, c(vb.contactId)), // 1 10:00 in: waiting and queued
      msg(T1 + 1 * MIN, AUTOMATION), // 2 a canned answer by automation: not a response
      assign(T1 + 5 * MIN, ana.id, suporte, { reason: "auto" }), // 3 queue 5 min
      msg(T1 + 8 * MIN, agent(ana.id)), // 4 first response 8 min
      status(T1 + 20 * MIN, SYSTEM, "open", "resolved"), // 5 resolved 20 min, by automation: no survey; ana handled 15
      csat(T1 + 21 * MIN, c(vb.contactId), 3), // 6
    ],
    [3],
  );
  return { boss, ana, bruno, suporte, vendas, inboxId: inbox.id, a: va.conversationId, b: vb.conversationId, batches: [...a, ...b] };
}

/** Runs one batch as the pipeline does: the D1 projection, then the report listener. */
export async function deliver(batch: History["batches"][number]): Promise<void> {
  const db = database(env.DB);
  const rooms = [{ state: batch.state, events: batch.events }];
  await projectBatch(db, rooms);
  await foldRooms(db, rooms);
}

/** The whole period of the history, and the same length before it (empty). */
export const PERIOD = { from: T0 - 60 * MIN, to: T0 + 2 * DAY };

/** Every figure, by hand, in minutes (calendar / business hours). */
export const EXPECTED = {
  conversations_created: { count: 2 },
  conversations_reopened: { count: 1 },
  messages_in: { count: 6 },
  messages_out: { count: 4 },
  conversations_resolved: { count: 3, sum: 120 + 40 + 20, business: 120 + 40 + 20 },
  first_response: { count: 2, sum: 70 + 8, business: 20 + 8 },
  reply: { count: 2, sum: 22 + 30, business: 22 + 30 },
  queue_wait: { count: 2, sum: 60 + 5, business: 10 + 5 },
  handle: { count: 4, sum: 30 + 20 + 40 + 15, business: 30 + 20 + 40 + 15 },
  csat_asked: { count: 2 },
  csat: { count: 2, sum: 5 + 3 },
  csat_positive: { count: 1 },
} as const;
