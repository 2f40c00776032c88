/**
 * Rows for the console's list tests: a ConversationItem with sensible defaults.
 */
import type { ConversationItem, ConversationSummary } from "../../worker/protocol";

export const ME = "agent-me";

export function item(overrides: Partial<ConversationItem> & { id: string }): ConversationItem {
  return {
    inboxId: "inbox-1",
    channel: "webchat",
    contactId: `contact-${overrides.id}`,
    contactName: `Contact ${overrides.id}`,
    teamId: "team-1",
    assigneeId: null,
    status: "open",
    priority: 50,
    lastSeq: 1,
    lastMessagePreview: "hello",
    createdAt: 1_000,
    lastActivityAt: 1_000,
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

/** The shared summary of an item, as a queue frame carries it. */
export function summaryOf(row: ConversationItem): ConversationSummary {
  const { starred: _s, readSeq: _r, unread: _u, tagIds: _t, typeId: _ty, ...summary } = row;
  return summary;
}
