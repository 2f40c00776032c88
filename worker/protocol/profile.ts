/**
 * @module An agent's own profile: the avatar, language and alert preferences they set
 * for themselves, and the password change. Admins do not edit these for others.
 */
import { z } from "zod";
import { UserName } from "./text";
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "./limits";
import { Locale } from "./webchat";

/** Which alerts the console gives this agent, and how. */
export const NotificationPrefs = z.strictObject({
  /** A short tone with an alert. */
  sound: z.boolean().default(true),
  /** A desktop notification with an alert (the browser also asks for permission). */
  desktop: z.boolean().default(true),
  /** A new customer message in a conversation assigned to me. */
  newMessage: z.boolean().default(true),
  /** A new conversation waiting in my teams' queue. */
  newConversation: z.boolean().default(true),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

/** https only: the avatar is shown to other agents as an <img>, so it must not be a
 * script (javascript:), a local file or a mixed-content http request. */
export const AvatarUrl = z.url({ protocol: /^https$/ }).max(2048);

export const Profile = z.object({
  avatarUrl: z.string().nullable(),
  /** null: the console follows the browser's language. */
  language: Locale.nullable(),
  notifications: NotificationPrefs,
});
export type Profile = z.infer<typeof Profile>;

/** `PATCH /api/v1/me`: only the fields sent change. */
export const UpdateProfileBody = z.strictObject({
  name: UserName.trim().min(1).max(120).optional(),
  avatarUrl: AvatarUrl.nullable().optional(),
  language: Locale.nullable().optional(),
  notifications: NotificationPrefs.optional(),
});
export type UpdateProfileBody = z.input<typeof UpdateProfileBody>;

/** `POST /api/v1/me/password`: the current password proves it is the agent at the
 * keyboard, not someone at an unlocked screen. */
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_CHARS),
  newPassword: z.string().min(MIN_PASSWORD_CHARS).max(MAX_PASSWORD_CHARS),
});
export type ChangePasswordBody = z.input<typeof ChangePasswordBody>;

