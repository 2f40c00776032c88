/**
 * @module One labelled form field with its hint and error. The control itself is the
 * caller's (input, textarea…); it receives the id and ARIA attributes that tie it to the
 * label, the hint and the error, so a screen reader announces all three.
 */
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

export interface FieldAria {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

export function Field(props: { label: string; hint?: string; error?: string; class?: string; children: (aria: FieldAria) => ComponentChildren }) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : null;
  const errorId = props.error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`settings-field ${props.class ?? ""}`}>
      <label for={id}>{props.label}</label>
      {props.children({ id, "aria-invalid": Boolean(props.error), "aria-describedby": describedBy })}
      {props.hint && (
        <small id={hintId!} class="muted">
          {props.hint}
        </small>
      )}
      {props.error && (
        <p id={errorId!} class="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The form-level message: an alert, so it is announced when it appears. */
export function FormMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  );
}
