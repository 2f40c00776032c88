/**
 * @module Shapes of team administration: a team's settings (distribution, capacity,
 * business hours, away message, overflow), its creation and edits, and its deletion.
 */
import { z } from "zod";
import { UserName, UserText } from "./text";
import { BusinessHours } from "./webchat";

/** "manual": agents take the next conversation themselves; "auto": the queue hands it out. */
export const DistributionMode = z.enum(["manual", "auto"]);
export type DistributionMode = z.infer<typeof DistributionMode>;

export const MIN_TEAM_CAPACITY = 1;
export const MAX_TEAM_CAPACITY = 100;
export const MAX_TEAM_AWAY_MESSAGE_CHARS = 1000;
/** What a new team starts with when its creator says nothing. */
export const DEFAULT_TEAM_CAPACITY = 5;

/** Bounds of "forward if no response": an assignment not answered within this many
 * seconds goes back to the queue (null: never). */
export const MIN_UNANSWERED_TIMEOUT_S = 30;
export const MAX_UNANSWERED_TIMEOUT_S = 24 * 3600;

const TeamId = z.string().min(1).max(64);
const UnansweredTimeout = z.number().int().min(MIN_UNANSWERED_TIMEOUT_S).max(MAX_UNANSWERED_TIMEOUT_S).nullable();
const TeamName = UserName.trim().min(1).max(60);
const Capacity = z.number().int().min(MIN_TEAM_CAPACITY).max(MAX_TEAM_CAPACITY);
const AwayMessage = UserText.max(MAX_TEAM_AWAY_MESSAGE_CHARS);

/** A team's settings as the API returns them (admins). */
export const TeamSettings = z.object({
  distributionMode: DistributionMode,
  /** Conversations an agent of this team carries at once, unless their own override says otherwise. */
  defaultCapacity: Capacity,
  /** The web chat's shape; null: always open. */
  businessHours: BusinessHours.nullable(),
  /** Told to customers outside business hours or when no member is available. */
  awayMessage: z.string(),
  /** Where conversations go when no member is available; never the team itself, never a team overflowing back here. */
  overflowTeamId: z.string().nullable(),
  /** Seconds an assigned agent has to answer before the conversation goes back to the
   * queue (Rocket.Chat's "forward if no response"); null: never. */
  unansweredTimeoutSeconds: UnansweredTimeout,
});
export type TeamSettings = z.infer<typeof TeamSettings>;

/** `GET/POST/PATCH /api/v1/teams…` (admins): the team, its settings and its members. */
export const TeamDetail = TeamSettings.extend({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
});
export type TeamDetail = z.infer<typeof TeamDetail>;

/** `POST /api/v1/teams`: a name, and any settings (the rest take their defaults). */
export const CreateTeamBody = z.strictObject({
  name: TeamName,
  distributionMode: DistributionMode.default("manual"),
  defaultCapacity: Capacity.default(DEFAULT_TEAM_CAPACITY),
  businessHours: BusinessHours.nullable().default(null),
  awayMessage: AwayMessage.default(""),
  overflowTeamId: TeamId.nullable().default(null),
  unansweredTimeoutSeconds: UnansweredTimeout.default(null),
});
export type CreateTeamBody = z.input<typeof CreateTeamBody>;

/** `PATCH /api/v1/teams/:id`: admins rename a team (the seeded one included) and change its settings; absent fields stay. */
export const UpdateTeamBody = z
  .strictObject({
    name: TeamName.optional(),
    distributionMode: DistributionMode.optional(),
    defaultCapacity: Capacity.optional(),
    businessHours: BusinessHours.nullable().optional(),
    awayMessage: AwayMessage.optional(),
    overflowTeamId: TeamId.nullable().optional(),
    unansweredTimeoutSeconds: UnansweredTimeout.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change.");
export type UpdateTeamBody = z.input<typeof UpdateTeamBody>;

/** `DELETE /api/v1/teams/:id?targetTeamId=`: where the team's conversations go, if it has any. */
export const DeleteTeamQuery = z.strictObject({ targetTeamId: TeamId.optional() });

/** What a deletion did: how many conversations moved to the target. */
export const TeamDeleted = z.object({ ok: z.literal(true), movedConversations: z.number().int().nonnegative() });
export type TeamDeleted = z.infer<typeof TeamDeleted>;
