/**
 * @module The menu bot as D1 keeps it (inboxes.menu_bot, JSON): read back through the
 * protocol's schema, so a row written by an older shape is "no bot", never a crash.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { teams } from "../../db/schema";
import { MenuBot, type ConversationStatus } from "../../protocol";
import { agentBotOn } from "../agent/stored";

/** The stored bot, or null when there is none (or it no longer parses). */
export function storedMenuBot(value: unknown): MenuBot | null {
  const parsed = MenuBot.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A new conversation's first status: the inbox's bot (menu or agent bot), when it has
 * one switched on. */
export function initialStatusOf(inbox: { menuBot?: unknown; agentBot?: unknown }): ConversationStatus {
  return storedMenuBot(inbox.menuBot)?.enabled || agentBotOn(inbox.agentBot) ? "bot" : "open";
}

/** The bot as a room runs it: an option whose team was deleted since hands over to the
 * inbox's team instead (a conversation must never point at a team that is gone). */
export async function runnableMenuBot(db: Db, value: unknown): Promise<MenuBot | null> {
  const bot = storedMenuBot(value);
  if (!bot) return null;
  const teamIds = bot.options.flatMap((o) => (o.action.type === "team" ? [o.action.teamId] : []));
  if (teamIds.length === 0) return bot;
  const live = new Set((await db.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds))).map((t) => t.id));
  return { ...bot, options: bot.options.map((o) => (o.action.type === "team" && !live.has(o.action.teamId) ? { ...o, action: { type: "human" as const } } : o)) };
}
