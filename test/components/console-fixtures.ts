/**
 * @module Shared data for the console's component tests: agents, teams, tags, the
 * directory, a conversation row (`item`) and its queue-frame summary, a contact.
 */
import type { ContactDetail, ConversationItem, ConversationSummary, Me, Tag } from "../../worker/protocol";
import type { Directory } from "../../console/shared/use-directory";

/** A profile with every default, for `Me` fixtures. */
export const PROFILE: Me["profile"] = { avatarUrl: null, language: null, notifications: { sound: true, desktop: true, newMessage: true, newConversation: true } };
export const ME: Me = { agent: { id: "a1", name: "Ana", email: "ana@example.com", role: "agent" }, teamIds: ["t1"], profile: PROFILE };
export const ME_ID = ME.agent.id;
export const BRUNO = { id: "a2", name: "Bruno", email: "bruno@example.com", role: "agent" as const };

export const TAGS: Tag[] = [
  { id: "tag-vip", name: "VIP", color: "#8250df" },
  { id: "tag-bug", name: "Bug", color: "#cf222e" },
];

export const DIRECTORY: Directory = {
  agents: [ME.agent, BRUNO],
  teams: [
    { id: "t1", name: "Suporte" },
    { id: "t2", name: "Vendas" },
  ],
  inboxes: [],
  tags: TAGS,
  tagsById: new Map(TAGS.map((t) => [t.id, t])),
  types: [{ id: "ty1", name: "Question" }],
};

/** One instant for every row of a test file: recent enough to read as "now" on screen,
 * and equal across rows, so an order never depends on the millisecond a row was made. */
const NOW = Date.now();

/** A conversation as the list API returns it: open, unassigned, web chat, in team t1. */
export function item(overrides: Partial<ConversationItem> = {}): ConversationItem {
  return {
    id: "c1",
    inboxId: "i1",
    channel: "webchat",
    contactId: "k1",
    contactName: "Maria",
    teamId: "t1",
    assigneeId: null,
    status: "open",
    priority: 50,
    lastSeq: 0,
    lastMessagePreview: null,
    createdAt: NOW - 60_000,
    lastActivityAt: NOW,
    firstResponseAt: null,
    resolvedAt: null,
    snoozedUntil: null,
    callbackAt: null,
    contactPriority: 0,
    starred: false,
    readSeq: 0,
    unread: 0,
    tagIds: [],
    typeId: null,
    ...overrides,
  };
}

/** The shared summary of an item, as a queue frame carries it. */
export function summaryOf(row: ConversationItem): ConversationSummary {
  const { starred: _s, readSeq: _r, unread: _u, tagIds: _t, typeId: _ty, ...summary } = row;
  return summary;
}

export function contactDetail(overrides: Partial<ContactDetail["contact"]> = {}, more: Partial<Omit<ContactDetail, "contact">> = {}): ContactDetail {
  return {
    contact: { id: "k1", name: "Maria", nameGenerated: false, email: "maria@example.com", phone: null, attributes: { plan: "pro" }, tagIds: [], createdAt: 0, priority: 0, effectivePriority: 0, ...overrides },
    identities: [{ kind: "webchat", externalId: "visitor-1", verified: true }],
    conversations: [],
    visitor: null,
    optOuts: [],
    ...more,
  };
}
