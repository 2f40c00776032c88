/**
 * @module The form that creates a tag or edits one: its name and its colour. After an
 * add, the colour stays picked for the next tag.
 */
import { CreateTagBody, UpdateTagBody, type Tag } from "../../worker/protocol";
import { ColourField, DEFAULT_COLOUR } from "./colour-field";
import { Field } from "./form-field";
import { ItemFormFrame, useItemForm, type ItemFormProps } from "./item-form";
import { s } from "./strings";

export type TagValues = { name: string; color: string };

export function TagForm(props: ItemFormProps<Tag, TagValues>) {
  const form = useItemForm(props, {
    values: { name: props.initial?.name ?? "", color: props.initial?.color ?? DEFAULT_COLOUR },
    schema: props.initial ? UpdateTagBody : CreateTagBody,
    messages: { name: s.nameInvalid, color: s.tags.colorInvalid },
    uniqueField: "name",
    clearAfterAdd: ["name"],
  });
  const { values, save } = form;

  return (
    <ItemFormFrame form={form} label={props.label} submitLabel={props.submitLabel} onCancel={props.onCancel}>
      <Field label={s.name} error={save.failure.fields.name}>
        {(aria) => <input {...aria} ref={form.firstRef} value={values.name} maxLength={60} autoComplete="off" onInput={(e) => form.set("name", e.currentTarget.value)} />}
      </Field>
      <ColourField value={values.color} error={save.failure.fields.color} onChange={(hex) => form.set("color", hex)} />
    </ItemFormFrame>
  );
}
