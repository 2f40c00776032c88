/**
 * @module Settings → Consent purposes (issue 16): what customers consent to. Add one (key,
 * name, description, marketing), edit it in place, archive or restore it — never delete:
 * the ledger's records point at it. Checked in the browser against the protocol's own
 * schema first; a key another purpose has comes back as 409 next to the key field.
 */
import { useState } from "preact/hooks";
import { CreateConsentPurposeBody, UpdateConsentPurposeBody, type ConsentPurpose } from "../../worker/protocol";
import { useEditMode } from "../shell/use-edit-mode";
import { consentPurposesApi } from "./consent-api";
import { cs } from "./consent-strings";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { ListStatus, type SectionProps } from "./section-parts";
import { useSave } from "./use-save";
import { useSettingsList } from "./use-settings-list";

/** Oldest first, as the server lists them: the seeded ones on top. */
const byCreation = (a: ConsentPurpose, b: ConsentPurpose) => a.createdAt - b.createdAt || a.name.localeCompare(b.name);

export function ConsentPurposesSection(props: SectionProps) {
  const list = useSettingsList(consentPurposesApi.list, byCreation, props.onForbidden);
  return (
    <section class="settings-section" aria-labelledby="settings-consent-heading">
      <h2 id="settings-consent-heading">{cs.heading}</h2>
      <p class="muted">{cs.intro}</p>
      <PurposeForm
        onForbidden={props.onForbidden}
        onSave={async (values) => {
          const made = await consentPurposesApi.create(values);
          list.put(made);
          props.announce(cs.created(made.name));
        }}
      />
      <ListStatus state={list.state} empty={cs.empty} onRetry={list.reload}>
        {(items) => (
          <ul class="settings-list">
            {items.map((p) => (
              <PurposeRow key={p.id} purpose={p} onChanged={list.put} {...props} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

type Values = { key: string; name: string; description: string; marketing: boolean };

/** The add form (no `initial`) or a row's edit form. */
function PurposeForm(props: { initial?: ConsentPurpose; onSave: (values: Values) => Promise<void>; onCancel?: () => void; onForbidden: () => void }) {
  const blank: Values = { key: "", name: "", description: "", marketing: false };
  const [values, setValues] = useState<Values>(props.initial ? { key: props.initial.key, name: props.initial.name, description: props.initial.description, marketing: props.initial.marketing } : blank);
  const save = useSave({ uniqueField: "key", onForbidden: props.onForbidden });
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((old) => ({ ...old, [k]: v }));
  const schema = props.initial ? UpdateConsentPurposeBody : CreateConsentPurposeBody;
  const errorOf = (field: keyof Values) => (field === "key" && save.failure.fields.key ? cs.keyTaken : save.failure.fields[field]);

  return (
    <form
      class="settings-form"
      aria-label={props.initial ? `${cs.edit} ${props.initial.name}` : cs.add}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(checkFields(schema, values, {}), async () => {
          await props.onSave(values);
          if (!props.initial) setValues(blank);
        });
      }}
    >
      <Field label={cs.key} hint={cs.keyHint} error={errorOf("key")}>
        {(aria) => <input {...aria} name="key" value={values.key} maxLength={40} autoComplete="off" onInput={(e) => set("key", e.currentTarget.value)} />}
      </Field>
      <Field label={cs.name} error={errorOf("name")}>
        {(aria) => <input {...aria} name="name" value={values.name} maxLength={80} autoComplete="off" onInput={(e) => set("name", e.currentTarget.value)} />}
      </Field>
      <Field label={cs.description} error={errorOf("description")}>
        {(aria) => <textarea {...aria} name="description" value={values.description} maxLength={500} rows={2} onInput={(e) => set("description", e.currentTarget.value)} />}
      </Field>
      <label class="settings-check">
        <input type="checkbox" name="marketing" checked={values.marketing} onChange={(e) => set("marketing", e.currentTarget.checked)} /> {cs.marketing}
      </label>
      <FormMessage message={save.failure.form} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {props.initial ? cs.save : cs.add}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {cs.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

function PurposeRow(props: SectionProps & { purpose: ConsentPurpose; onChanged: (p: ConsentPurpose) => void }) {
  const { purpose: p } = props;
  const { editing, setEditing, editRef } = useEditMode();
  const [problem, setProblem] = useState<string | null>(null);
  if (editing) {
    return (
      <li class="settings-row settings-row--editing">
        <PurposeForm
          initial={p}
          onForbidden={props.onForbidden}
          onCancel={() => setEditing(false)}
          onSave={async (values) => {
            const saved = await consentPurposesApi.update(p.id, values);
            props.onChanged(saved);
            props.announce(cs.updated(saved.name));
            setEditing(false);
          }}
        />
      </li>
    );
  }
  const archived = p.archivedAt !== null;
  const toggleArchive = async () => {
    setProblem(null);
    try {
      const saved = await consentPurposesApi.update(p.id, { archived: !archived });
      props.onChanged(saved);
      props.announce((archived ? cs.restored : cs.archived)(saved.name));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <li class={`settings-row ${archived ? "settings-row--archived" : ""}`}>
      <span class="purpose-summary">
        <strong>{p.name}</strong> <code>{p.key}</code>
        {p.marketing && <span class="badge">{cs.marketingBadge}</span>}
        {archived && <span class="badge muted">{cs.archivedBadge}</span>}
        {p.description && <small class="muted"> {p.description}</small>}
      </span>
      <span class="row-actions">
        <button type="button" ref={editRef} aria-label={`${cs.edit} ${p.name}`} onClick={() => setEditing(true)}>
          {cs.edit}
        </button>
        <button type="button" aria-label={`${archived ? cs.restore : cs.archive} ${p.name}`} onClick={() => void toggleArchive()}>
          {archived ? cs.restore : cs.archive}
        </button>
      </span>
      <FormMessage message={problem} />
    </li>
  );
}
