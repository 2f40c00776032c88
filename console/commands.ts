/**
 * @module Console commands: keyboard shortcuts (bound once, globally, in the shell) reach
 * the open conversation (and the queue panel's Next) through this bus, so the shell need not know the view's
 * internals and the view need not bind keys.
 */
export type ConsoleCommand = "resolve" | "resolve-and-next" | "note-mode" | "focus-composer" | "take-next";

const EVENT = "switchboard:command";

export function sendCommand(command: ConsoleCommand): void {
  dispatchEvent(new CustomEvent<ConsoleCommand>(EVENT, { detail: command }));
}

/** Returns the unsubscribe function, ready for a useEffect cleanup. */
export function onCommand(handler: (command: ConsoleCommand) => void): () => void {
  const listener = (e: Event) => handler((e as CustomEvent<ConsoleCommand>).detail);
  addEventListener(EVENT, listener);
  return () => removeEventListener(EVENT, listener);
}
