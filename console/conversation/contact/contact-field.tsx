/**
 * @module One editable contact detail (name, e-mail, phone): the value with an edit
 * button; editing is a one-field form where Enter saves, Escape cancels, and focus goes
 * back to the edit button either way. Checked with the protocol's own schema before it
 * is sent, so a typo gets the server's wording without a round trip. Empty clears it.
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../shared/icon";
import { useEditMode } from "../../shell/use-edit-mode";
import { s } from "../strings";

export function ContactField(props: {
  label: string;
  value: string | null;
  type: "text" | "email" | "tel";
  /** Says the value is not the customer's own (a generated visitor name): shown in
   * italics with this hint beneath. */
  generatedHint?: string;
  /** Saves the new value (null clears it); resolves to an error message, or null. */
  onSave: (value: string | null) => Promise<string | null>;
}) {
  const { editing, setEditing, editRef } = useEditMode();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // Layout effect, not effect: Preact 11 runs effects after paint, and a fast typist's
  // first keys would land wherever focus was before.
  useLayoutEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);

  const start = () => {
    setDraft(props.value ?? "");
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    const value = draft.trim() === "" ? null : draft.trim();
    if (value === props.value) return setEditing(false);
    setSaving(true);
    const problem = await props.onSave(value);
    setSaving(false);
    if (problem) setError(problem);
    else setEditing(false);
  };

  if (!editing) {
    return (
      <div class="contact-field">
        <dt>{props.label}</dt>
        <dd>
          {props.value && props.generatedHint ? (
            <span class="contact-value">
              <em>{props.value}</em>
              <small class="contact-hint">{props.generatedHint}</small>
            </span>
          ) : (
            <span class={props.value ? "contact-value" : "contact-value muted"}>{props.value ?? s.contact.none}</span>
          )}
          <button ref={editRef} type="button" class="icon-button" aria-label={s.contact.edit(props.label)} title={s.contact.edit(props.label)} onClick={start}>
            <Icon name="pencil" />
          </button>
        </dd>
      </div>
    );
  }
  return (
    <div class="contact-field">
      <dt>{props.label}</dt>
      <dd>
        <form
          class="contact-edit"
          // Our check (the protocol's schema) speaks in the same words as the server.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            e.preventDefault();
            e.stopPropagation();
            setEditing(false);
          }}
        >
          <input
            ref={input}
            // Preact's types tie each input type to its own attribute set; all three
            // of ours take the same ones.
            type={props.type as "text"}
            aria-label={props.label}
            aria-invalid={error !== null}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" disabled={saving}>
            {s.contact.save}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {s.contact.cancel}
          </button>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </form>
      </dd>
    </div>
  );
}
