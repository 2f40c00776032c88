/**
 * @module Which Projector a conversation's events go to. One per D1 database today: D1
 * has one writer, so more projectors would only split its batches. The name carries a
 * shard number so that raising PROJECTOR_SHARDS (one D1 per shard, or several projectors
 * feeding one D1 when a single object's handoff rate becomes the wall) needs no other
 * change; a conversation always maps to the same shard, which keeps its events in order.
 */
import type { Env } from "../env";

export const PROJECTOR_SHARDS = 1;

export function projectorName(conversationId: string): string {
  let h = 2166136261;
  for (let i = 0; i < conversationId.length; i++) h = Math.imul(h ^ conversationId.charCodeAt(i), 16777619);
  return `projector-${(h >>> 0) % PROJECTOR_SHARDS}`;
}

export function projectorFor(env: Env, conversationId: string) {
  return env.PROJECTOR.getByName(projectorName(conversationId));
}
