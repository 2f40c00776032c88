/**
 * @module Tells web chat conversations' rooms where their visitor stands in line
 * (./line-positions.ts works out what changed). A room that cannot be reached is left
 * untold and tried again on the next run.
 */
import type { Env } from "../env";
import type { LinePositions } from "./line-positions";
import type { WaitingList } from "./waiting-list";
import { POSITIONS_PER_RUN } from "./line-positions";

/** Tells every change; true when some are left for the next run. */
export async function tellPositions(env: Env, line: LinePositions, list: WaitingList): Promise<boolean> {
  const changes = line.changes(list, Date.now());
  let untold = false;
  await Promise.all(
    changes.map(async (change) => {
      try {
        await env.CONVERSATION_ROOM.getByName(change.summary.id).announceQueuePosition(change.position, change.etaSeconds);
        line.told(change);
      } catch (err) {
        untold = true;
        console.warn(JSON.stringify({ msg: "queue position not told", conversationId: change.summary.id, error: String(err) }));
      }
    }),
  );
  return untold || changes.length >= POSITIONS_PER_RUN;
}
