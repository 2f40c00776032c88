/**
 * @module The waiting list's HTTP calls (issue 14), each answer parsed with the protocol's
 * schema: the caller's teams' queue figures and Next (take the head of those queues).
 */
import { ConversationDetail, QueueStats } from "../../worker/protocol";
import { call } from "../api";

let claimsUnderWay = 0;

/** True while a Next of this tab waits for its answer: the queue's live frame of that
 * assignment may arrive first, and it is the agent's own doing, not news to alert about.
 * (The caller stores the answer before any later frame can run: a resolved await is a
 * microtask, a socket message a task.) */
export function claimingNext(): boolean {
  return claimsUnderWay > 0;
}

export const queueApi = {
  stats: async () => (await call(QueueStats, "/api/v1/queue/stats")).teams,
  /** The conversation now assigned to the caller; ApiError `queue_empty` (404) when no one waits. */
  next: async () => {
    claimsUnderWay++;
    try {
      return (await call(ConversationDetail, "/api/v1/queue/next", { method: "POST" })).conversation;
    } finally {
      claimsUnderWay--;
    }
  },
};
