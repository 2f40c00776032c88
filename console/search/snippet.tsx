/**
 * @module A search snippet with its hits in <mark>: text nodes only (see highlight.ts).
 */
import { splitHighlights } from "./highlight";

export function Snippet({ text }: { text: string }) {
  return (
    <span class="snippet-text">
      {splitHighlights(text).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : part.text))}
    </span>
  );
}
