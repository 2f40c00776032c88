/**
 * @module The search field in the header (`/` focuses it from anywhere). Escape clears
 * it and hands the list back.
 */
import { MAX_SEARCH_QUERY_CHARS } from "../../worker/protocol";
import { s } from "./strings";

export const SEARCH_INPUT_ID = "console-search";

export function SearchBox(props: { value: string; onChange: (value: string) => void }) {
  return (
    <form role="search" class="search-box" onSubmit={(e) => e.preventDefault()}>
      <label for={SEARCH_INPUT_ID} class="visually-hidden">
        {s.label}
      </label>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        autoComplete="off"
        spellcheck={false}
        maxLength={MAX_SEARCH_QUERY_CHARS}
        placeholder={s.placeholder}
        title={s.shortcutHint}
        aria-keyshortcuts="/"
        value={props.value}
        onInput={(e) => props.onChange(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== "Escape" || props.value === "") return;
          e.preventDefault();
          props.onChange("");
        }}
      />
    </form>
  );
}

/** Focuses (and selects) the search field: the `/` shortcut. */
export function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}
