/**
 * @module The form that creates a tag or edits one: name and colour, checked against the
 * protocol's schema before sending and by the server after, errors beside each field.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { TargetedSubmitEvent } from "preact";
import { CreateTagBody, UpdateTagBody, type Tag } from "../../worker/protocol";
import { ColourField, DEFAULT_COLOUR } from "./colour-field";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { useSave } from "./use-save";
import { s } from "./strings";

export interface TagValues {
  name: string;
  color: string;
}

export function TagForm(props: {
  initial?: Tag;
  /** The form's accessible name: "Add tag", "Edit tag billing". */
  label: string;
  submitLabel: string;
  onSubmit: (values: TagValues) => Promise<void>;
  onCancel?: () => void;
  onForbidden: () => void;
}) {
  const [name, setName] = useState(props.initial?.name ?? "");
  const [color, setColor] = useState(props.initial?.color ?? DEFAULT_COLOUR);
  const nameRef = useRef<HTMLInputElement>(null);
  const save = useSave({ uniqueField: "name", onForbidden: props.onForbidden });

  // Editing starts from the row's Edit button: carry the focus into the form.
  useEffect(() => {
    if (props.initial) nameRef.current?.focus();
  }, []);

  const submit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const schema = props.initial ? UpdateTagBody : CreateTagBody;
    const checked = checkFields(schema, { name, color }, { name: s.tags.nameInvalid, color: s.tags.colorInvalid });
    return save.run(checked, async (values) => {
      await props.onSubmit({ name: values.name ?? name, color: values.color ?? color });
      if (!props.initial) {
        setName("");
        nameRef.current?.focus();
      }
    });
  };

  return (
    <form class="settings-form" aria-label={props.label} noValidate onSubmit={submit} aria-busy={save.busy} onKeyDown={(e) => e.key === "Escape" && props.onCancel?.()}>
      <Field label={s.tags.name} error={save.failure.fields.name}>
        {(aria) => <input {...aria} ref={nameRef} value={name} maxLength={60} autoComplete="off" onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <ColourField value={color} error={save.failure.fields.color} onChange={setColor} />
      <FormMessage message={save.failure.form} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? s.saving : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {s.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
