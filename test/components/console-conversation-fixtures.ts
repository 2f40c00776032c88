/**
 * @module Shared data for the conversation-pane tests: an agent, a conversation row,
 * a contact, tags, and the fake API answers the pane asks for on open.
 */
import type { ContactDetail, ConversationItem, Me, Tag } from "../../worker/protocol";
import type { Directory } from "../../console/conversation/use-directory";

export const ME: Me = { agent: { id: "a1", name: "Ana", email: "ana@example.com", role: "agent" }, teamIds: ["t1"] };
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
  tags: TAGS,
  types: [{ id: "ty1", name: "Question" }],
};

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
    createdAt: Date.now() - 60_000,
    lastActivityAt: Date.now(),
    firstResponseAt: null,
    resolvedAt: null,
    snoozedUntil: null,
    starred: false,
    readSeq: 0,
    unread: 0,
    tagIds: [],
    typeId: null,
    ...overrides,
  };
}

export function contactDetail(overrides: Partial<ContactDetail["contact"]> = {}): ContactDetail {
  return {
    contact: { id: "k1", name: "Maria", email: "maria@example.com", phone: null, attributes: { plan: "pro" }, tagIds: [], createdAt: 0, ...overrides },
    identities: [{ kind: "webchat", externalId: "visitor-1", verified: true }],
    conversations: [],
  };
}
