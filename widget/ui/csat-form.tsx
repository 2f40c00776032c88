/**
 * @module The satisfaction survey an agent's "resolve" brings up: a 1–5 rating (native
 * radio buttons, so arrow keys and screen readers work as everywhere) and a comment.
 */
import { useState } from "preact/hooks";
import { MAX_CSAT_COMMENT_CHARS } from "../../worker/protocol/limits";
import { useStrings } from "../i18n";
import { useSubmit } from "./hooks";

const RATINGS = [1, 2, 3, 4, 5] as const;

export function CsatForm(props: { onSubmit: (rating: number, comment: string) => Promise<void> }) {
  const s = useStrings();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const { busy, failed, onSubmit } = useSubmit(async () => {
    if (rating !== null) await props.onSubmit(rating, comment.trim());
  });

  return (
    <form class="sb-form sb-csat" onSubmit={onSubmit}>
      <fieldset class="sb-rating">
        <legend>{s.csatQuestion}</legend>
        {RATINGS.map((n) => (
          <label key={n} class={`sb-star${rating !== null && n <= rating ? " sb-star--on" : ""}`}>
            <input type="radio" name="rating" value={n} class="sb-star-input" checked={rating === n} onChange={() => setRating(n)} />
            <span aria-hidden="true">★</span>
            <span class="sb-visually-hidden">{s.csatRating(n)}</span>
          </label>
        ))}
      </fieldset>
      <label class="sb-field">
        <span>{s.csatComment}</span>
        <textarea class="sb-text" rows={2} maxLength={MAX_CSAT_COMMENT_CHARS} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      {failed && (
        <p class="sb-problem" role="alert">
          {s.failed}
        </p>
      )}
      <button type="submit" class="sb-primary" disabled={rating === null || busy}>
        {s.csatSubmit}
      </button>
    </form>
  );
}

export function CsatThanks() {
  const s = useStrings();
  return (
    <p class="sb-thanks" role="status">
      {s.csatThanks}
    </p>
  );
}
