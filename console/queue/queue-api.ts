/**
 * @module The waiting list's HTTP calls (issue 14), each answer parsed with the protocol's
 * schema: the caller's teams' queue figures and Next (take the head of those queues).
 */
import { ConversationDetail, QueueStats } from "../../worker/protocol";
import { call } from "../api";

export const queueApi = {
  stats: async () => (await call(QueueStats, "/api/v1/queue/stats")).teams,
  /** The conversation now assigned to the caller; ApiError `queue_empty` (404) when no one waits. */
  next: async () => (await call(ConversationDetail, "/api/v1/queue/next", { method: "POST" })).conversation,
};
