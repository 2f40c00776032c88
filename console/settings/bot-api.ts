/**
 * @module Settings → Inboxes → Bot: the admin's calls for an inbox's menu bot, each
 * answer parsed with the protocol's schema (see ../api.ts `call`).
 */
import { InboxBotAnswer, type MenuBot } from "../../worker/protocol";
import { call } from "../api";

const botPath = (inboxId: string) => `/api/v1/inboxes/${encodeURIComponent(inboxId)}/bot`;

export const botApi = {
  /** Null: the inbox never had a bot. */
  get: async (inboxId: string) => (await call(InboxBotAnswer, botPath(inboxId))).bot,
  save: async (inboxId: string, bot: MenuBot) => (await call(InboxBotAnswer, botPath(inboxId), { method: "PUT", body: bot })).bot!,
};
