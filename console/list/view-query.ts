/**
 * @module What the list shows: a view (Mine, Unassigned, All open, Starred, Snoozed,
 * Resolved) narrowed
 * by filters, and the same rule the server applies, restated as a predicate so a live
 * change can be placed without asking the server: a row that stops matching leaves the
 * list, one that starts matching enters it.
 */
import type { ChannelKind, ConversationItem, ConversationStatus, ConversationView } from "../../worker/protocol";
import type { ListParams } from "../api";

export const VIEWS: readonly ConversationView[] = ["mine", "unassigned", "all", "starred", "snoozed", "resolved"];

export interface ListFilters {
  status?: ConversationStatus;
  /** An agent id, `me`, or `none`. */
  assignee?: string;
  inbox?: string;
  channel?: ChannelKind;
  team?: string;
  tag?: string;
}

export interface ListQuery {
  view: ConversationView;
  filters: ListFilters;
}

/** The snoozed and resolved views are that status only, so a status filter there would
 * only ever empty them; the console neither offers nor sends one. */
export function allowsStatusFilter(view: ConversationView): boolean {
  return view !== "snoozed" && view !== "resolved";
}

/** The filters that apply to a view, with the meaningless ones dropped. */
export function effectiveFilters({ view, filters }: ListQuery): ListFilters {
  const { status, ...rest } = filters;
  return allowsStatusFilter(view) && status ? { ...rest, status } : rest;
}

/** The API's query parameters for one page. */
export function toApiQuery(query: ListQuery, cursor: string | null, limit: number): ListParams {
  return { view: query.view, ...effectiveFilters(query), ...(cursor ? { cursor } : {}), limit };
}

/** A stable key: equal queries give equal keys, whatever order the filters were set in. */
export function queryKey(query: ListQuery): string {
  const filters = effectiveFilters(query);
  return JSON.stringify([query.view, ...(Object.keys(filters) as (keyof ListFilters)[]).sort().map((k) => [k, filters[k]])]);
}

/** Whether `item` belongs in the list for `query`, as seen by agent `meId`. Mirrors the
 * server: Mine, Unassigned and All default to open conversations unless a status filter
 * says otherwise; Starred is any status; Snoozed and Resolved are that status only. */
export function matchesQuery(item: ConversationItem, query: ListQuery, meId: string): boolean {
  const f = effectiveFilters(query);
  switch (query.view) {
    case "mine":
      if (item.assigneeId !== meId || item.status !== (f.status ?? "open")) return false;
      break;
    case "unassigned":
      if (item.assigneeId !== null || item.status !== (f.status ?? "open")) return false;
      break;
    case "all":
      if (item.status !== (f.status ?? "open")) return false;
      break;
    case "starred":
      if (!item.starred || (f.status !== undefined && item.status !== f.status)) return false;
      break;
    case "snoozed":
    case "resolved":
      if (item.status !== query.view) return false;
      break;
  }
  if (f.assignee !== undefined && item.assigneeId !== assigneeIdOf(f.assignee, meId)) return false;
  if (f.inbox !== undefined && item.inboxId !== f.inbox) return false;
  if (f.channel !== undefined && item.channel !== f.channel) return false;
  if (f.team !== undefined && item.teamId !== f.team) return false;
  if (f.tag !== undefined && !item.tagIds.includes(f.tag)) return false;
  return true;
}

function assigneeIdOf(filter: string, meId: string): string | null {
  if (filter === "me") return meId;
  if (filter === "none") return null;
  return filter;
}
