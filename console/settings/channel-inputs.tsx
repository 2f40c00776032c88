/**
 * @module One setting of a provider channel's form, drawn for its type: a checkbox, a
 * set of radio buttons (Twilio's medium), or a text input (ids, hours, phone numbers,
 * SIDs, URLs) with its label, hint and error.
 */
import type { SettingField } from "./channel-fields";
import { s as cs } from "./channel-strings";
import { Field } from "./form-field";
import { s as ts } from "./twilio-telegram-strings";

export function SettingInput(props: { field: SettingField; value: string | boolean | undefined; error?: string; onChange: (value: string | boolean) => void }) {
  const { field } = props;
  if (field.type === "check") {
    return (
      <label class="check">
        <input type="checkbox" name={field.key} checked={props.value === true} onChange={(e) => props.onChange(e.currentTarget.checked)} /> {cs.fields[field.key]}
      </label>
    );
  }
  if (field.type === "choice") {
    return (
      <fieldset class="settings-field choice-field">
        <legend>{cs.fields[field.key]}</legend>
        {(field.options ?? []).map((option) => (
          <label key={option} class="check">
            <input type="radio" name={field.key} value={option} checked={props.value === option} onChange={() => props.onChange(option)} /> {optionLabel(option)}
          </label>
        ))}
      </fieldset>
    );
  }
  const hint = (cs.hints as Partial<Record<string, string>>)[field.key];
  return (
    <Field label={cs.fields[field.key]} hint={hint} error={props.error}>
      {(aria) => (
        <input
          {...aria}
          name={field.key}
          inputMode={field.type === "id" || field.type === "hours" ? "numeric" : field.key === "from" ? "tel" : field.key === "publicBaseUrl" ? "url" : undefined}
          spellcheck={field.type === "code" ? false : undefined}
          autoComplete={field.type === "code" ? "off" : undefined}
          value={String(props.value ?? "")}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** Only Twilio's medium is a choice so far. */
function optionLabel(option: string): string {
  return (ts.mediums as Partial<Record<string, string>>)[option] ?? option;
}
