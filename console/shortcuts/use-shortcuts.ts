/**
 * @module Binds the console's shortcuts once, on the document. List moves and search are
 * the shell's own; the conversation-scoped ones go to the open conversation through the
 * command bus (../commands.ts), and only when one is open.
 */
import { useEffect, useRef } from "preact/hooks";
import { sendCommand, type ConsoleCommand } from "../commands";
import { shortcutFor, type ShortcutAction } from "./keymap";

export interface ShortcutHandlers {
  next: () => void;
  previous: () => void;
  search: () => void;
  help: () => void;
  /** Whether a conversation is open to receive resolve, note mode and the like. */
  conversationOpen: () => boolean;
}

/** Commands for a part of the console that is always there (the queue panel), sent
 * whether or not a conversation is open. */
const SHELL_COMMANDS: Partial<Record<ShortcutAction, ConsoleCommand>> = { "take-next": "take-next" };

const COMMANDS: Partial<Record<ShortcutAction, ConsoleCommand>> = {
  resolve: "resolve",
  "resolve-and-next": "resolve-and-next",
  "note-mode": "note-mode",
  "focus-composer": "focus-composer",
};

export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      if (!action) return;
      const h = latest.current;
      const command = COMMANDS[action];
      const shellCommand = SHELL_COMMANDS[action];
      if (shellCommand) sendCommand(shellCommand);
      else if (command) {
        if (!h.conversationOpen()) return;
        sendCommand(command);
      } else {
        h[action as "next" | "previous" | "search" | "help"]();
      }
      // Handled: `/` must not land in the search box it just focused, arrows must not scroll.
      e.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
