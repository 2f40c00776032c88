/**
 * @module A contact's custom attributes (plan, order number, anything the host page or
 * an agent set): each key with its value and a remove button, and a form to add one.
 * Writes merge on the server; a null value removes that key.
 */
import { useState } from "preact/hooks";
import { MAX_ATTRIBUTE_VALUE_CHARS, MAX_CONTACT_ATTRIBUTES } from "../../../worker/protocol/limits";
import { Icon } from "../../shared/icon";
import type { ContactPatch } from "./use-contact";
import { s } from "../strings";

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export function ContactAttributes(props: { attributes: Record<string, unknown>; onSave: (patch: ContactPatch) => Promise<string | null> }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const entries = Object.entries(props.attributes);
  const c = s.contact;

  const write = async (attributes: Record<string, string | null>) => {
    const problem = await props.onSave({ attributes });
    setError(problem);
    return problem === null;
  };

  return (
    <section class="contact-section" aria-labelledby="contact-attributes">
      <h4 id="contact-attributes">{c.attributes}</h4>
      {entries.length === 0 ? (
        <p class="muted">{c.noAttributes}</p>
      ) : (
        <dl class="attribute-list">
          {entries.map(([k, v]) => (
            <div key={k} class="attribute">
              <dt>{k}</dt>
              <dd>
                <span class="attribute-value">{show(v)}</span>
                <button type="button" class="icon-button" aria-label={c.removeAttribute(k)} title={c.removeAttribute(k)} onClick={() => void write({ [k]: null })}>
                  <Icon name="close" />
                </button>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {entries.length < MAX_CONTACT_ATTRIBUTES && (
        <form
          class="attribute-add"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!key.trim() || !value.trim()) return;
            if (await write({ [key.trim()]: value.trim() })) {
              setKey("");
              setValue("");
            }
          }}
        >
          <input aria-label={c.attributeKey} placeholder={c.attributeKey} value={key} maxLength={60} onInput={(e) => setKey(e.currentTarget.value)} />
          <input aria-label={c.attributeValue} placeholder={c.attributeValue} value={value} maxLength={MAX_ATTRIBUTE_VALUE_CHARS} onInput={(e) => setValue(e.currentTarget.value)} />
          <button type="submit" disabled={!key.trim() || !value.trim()}>
            {c.addAttribute}
          </button>
        </form>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
