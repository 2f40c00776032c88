/**
 * @module A read-only value with a Copy button: embed codes and the identity secret.
 * Without clipboard permission (not a secure context) the text is selected instead, so
 * Ctrl+C finishes the job.
 */
import { useId, useRef, useState } from "preact/hooks";
import { s } from "./inbox-strings";
import "./copy-field.css";

export function CopyField(props: { label: string; value: string; hint?: string; rows?: number; class?: string }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
    } catch {
      field.current?.focus();
      field.current?.select();
    }
  };
  return (
    <div class={`copy-field ${props.class ?? ""}`}>
      <label for={id} id={`${id}-label`}>
        {props.label}
      </label>
      {props.hint && (
        <small id={`${id}-hint`} class="muted">
          {props.hint}
        </small>
      )}
      <div class="copy-row">
        <textarea
          id={id}
          ref={field}
          class="snippet"
          readOnly
          rows={props.rows ?? 2}
          value={props.value}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          spellcheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        {/* Described by the field's label, not named after it: "Copy" stays the button's
            name, and the label still names exactly one control, the field. */}
        <button type="button" aria-describedby={`${id}-label`} onClick={copy}>
          {s.copy}
        </button>
      </div>
      <span role="status" class="muted">
        {copied ? s.copied : ""}
      </span>
    </div>
  );
}
