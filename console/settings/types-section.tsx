/**
 * @module Settings → Conversation types: the classifications an agent can give a
 * conversation (question, complaint, order…). Add, rename, delete.
 */
import { ConversationTypeInput, type ConversationType } from "../../worker/protocol";
import { Field } from "./form-field";
import { ItemFormFrame, useItemForm, type ItemFormProps } from "./item-form";
import { ListSection, type ItemKind } from "./list-section";
import type { SectionProps } from "./section-parts";
import { settingsApi } from "./settings-api";
import { s } from "./strings";

type TypeValues = { name: string };

const TYPE_KIND: ItemKind<ConversationType, TypeValues> = {
  id: "types",
  words: s.types,
  name: (type) => type.name,
  api: settingsApi.types,
  editVerb: "rename",
  inDirectory: true,
  form: (props) => <TypeForm {...props} />,
  summary: (type) => <span class="type-name">{type.name}</span>,
};

export function TypesSection(props: SectionProps) {
  return <ListSection {...props} kind={TYPE_KIND} load={settingsApi.types.list} />;
}

function TypeForm(props: ItemFormProps<ConversationType, TypeValues>) {
  const form = useItemForm(props, {
    values: { name: props.initial?.name ?? "" },
    schema: ConversationTypeInput,
    messages: { name: s.nameInvalid },
    uniqueField: "name",
    clearAfterAdd: ["name"],
  });
  return (
    <ItemFormFrame form={form} label={props.label} submitLabel={props.submitLabel} onCancel={props.onCancel} class="settings-form--inline">
      <Field label={s.name} error={form.save.failure.fields.name}>
        {(aria) => <input {...aria} ref={form.firstRef} value={form.values.name} maxLength={60} autoComplete="off" onInput={(e) => form.set("name", e.currentTarget.value)} />}
      </Field>
    </ItemFormFrame>
  );
}
