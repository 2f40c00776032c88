/**
 * @module When the console alerts the agent (desktop notification and sound), decided
 * from one store change. Three cases, as in the issues (4 and 14):
 * - a new customer message in a conversation assigned to me: the server's unread count
 *   for me went up;
 * - a new conversation in my queue: a conversation of one of my teams (or of no team)
 *   became open and unassigned;
 * - a conversation handed to me by someone else: automatic distribution, an admin, a
 *   transfer. Not one my own Next is bringing (`claiming`): I asked for it.
 * Never for the conversation on screen while the tab is visible, and only for live
 * changes (a list page loading is not news, and my own actions are not news to me).
 */
import type { ConversationItem } from "../../worker/protocol";
import type { StoreChange } from "../list/conversation-store";

export type AlertKind = "message" | "queue" | "assigned";

export interface Alert {
  kind: AlertKind;
  item: ConversationItem;
}

export interface AlertContext {
  meId: string;
  teamIds: readonly string[];
  /** The conversation open on screen, if any. */
  openId: string | null;
  /** document.visibilityState === "visible" */
  visible: boolean;
  /** A Next of this tab is under way: its live frame may beat the answer to the store. */
  claiming: boolean;
}

export function alertFor({ item, previous, source }: StoreChange, ctx: AlertContext): Alert | null {
  if (source !== "live") return null;
  if (item.id === ctx.openId && ctx.visible) return null;
  if (isWaiting(item) && inMyQueue(item, ctx.teamIds) && !(previous && isWaiting(previous))) return { kind: "queue", item };
  if (item.assigneeId === ctx.meId && previous && previous.assigneeId === ctx.meId && item.unread > previous.unread) return { kind: "message", item };
  // Only a conversation already known here: one first seen assigned to me is not a handover.
  if (item.assigneeId === ctx.meId && item.status === "open" && previous && previous.assigneeId !== ctx.meId && !ctx.claiming) return { kind: "assigned", item };
  return null;
}

function isWaiting(item: ConversationItem): boolean {
  return item.status === "open" && item.assigneeId === null;
}

function inMyQueue(item: ConversationItem, teamIds: readonly string[]): boolean {
  return item.teamId === null || teamIds.length === 0 || teamIds.includes(item.teamId);
}
