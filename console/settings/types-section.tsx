/**
 * @module Settings → Conversation types: the classifications an agent can give a
 * conversation (question, complaint, order…). Add, rename, delete.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { TargetedSubmitEvent } from "preact";
import { ConversationTypeInput, type ConversationType } from "../../worker/protocol";
import { useDeleteAction } from "./delete-action";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { DeleteButton, ListStatus, useRowEditing, type SectionProps } from "./section-parts";
import { settingsApi } from "./settings-api";
import { byName, useSettingsList, type SettingsList } from "./use-settings-list";
import { useSave } from "./use-save";
import { s } from "./strings";

export function TypesSection(props: SectionProps) {
  const list = useSettingsList(settingsApi.types, byName((t: ConversationType) => t.name), props.onForbidden);
  const remove = useDeleteAction(props);

  return (
    <section class="settings-section" aria-labelledby="settings-types-heading">
      <h2 id="settings-types-heading">{s.types.heading}</h2>
      <p class="muted">{s.types.intro}</p>
      <TypeForm
        label={s.types.add}
        submitLabel={s.types.add}
        onForbidden={props.onForbidden}
        onSubmit={async (name) => {
          const type = await settingsApi.createType({ name });
          list.put(type);
          props.announce(s.created(type.name));
        }}
      />
      <FormMessage message={remove.error} />
      <ListStatus state={list.state} empty={s.types.empty} onRetry={list.reload}>
        {(types) => (
          <ul class="settings-list">
            {types.map((type) => (
              <TypeRow key={type.id} type={type} list={list} remove={remove.run} {...props} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function TypeRow(props: SectionProps & { type: ConversationType; list: SettingsList<ConversationType>; remove: ReturnType<typeof useDeleteAction>["run"] }) {
  const { type, list } = props;
  const { editing, setEditing, editRef } = useRowEditing();

  if (editing) {
    return (
      <li class="settings-row settings-row--editing">
        <TypeForm
          initial={type}
          label={s.types.editLabel(type.name)}
          submitLabel={s.save}
          onForbidden={props.onForbidden}
          onCancel={() => setEditing(false)}
          onSubmit={async (name) => {
            const saved = await settingsApi.updateType(type.id, { name });
            list.put(saved);
            props.announce(s.updated(saved.name));
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li class="settings-row">
      <span class="type-name">{type.name}</span>
      <span class="row-actions">
        <button type="button" ref={editRef} aria-label={s.types.editLabel(type.name)} onClick={() => setEditing(true)}>
          {s.types.rename}
        </button>
        <DeleteButton name={type.name} label={s.types.deleteLabel(type.name)} onConfirm={() => props.remove(type.name, () => settingsApi.deleteType(type.id), () => list.remove(type.id))} />
      </span>
    </li>
  );
}

function TypeForm(props: { initial?: ConversationType; label: string; submitLabel: string; onSubmit: (name: string) => Promise<void>; onCancel?: () => void; onForbidden: () => void }) {
  const [name, setName] = useState(props.initial?.name ?? "");
  const nameRef = useRef<HTMLInputElement>(null);
  const save = useSave({ uniqueField: "name", onForbidden: props.onForbidden });

  useEffect(() => {
    if (props.initial) nameRef.current?.select();
  }, []);

  const submit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    return save.run(checkFields(ConversationTypeInput, { name }, { name: s.types.nameInvalid }), async (values) => {
      await props.onSubmit(values.name);
      if (!props.initial) {
        setName("");
        nameRef.current?.focus();
      }
    });
  };

  return (
    <form class="settings-form settings-form--inline" aria-label={props.label} noValidate onSubmit={submit} aria-busy={save.busy} onKeyDown={(e) => e.key === "Escape" && props.onCancel?.()}>
      <Field label={s.types.name} error={save.failure.fields.name}>
        {(aria) => <input {...aria} ref={nameRef} value={name} maxLength={60} autoComplete="off" onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
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
      <FormMessage message={save.failure.form} />
    </form>
  );
}
