/**
 * @module Shapes of the agent console's working API: list views and filters, per-agent
 * state (stars, read marks), tags, conversation types, canned responses, search and the
 * contact panel. Everything here lives in D1 beside the conversation projection; none of
 * it changes a conversation's ordered event log, so none of it goes through the room.
 */
import { z } from "zod";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./limits";
import { ConversationStatus, ReachabilityReason } from "./events";
import { ChannelKind, ConversationSummary } from "./summary";
import { UserName, UserText } from "./text";
import { VisitorContext } from "./visitor-context";
import { ContactPriority } from "./priority";

const Id = z.string().min(1).max(64);
const Label = UserName.trim().min(1).max(60);

/** FTS5 snippet() markers around each hit. Control characters, so no user text can forge
 * them; the console splits on them and renders <mark> elements, never HTML. */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_END = "\u0003";

export const MAX_TAGS_PER_TARGET = 20;
export const MAX_CANNED_BODY_CHARS = 5_000;
export const MAX_SEARCH_QUERY_CHARS = 200;
export const MAX_CONTACT_CONVERSATIONS = 50;

// --- list ------------------------------------------------------------------------------

/** The console's saved views. `mine`, `unassigned` and `all` default to open
 * conversations (a `status` filter overrides that); `starred` is any status; `snoozed`
 * and `resolved` are that status only. */
export const ConversationView = z.enum(["mine", "unassigned", "all", "starred", "snoozed", "resolved"]);
export type ConversationView = z.infer<typeof ConversationView>;

export const ConversationListQuery = z.strictObject({
  view: ConversationView.optional(),
  status: ConversationStatus.optional(),
  /** An agent id, `me`, or `none` for unassigned. */
  assignee: z.string().max(64).optional(),
  inbox: Id.optional(),
  channel: ChannelKind.optional(),
  team: Id.optional(),
  tag: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type ConversationListQuery = z.input<typeof ConversationListQuery>;

/** A list row as one agent sees it: the shared summary plus that agent's own state and
 * the D1-side labels. Queue frames carry only the summary; the console keeps the rest. */
export const ConversationItem = ConversationSummary.extend({
  starred: z.boolean(),
  /** The highest seq this agent has read. */
  readSeq: z.number().int().nonnegative(),
  /** Customer messages after readSeq. */
  unread: z.number().int().nonnegative(),
  tagIds: z.array(z.string()),
  typeId: z.string().nullable(),
});
export type ConversationItem = z.infer<typeof ConversationItem>;

export const ConversationList = z.object({
  conversations: z.array(ConversationItem),
  nextCursor: z.string().nullable(),
});
export type ConversationList = z.infer<typeof ConversationList>;

export const ConversationDetail = z.object({ conversation: ConversationItem });
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** `POST …/assign`'s answer: the conversation, and when the assignee now carries more
 * open conversations than their capacity, by how much (issue 14: a manual assignment may
 * exceed capacity, and says so; automatic distribution never does). */
export const AssignResult = ConversationDetail.extend({
  overCapacity: z.object({ load: z.number().int(), capacity: z.number().int() }).nullable().optional(),
});
export type AssignResult = z.infer<typeof AssignResult>;

// --- per-agent state and labels on a conversation ----------------------------------------

export const StarBody = z.strictObject({ starred: z.boolean() });
/** Read marks only move forward; a lower seq is accepted and changes nothing. */
export const ReadBody = z.strictObject({ seq: z.number().int().nonnegative() });
export const TagIdsBody = z.strictObject({ tagIds: z.array(Id).max(MAX_TAGS_PER_TARGET) });
export const TagIds = z.object({ tagIds: z.array(z.string()) });
export const ConversationTypeBody = z.strictObject({ typeId: Id.nullable() });
/** Tags on single messages of one conversation, for the timeline. */
export const MessageTags = z.object({ messages: z.array(z.object({ seq: z.number().int().positive(), tagIds: z.array(z.string()) })) });
export type MessageTags = z.infer<typeof MessageTags>;

// --- settings: tags, conversation types, canned responses (admins write) -----------------

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1f883d");

export const Tag = z.object({ id: z.string(), name: z.string(), color: z.string() });
export type Tag = z.infer<typeof Tag>;
export const TagList = z.object({ tags: z.array(Tag) });
export const CreateTagBody = z.strictObject({ name: Label, color: Color.default("#6e7781") });
export const UpdateTagBody = z.strictObject({ name: Label.optional(), color: Color.optional() });

/** A classification of conversations (question, complaint, order…), one per conversation. */
export const ConversationType = z.object({ id: z.string(), name: z.string() });
export type ConversationType = z.infer<typeof ConversationType>;
export const ConversationTypeList = z.object({ types: z.array(ConversationType) });
export const ConversationTypeInput = z.strictObject({ name: Label });

/** `body` may hold `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}` and
 * `{{agent.name}}`; the console fills them in before sending. */
export const CannedResponse = z.object({ id: z.string(), shortcode: z.string(), body: z.string() });
export type CannedResponse = z.infer<typeof CannedResponse>;
export const CannedResponseList = z.object({ cannedResponses: z.array(CannedResponse) });
const Shortcode = z.string().trim().toLowerCase().regex(/^[a-z0-9_-]{1,40}$/, "1–40 of a–z 0–9 _ -");
export const CreateCannedBody = z.strictObject({ shortcode: Shortcode, body: UserText.trim().min(1).max(MAX_CANNED_BODY_CHARS) });
export const UpdateCannedBody = z.strictObject({ shortcode: Shortcode.optional(), body: UserText.trim().min(1).max(MAX_CANNED_BODY_CHARS).optional() });

// --- search ----------------------------------------------------------------------------

export const SearchQuery = z.strictObject({
  q: UserText.trim().min(1).max(MAX_SEARCH_QUERY_CHARS),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** A message hit opens its conversation at `seq`; a contact hit has `seq` null and points
 * at the contact's latest conversation. `snippet` carries HIGHLIGHT_START/END markers. */
export const SearchHit = z.object({
  kind: z.enum(["message", "contact"]),
  conversationId: z.string(),
  seq: z.number().int().positive().nullable(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  channel: ChannelKind,
  snippet: z.string(),
  at: z.number().int(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResults = z.object({ hits: z.array(SearchHit), nextCursor: z.string().nullable() });
export type SearchResults = z.infer<typeof SearchResults>;

// --- contacts --------------------------------------------------------------------------

export const ContactIdentity = z.object({ kind: z.string(), externalId: z.string(), verified: z.boolean() });
export const Contact = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** `name` was generated for an anonymous web visitor ("Blue Falcon 4821"), not given. */
  nameGenerated: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  tagIds: z.array(z.string()),
  createdAt: z.number().int(),
  /** The contact's own queue priority (0–100, higher first), set by admins. */
  priority: ContactPriority,
  /** What the queue orders by: the own priority or the highest segment rule matching the contact. */
  effectivePriority: ContactPriority,
});
export type Contact = z.infer<typeof Contact>;

/** An inbox the contact may not be written to on, beyond one conversation: they opted out
 * (SMS STOP) or blocked the bot (Telegram), and have not opted back in. */
export const ContactOptOut = z.object({ inboxId: z.string(), reason: ReachabilityReason, at: z.number().int() });
export type ContactOptOut = z.infer<typeof ContactOptOut>;

/** The contact panel: who they are and every conversation they had, on any channel. */
export const ContactDetail = z.object({
  contact: Contact,
  identities: z.array(ContactIdentity),
  conversations: z.array(ConversationSummary),
  /** The latest web chat context (page, browser, place, time zone); null if none. */
  visitor: VisitorContext.nullable(),
  optOuts: z.array(ContactOptOut),
});
export type ContactDetail = z.infer<typeof ContactDetail>;

export const UpdateContactBody = z.strictObject({
  name: UserName.trim().min(1).max(120).nullable().optional(),
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)).nullable().optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{4,30}$/, "a phone number").nullable().optional(),
  /** Merged into the existing attributes; a null value removes that key. */
  attributes: z.record(UserName.min(1).max(60), z.union([UserText.max(500), z.number(), z.boolean(), z.null()])).optional(),
  tagIds: z.array(Id).max(MAX_TAGS_PER_TARGET).optional(),
  /** Admins and owners only: it moves the contact's conversations in the queue. */
  priority: ContactPriority.optional(),
});
