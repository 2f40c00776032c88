/**
 * @module Where the menu bot is with a customer: kept in the room's state (RoomState.menu),
 * saved in the same write as the messages that moved it, so an evicted room resumes at
 * the same question.
 */

/** What the bot waits for: a choice from the menu, or the answer to option `option`'s question. */
export type MenuPending = { kind: "menu" } | { kind: "ask"; option: number };

export interface MenuState {
  pending: MenuPending;
  /** When the bot last asked (ms): the timeout counts from here. */
  since: number;
}
