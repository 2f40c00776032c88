/**
 * The bad-input rows of the install, account and conversation routes (setup, sign-in,
 * agents, inboxes, teams, the profile, replies, assignment, status): one valid request
 * each, from which bad-input-kit.ts derives the cases every route must refuse. Used by
 * bad-input.test.ts; bad-input-coverage.test.ts checks every JSON-body route has a row.
 */
import { MAX_BODY_CHARS, MAX_CALLBACK_AHEAD_MS, MAX_INBOX_PRIORITY, MIN_INBOX_PRIORITY } from "../../worker/protocol";
import { huge, type BodyRoute, type World } from "./bad-input-kit";
import { AGENT_PASSWORD, OWNER } from "./fixtures";

const future = () => Date.now() + 3_600_000;
const WHATSAPP_CREDENTIALS = { appSecret: "app-secret-0123456789", accessToken: "access-token-0123456789", verifyToken: "verify-token-0123456789" };
const META_CREDENTIALS = { appSecret: "app-secret-0123456789", pageAccessToken: "page-token-0123456789", verifyToken: "verify-token-0123456789" };

/** The world here also names its inbox, for the inbox's own routes. */
export interface InstallWorld extends World {
  inboxId: string;
  /** The seeded team, for its rename. */
  teamId: string;
}

/** Runs on its own, before the owner exists: the one state where a setup could write. */
export const SETUP: BodyRoute = {
  name: "POST /api/v1/setup",
  path: () => "/api/v1/setup",
  as: () => ({}),
  valid: () => ({ ...OWNER }),
  wrongTypes: { name: 42, email: ["owner@example.com"], password: 1234567890123 },
  required: ["name", "email", "password"],
  badValues: [
    { label: "a blank name", set: { name: "   " } },
    { label: "an e-mail that is not one", set: { email: "owner-at-example.com" } },
    { label: "a password under 10 characters", set: { password: "short" } },
    { label: "a password over 256 characters", set: { password: huge(257) } },
    { label: "a locale the console does not speak", set: { locale: "fr" } },
  ],
};

/** The bad values a team's creation and its edits share. */
const TEAM_BAD_VALUES: BodyRoute["badValues"] = [
  { label: "a blank name", set: { name: "  " } },
  { label: "a name over 60 characters", set: { name: huge(61) } },
  { label: "an unknown distribution mode", set: { distributionMode: "round-robin" } },
  { label: "a capacity of 0", set: { defaultCapacity: 0 } },
  { label: "a capacity over 100", set: { defaultCapacity: 101 } },
  { label: "a fractional capacity", set: { defaultCapacity: 2.5 } },
  { label: "a no-answer delay under 30 s", set: { unansweredTimeoutSeconds: 29 } },
  { label: "a no-answer delay over a day", set: { unansweredTimeoutSeconds: 86_401 } },
  { label: "business hours with 6 days", set: { businessHours: { timezone: "UTC", days: [[], [], [], [], [], []] } } },
  { label: "an away message over 1,000 characters", set: { awayMessage: huge(1001) } },
  { label: "an overflow team id over 64 characters", set: { overflowTeamId: huge(65) } },
  { label: "an unknown overflow team", set: { overflowTeamId: "no-such-team" }, status: 404, code: "team_not_found" },
  { label: "an unknown field", set: { color: "red" }, unknownKey: true },
];

/** Sign-in, agents, inboxes, teams and the signed-in agent's own profile. */
export const ACCOUNT_BODY_ROUTES: BodyRoute<InstallWorld>[] = [
  {
    name: "POST /api/v1/auth/login",
    path: () => "/api/v1/auth/login",
    as: () => ({}),
    valid: () => ({ email: OWNER.email, password: OWNER.password }),
    wrongTypes: { email: 42, password: { value: OWNER.password } },
    required: ["email", "password"],
    badValues: [
      { label: "an e-mail that is not one", set: { email: "owner" } },
      { label: "an empty password", set: { password: "" } },
      { label: "a password over 256 characters", set: { password: huge(257) } },
    ],
  },
  {
    name: "POST /api/v1/agents",
    path: () => "/api/v1/agents",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "New Agent", email: `new-${crypto.randomUUID()}@example.com`, password: AGENT_PASSWORD, role: "agent" }),
    wrongTypes: { name: ["New", "Agent"], email: 7, password: true, role: 1 },
    required: ["name", "email", "password", "role"],
    badValues: [
      { label: "role owner", set: { role: "owner" } },
      { label: "an unknown role", set: { role: "superuser" } },
      { label: "an e-mail that is not one", set: { email: "new agent@example" } },
      { label: "a password under 10 characters", set: { password: "123" } },
      { label: "a name over 120 characters", set: { name: huge(121) } },
      { label: "an e-mail already taken", set: { email: OWNER.email }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "POST /api/v1/agents/invites",
    path: () => "/api/v1/agents/invites",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ email: `invitee-${crypto.randomUUID()}@example.com`, role: "agent" }),
    wrongTypes: { email: 7, role: 1 },
    required: ["email", "role"],
    badValues: [
      { label: "an unknown role", set: { role: "superuser" } },
      { label: "an e-mail that is not one", set: { email: "invitee@" } },
      { label: "an e-mail already taken", set: { email: OWNER.email }, status: 409, code: "conflict" },
    ],
  },
  {
    // Body checks come before the token's lookup, so a well-formed unknown token serves.
    name: "POST /api/v1/invites/{token}/accept",
    path: () => `/api/v1/invites/${"b".repeat(43)}/accept`,
    as: () => ({}),
    valid: () => ({ name: "Invited Agent", password: AGENT_PASSWORD }),
    wrongTypes: { name: ["Invited"], password: 1234567890123 },
    required: ["name", "password"],
    badValues: [
      { label: "a blank name", set: { name: "   " } },
      { label: "a password under 10 characters", set: { password: "short" } },
      { label: "a password over 256 characters", set: { password: huge(257) } },
    ],
  },
  {
    // Body checks come before the agent's lookup (agent-admin.test.ts covers real targets).
    name: "PATCH /api/v1/agents/{id}",
    method: "PATCH",
    path: () => "/api/v1/agents/no-such-agent",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ role: "agent", capacity: 5 }),
    wrongTypes: { role: 3, capacity: "five" },
    required: ["role"],
    badValues: [
      { label: "an unknown role", set: { role: "superuser" } },
      { label: "a capacity of 0", set: { capacity: 0 } },
      { label: "a fractional capacity", set: { capacity: 2.5 } },
      { label: "a capacity over 100", set: { capacity: 101 } },
    ],
  },
  {
    name: "PUT /api/v1/me/status",
    method: "PUT",
    path: () => "/api/v1/me/status",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ status: "online" }),
    wrongTypes: { status: 1 },
    required: ["status"],
    badValues: [
      { label: "offline (only the sockets make an agent offline)", set: { status: "offline" } },
      { label: "an unknown status", set: { status: "busy" } },
    ],
  },
  {
    name: "POST /api/v1/inboxes",
    path: () => "/api/v1/inboxes",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ kind: "webchat", name: "Bad input inbox" }),
    wrongTypes: { kind: 1, name: 5, priority: "high", settings: "blue", teamId: 9 },
    required: ["kind", "name"],
    badValues: [
      { label: "a channel kind that does not exist", set: { kind: "fax" } },
      { label: "priority 0", set: { priority: 0 } },
      { label: "priority 101", set: { priority: 101 } },
      { label: "a fractional priority", set: { priority: 2.5 } },
      { label: "a blank name", set: { name: " \t " } },
      { label: "a colour that is not #rrggbb", set: { settings: { color: "red" } } },
      { label: "a javascript: avatar URL", set: { settings: { avatarUrl: "javascript:alert(1)" } } },
      { label: "an unknown settings field", set: { settings: { script: "<script>" } } },
      { label: "an unknown team", set: { teamId: "no-such-team" }, status: 404, code: "team_not_found" },
      { label: "credentials on a web chat inbox", set: { credentials: WHATSAPP_CREDENTIALS }, unknownKey: true },
      { label: "a WhatsApp inbox with only one of its credentials", set: { credentials: { appSecret: "app-secret-0123456789" }, kind: "whatsapp", settings: { phoneNumberId: "1234567890" } } },
      { label: "a WhatsApp inbox with web chat settings", set: { settings: { color: "#123456" }, kind: "whatsapp", credentials: WHATSAPP_CREDENTIALS } },
      { label: "a WhatsApp phone number id that is not Meta's numeric id", set: { settings: { phoneNumberId: "+55 11 9999" }, kind: "whatsapp", credentials: WHATSAPP_CREDENTIALS } },
      { label: "a Messenger inbox without its app id", set: { settings: { pageId: "1234567890" }, kind: "messenger", credentials: META_CREDENTIALS } },
    ],
  },
  {
    name: "PATCH /api/v1/inboxes/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/inboxes/${w.inboxId}`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "Renamed inbox", priority: 50 }),
    wrongTypes: { name: 5, teamId: 7, priority: "high", settings: "dark" },
    required: [],
    badValues: [
      { label: "a blank name", set: { name: "  " } },
      { label: `a priority under ${MIN_INBOX_PRIORITY}`, set: { priority: MIN_INBOX_PRIORITY - 1 } },
      { label: `a priority over ${MAX_INBOX_PRIORITY}`, set: { priority: MAX_INBOX_PRIORITY + 1 } },
      { label: "a fractional priority", set: { priority: 1.5 } },
      { label: "a team id over 64 characters", set: { teamId: huge(65) } },
      { label: "an unknown team", set: { teamId: "no-such-team" }, status: 404, code: "team_not_found" },
      { label: "an expected reply time that is not offered", set: { settings: { expectedReplyTime: "weeks" } } },
      { label: "a pre-chat phone field that is not a boolean", set: { settings: { preChatForm: { enabled: true, requireEmail: false, askPhone: "yes" } } } },
      { label: "WhatsApp settings on a web chat inbox (the kind cannot change)", set: { settings: { phoneNumberId: "1234567890" } } },
      { label: "credentials on a web chat inbox", set: { credentials: { appSecret: "app-secret-0123456789" } } },
    ],
  },
  {
    name: "PATCH /api/v1/me",
    method: "PATCH",
    path: () => "/api/v1/me",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "Olivia", avatarUrl: "https://images.example.com/o.png", language: "es", notifications: { sound: false } }),
    wrongTypes: { name: 5, avatarUrl: 7, language: true, notifications: "on" },
    required: [],
    badValues: [
      { label: "a blank name", set: { name: "   " } },
      { label: "a javascript: avatar URL", set: { avatarUrl: "javascript:alert(1)" } },
      { label: "a plain-http avatar URL", set: { avatarUrl: "http://images.example.com/o.png" } },
      { label: "an avatar URL over 2048 characters", set: { avatarUrl: `https://x.example/${huge(2048)}` } },
      { label: "a language the console does not speak", set: { language: "fr" } },
      { label: "an unknown notification preference", set: { notifications: { sound: true, popups: true } } },
      { label: "a role (not the agent's to change)", set: { role: "owner" }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/me/password",
    path: () => "/api/v1/me/password",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ currentPassword: OWNER.password, newPassword: "a brand new passphrase" }),
    wrongTypes: { currentPassword: 5, newPassword: ["x"] },
    required: ["currentPassword", "newPassword"],
    badValues: [
      { label: "an empty current password", set: { currentPassword: "" } },
      { label: "a new password under 10 characters", set: { newPassword: "short" } },
      { label: "a new password over 256 characters", set: { newPassword: huge(257) } },
    ],
  },
  {
    name: "PATCH /api/v1/teams/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/teams/${w.teamId}`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "Support" }),
    wrongTypes: { name: 5, distributionMode: 1, defaultCapacity: "5", businessHours: "9-18", awayMessage: 3, overflowTeamId: 4, unansweredTimeoutSeconds: "60" },
    required: [],
    badValues: TEAM_BAD_VALUES,
  },
  {
    name: "POST /api/v1/teams",
    path: () => "/api/v1/teams",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: `Team ${crypto.randomUUID().slice(0, 8)}` }),
    wrongTypes: { name: 5, distributionMode: 1, defaultCapacity: "5", businessHours: "9-18", awayMessage: 3, overflowTeamId: 4, unansweredTimeoutSeconds: "60" },
    required: ["name"],
    badValues: TEAM_BAD_VALUES,
  },
];

/** What an agent does to a conversation. */
export const CONVERSATION_BODY_ROUTES: BodyRoute<InstallWorld>[] = [
  {
    name: "POST /api/v1/conversations/{id}/messages",
    path: (w) => `/api/v1/conversations/${w.conversationId}/messages`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ body: "A reply" }),
    wrongTypes: { body: ["A reply"], clientId: 12, kind: true, cc: "ana@cliente.example.net" },
    required: ["body"],
    badValues: [
      { label: "an empty body", set: { body: "" } },
      { label: "a Cc that is not an e-mail address", set: { cc: ["not an address"] } },
      { label: "more than 49 Cc (Email Service takes 50 recipients)", set: { cc: Array.from({ length: 50 }, (_, i) => `p${i}@cliente.example.net`) } },
      { label: "a whitespace-only body", set: { body: " \n\t " } },
      { label: `a body over ${MAX_BODY_CHARS} characters`, set: { body: huge(MAX_BODY_CHARS + 1) } },
      { label: "an attachment kind (attachments are not sent as text)", set: { kind: "attachment" } },
      { label: "an unknown kind", set: { kind: "shout" } },
      { label: "a clientId with spaces", set: { clientId: "not allowed here" } },
      { label: "a clientId over 64 characters", set: { clientId: huge(65) } },
    ],
  },
  {
    name: "POST /api/v1/conversations/{id}/assign",
    path: (w) => `/api/v1/conversations/${w.conversationId}/assign`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ assigneeId: null }),
    wrongTypes: { assigneeId: 5, teamId: true },
    required: [],
    badValues: [
      { label: "an empty assigneeId", set: { assigneeId: "" } },
      { label: "an assigneeId over 64 characters", set: { assigneeId: huge(65) } },
      { label: "an unknown agent", set: { assigneeId: "no-such-agent" }, status: 404, code: "agent_not_found" },
      { label: "an unknown team", set: { teamId: "no-such-team" }, status: 404, code: "team_not_found" },
    ],
  },
  {
    name: "POST /api/v1/conversations/{id}/status",
    path: (w) => `/api/v1/conversations/${w.conversationId}/status`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ status: "snoozed", until: future() }),
    wrongTypes: { status: 1, until: "tomorrow" },
    required: ["status", "until"],
    badValues: [
      { label: "an unknown status", set: { status: "bogus" } },
      { label: "status bot (only automation sets it)", set: { status: "bot" } },
      { label: "a snooze until a past time", set: { until: Date.now() - 60_000 } },
      { label: "a negative snooze time", set: { until: -1 } },
      { label: "a fractional snooze time", set: { until: 1.5 } },
      { label: "a field of another status (unassign on snoozed)", set: { unassign: true }, unknownKey: true },
    ],
  },
  {
    name: "PUT /api/v1/conversations/{id}/callback",
    method: "PUT",
    path: (w) => `/api/v1/conversations/${w.conversationId}/callback`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ at: future() }),
    wrongTypes: { at: "tomorrow at 3" },
    required: ["at"],
    badValues: [
      { label: "a past time", set: { at: Date.now() - 60_000 }, status: 422, code: "callback_time_out_of_range" },
      { label: "more than 366 days ahead", set: { at: Date.now() + MAX_CALLBACK_AHEAD_MS + 3_600_000 }, status: 422, code: "callback_time_out_of_range" },
      { label: "a negative time", set: { at: -1 } },
      { label: "a fractional time", set: { at: 1.5 } },
      { label: "a time in seconds as a string", set: { at: "1767225600" } },
    ],
  },
];
