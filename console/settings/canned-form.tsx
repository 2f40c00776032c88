/**
 * @module The form that creates or edits a canned response: its shortcode, its text, the
 * variables it may use (a click inserts one at the cursor) and a live preview of the
 * text filled in with sample values. The preview is a text node: whatever the text
 * holds, markup included, shows as typed and never becomes HTML.
 */
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { TargetedSubmitEvent } from "preact";
import { CreateCannedBody, MAX_CANNED_BODY_CHARS, UpdateCannedBody, type CannedResponse } from "../../worker/protocol";
import { CANNED_VARIABLES, fillCannedTemplate, placeholder, type CannedValues, type CannedVariable } from "./canned-template";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { useSave } from "./use-save";
import { s } from "./strings";

export interface CannedValuesInput {
  shortcode: string;
  body: string;
}

export function CannedForm(props: {
  initial?: CannedResponse;
  agentName: string;
  /** The form's accessible name: "Add tag", "Edit tag billing". */
  label: string;
  submitLabel: string;
  onSubmit: (values: CannedValuesInput) => Promise<void>;
  onCancel?: () => void;
  onForbidden: () => void;
}) {
  const [shortcode, setShortcode] = useState(props.initial?.shortcode ?? "");
  const [body, setBody] = useState(props.initial?.body ?? "");
  const shortcodeRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const save = useSave({ uniqueField: "shortcode", onForbidden: props.onForbidden });
  const variablesId = useId();

  useEffect(() => {
    if (props.initial) shortcodeRef.current?.focus();
  }, []);

  const sample: CannedValues = {
    "contact.name": s.canned.sampleContact.name,
    "contact.email": s.canned.sampleContact.email,
    "contact.phone": s.canned.sampleContact.phone,
    "agent.name": props.agentName,
  };

  const insert = (variable: CannedVariable) => {
    const area = bodyRef.current;
    const text = placeholder(variable);
    const [start, end] = area ? [area.selectionStart, area.selectionEnd] : [body.length, body.length];
    setBody(body.slice(0, start) + text + body.slice(end));
    // After Preact has written the new value: caret just after the inserted variable.
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const submit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const schema = props.initial ? UpdateCannedBody : CreateCannedBody;
    const checked = checkFields(schema, { shortcode, body }, { shortcode: s.canned.shortcodeInvalid, body: s.canned.bodyInvalid(MAX_CANNED_BODY_CHARS) });
    return save.run(checked, async (values) => {
      await props.onSubmit({ shortcode: values.shortcode ?? shortcode, body: values.body ?? body });
      if (!props.initial) {
        setShortcode("");
        setBody("");
        shortcodeRef.current?.focus();
      }
    });
  };

  const preview = fillCannedTemplate(body, sample);
  return (
    <form class="settings-form canned-form" aria-label={props.label} noValidate onSubmit={submit} aria-busy={save.busy} onKeyDown={(e) => e.key === "Escape" && props.onCancel?.()}>
      <Field label={s.canned.shortcode} hint={s.canned.shortcodeHint} error={save.failure.fields.shortcode}>
        {(aria) => (
          <span class="shortcode-input">
            <span aria-hidden="true">/</span>
            <input {...aria} ref={shortcodeRef} value={shortcode} maxLength={40} autoComplete="off" spellcheck={false} onInput={(e) => setShortcode(e.currentTarget.value)} />
          </span>
        )}
      </Field>
      <Field label={s.canned.body} error={save.failure.fields.body}>
        {(aria) => <textarea {...aria} ref={bodyRef} rows={4} value={body} maxLength={MAX_CANNED_BODY_CHARS} onInput={(e) => setBody(e.currentTarget.value)} />}
      </Field>
      <div class="canned-variables" role="group" aria-labelledby={variablesId}>
        <h3 id={variablesId}>{s.canned.variables}</h3>
        <p class="muted">{s.canned.variablesHint}</p>
        <ul>
          {CANNED_VARIABLES.map((variable) => (
            <li key={variable}>
              <button type="button" class="variable" aria-label={s.canned.insertVariable(placeholder(variable))} onClick={() => insert(variable)}>
                <code>{placeholder(variable)}</code>
              </button>{" "}
              <span class="muted">{s.canned.variableNames[variable]}</span>
            </li>
          ))}
        </ul>
      </div>
      <figure class="canned-preview">
        <figcaption>{s.canned.preview}</figcaption>
        <p class={preview ? "preview-text" : "preview-text muted"}>{preview || s.canned.previewEmpty}</p>
      </figure>
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
