/**
 * @module The web chat inbox's opt-in checkbox (issue 16), inside its pre-chat form
 * settings: on or off, which purpose and channel the consent covers, and the exact
 * sentence per language the widget shows beside the box. The server records a grant only
 * for exactly that sentence, and refuses to save a purpose that is missing or archived.
 */
import { useEffect, useState } from "preact/hooks";
import { ChannelKind, type ConsentChannel, type ConsentCheckbox, type ConsentPurpose, type Locale } from "../../worker/protocol";
import { s as listStrings } from "../list/strings";
import { consentPurposesApi } from "./consent-api";
import { cs } from "./consent-strings";
import { Field } from "./form-field";

const CHANNELS: ConsentChannel[] = ["any", ...ChannelKind.options];
const LANGUAGES: Locale[] = ["pt-BR", "en", "es"];

export function ConsentCheckboxField(props: { value: ConsentCheckbox | null | undefined; disabled: boolean; error?: string; onChange: (next: ConsentCheckbox | null) => void }) {
  const [purposes, setPurposes] = useState<ConsentPurpose[]>([]);
  useEffect(() => {
    consentPurposesApi.list().then(
      (all) => setPurposes(all.filter((p) => p.archivedAt === null)),
      () => setPurposes([]),
    );
  }, []);
  const value = props.value ?? null;
  const firstPurpose = purposes.find((p) => p.marketing) ?? purposes[0];
  const change = (patch: Partial<ConsentCheckbox>) => value && props.onChange({ ...value, ...patch });

  return (
    <div class="consent-checkbox-settings">
      <label class="settings-check">
        <input
          type="checkbox"
          name="consentCheckbox"
          checked={value !== null}
          disabled={props.disabled || (!value && !firstPurpose)}
          onChange={(e) => props.onChange(e.currentTarget.checked && firstPurpose ? { purposeId: firstPurpose.id, channel: "any", text: {} } : null)}
        />{" "}
        {cs.checkboxOn}
      </label>
      {value && (
        <>
          <Field label={cs.checkboxPurpose} error={props.error}>
            {(aria) => (
              <select {...aria} name="consentPurpose" value={value.purposeId} onChange={(e) => change({ purposeId: e.currentTarget.value })}>
                {purposes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={cs.checkboxChannel}>
            {(aria) => (
              <select {...aria} name="consentChannel" value={value.channel} onChange={(e) => change({ channel: e.currentTarget.value as ConsentChannel })}>
                {CHANNELS.map((ch) => (
                  <option key={ch} value={ch}>
                    {ch === "any" ? cs.anyChannel : listStrings.channels[ch]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {LANGUAGES.map((lang) => (
            <Field key={lang} label={cs.checkboxText(cs.languages[lang])} hint={lang === "pt-BR" ? cs.checkboxTextHint : undefined}>
              {(aria) => (
                <textarea
                  {...aria}
                  name={`consentText-${lang}`}
                  rows={2}
                  maxLength={2000}
                  value={value.text[lang] ?? ""}
                  onInput={(e) => {
                    const text = { ...value.text };
                    const written = e.currentTarget.value;
                    if (written.trim()) text[lang] = written;
                    else delete text[lang];
                    change({ text });
                  }}
                />
              )}
            </Field>
          ))}
        </>
      )}
    </div>
  );
}
