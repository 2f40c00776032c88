/**
 * @module The reply box: Enter sends, Shift+Enter breaks the line.
 */
import { useState } from "preact/hooks";
import { MAX_BODY_CHARS } from "../worker/protocol/limits";

export function Composer(props: { label: string; sendLabel: string; onSend: (text: string) => boolean }) {
  const [text, setText] = useState("");
  const submit = () => {
    if (props.onSend(text)) setText("");
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label class="visually-hidden" for="composer-input">
        {props.label}
      </label>
      <textarea
        id="composer-input"
        rows={2}
        maxLength={MAX_BODY_CHARS}
        placeholder={props.label}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Never while an IME is composing: Enter there confirms a character.
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" disabled={text.trim() === ""}>
        {props.sendLabel}
      </button>
    </form>
  );
}
