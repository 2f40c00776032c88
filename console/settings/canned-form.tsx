/**
 * @module The form that creates or edits a canned response: its shortcode, its text, the
 * variables it may use (a click inserts one at the cursor) and a live preview of the
 * text filled in with sample values. The preview is a text node: whatever the text
 * holds, markup included, shows as typed and never becomes HTML.
 */
import { useId, useRef } from "preact/hooks";
import { CreateCannedBody, MAX_CANNED_BODY_CHARS, UpdateCannedBody, type CannedResponse } from "../../worker/protocol";
import { CANNED_VARIABLES, fillCannedTemplate, placeholder, type CannedValues, type CannedVariable } from "./canned-template";
import { Field } from "./form-field";
import { ItemFormFrame, useItemForm, type ItemFormProps } from "./item-form";
import { s } from "./strings";

export type CannedInput = { shortcode: string; body: string };

export function CannedForm(props: ItemFormProps<CannedResponse, CannedInput> & { agentName: string }) {
  const form = useItemForm(props, {
    values: { shortcode: props.initial?.shortcode ?? "", body: props.initial?.body ?? "" },
    schema: props.initial ? UpdateCannedBody : CreateCannedBody,
    messages: { shortcode: s.canned.shortcodeInvalid, body: s.canned.bodyInvalid(MAX_CANNED_BODY_CHARS) },
    uniqueField: "shortcode",
    clearAfterAdd: ["shortcode", "body"],
  });
  const { values, save } = form;
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const variablesId = useId();

  const sample: CannedValues = {
    "contact.name": s.canned.sampleContact.name,
    "contact.email": s.canned.sampleContact.email,
    "contact.phone": s.canned.sampleContact.phone,
    "agent.name": props.agentName,
  };

  const insert = (variable: CannedVariable) => {
    const area = bodyRef.current;
    const text = placeholder(variable);
    const body = values.body;
    const [start, end] = area ? [area.selectionStart, area.selectionEnd] : [body.length, body.length];
    form.set("body", body.slice(0, start) + text + body.slice(end));
    // After Preact has written the new value: caret just after the inserted variable.
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const preview = fillCannedTemplate(values.body, sample);
  return (
    <ItemFormFrame form={form} label={props.label} submitLabel={props.submitLabel} onCancel={props.onCancel} class="canned-form">
      <Field label={s.canned.shortcode} hint={s.canned.shortcodeHint} error={save.failure.fields.shortcode}>
        {(aria) => (
          <span class="shortcode-input">
            <span aria-hidden="true">/</span>
            <input {...aria} ref={form.firstRef} value={values.shortcode} maxLength={40} autoComplete="off" spellcheck={false} onInput={(e) => form.set("shortcode", e.currentTarget.value)} />
          </span>
        )}
      </Field>
      <Field label={s.canned.body} error={save.failure.fields.body}>
        {(aria) => <textarea {...aria} ref={bodyRef} rows={4} value={values.body} maxLength={MAX_CANNED_BODY_CHARS} onInput={(e) => form.set("body", e.currentTarget.value)} />}
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
    </ItemFormFrame>
  );
}
