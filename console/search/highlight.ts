/**
 * @module Splits a search snippet on the server's HIGHLIGHT_START/END markers into plain
 * and highlighted parts. The parts are rendered as text nodes (hits inside <mark>), never
 * as HTML, so a message that contains markup shows the markup as typed.
 */
import { HIGHLIGHT_END, HIGHLIGHT_START } from "../../worker/protocol";

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Tolerant of unbalanced markers (FTS5 may cut a snippet inside a hit): a start without
 * an end highlights to the end; a stray end is dropped. Empty parts are left out. */
export function splitHighlights(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, hit });
    text = "";
  };
  for (const ch of snippet) {
    if (ch === HIGHLIGHT_START) {
      flush();
      hit = true;
    } else if (ch === HIGHLIGHT_END) {
      flush();
      hit = false;
    } else {
      text += ch;
    }
  }
  flush();
  // Two neighbouring parts of the same kind (a stray marker between them) read as one.
  return parts.reduce<SnippetPart[]>((merged, part) => {
    const last = merged[merged.length - 1];
    if (last && last.hit === part.hit) last.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}
