/**
 * @module What every settings form shares, so each form keeps only its fields: the
 * values, checked against the protocol's own schema before sending and by the server
 * after (errors beside each field, see use-save.ts); the focus carried into an edit form;
 * the add form emptied for the next item; and the frame — Save (or Add) and Cancel,
 * Escape to cancel, the message for the form as a whole.
 *
 *   const form = useItemForm(props, { values, schema, messages, uniqueField: "name", clearAfterAdd: ["name"] });
 *   <ItemFormFrame form={form} {...props}>…fields bound to form.values / form.set…</ItemFormFrame>
 */
import type { ComponentChildren, TargetedSubmitEvent } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { z } from "zod";
import { checkFields } from "./form-errors";
import { FormMessage } from "./form-field";
import { useSave, type Save } from "./use-save";
import { s } from "./strings";

type Values = Record<string, string>;

/** What a section gives its form, for adding (no `initial`) or editing one item. */
export interface ItemFormProps<T, V extends Values> {
  initial?: T;
  /** The form's accessible name: "Add tag", "Edit tag billing". */
  label: string;
  submitLabel: string;
  onSubmit: (values: V) => Promise<void>;
  onCancel?: () => void;
  onForbidden: () => void;
}

export interface ItemForm<V extends Values> {
  values: V;
  set: (field: keyof V, value: string) => void;
  /** The first field: focused when editing starts and after an item is added. */
  firstRef: { current: HTMLInputElement | null };
  save: Save;
  submit: (e: TargetedSubmitEvent<HTMLFormElement>) => Promise<void>;
}

export function useItemForm<V extends Values>(
  props: ItemFormProps<unknown, V>,
  options: {
    /** The starting values: the item's when editing, defaults when adding. */
    values: V;
    /** The body the server parses (its create or its update schema). */
    schema: z.ZodType<Partial<V>>;
    /** The form's own translated message per field; zod's (English) otherwise. */
    messages: Partial<Record<keyof V & string, string>>;
    /** Where a 409 (the name or shortcode is taken) is shown. */
    uniqueField: keyof V & string;
    /** Emptied once an item is added; the rest (a colour) stays for the next one. */
    clearAfterAdd: (keyof V)[];
  },
): ItemForm<V> {
  const [values, setValues] = useState(options.values);
  const firstRef = useRef<HTMLInputElement>(null);
  const save = useSave({ uniqueField: options.uniqueField, onForbidden: props.onForbidden });

  // Editing starts from the row's Edit button: carry the focus (and the old name, ready to
  // be typed over) into the form. A layout effect, as the form appears: a passive one runs
  // after the next paint, when a quick person may already be typing in another field, and
  // moving the caret then sent the end of their text into the shortcode.
  useLayoutEffect(() => {
    if (!props.initial) return;
    firstRef.current?.focus();
    firstRef.current?.select();
  }, []);

  const set = (field: keyof V, value: string) => setValues((prev) => ({ ...prev, [field]: value }));

  const submit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    return save.run(checkFields(options.schema, values, options.messages), async (parsed) => {
      // The parsed values are the ones the server will store (trimmed, lowercased).
      await props.onSubmit({ ...values, ...parsed });
      if (!props.initial) {
        setValues((prev) => ({ ...prev, ...Object.fromEntries(options.clearAfterAdd.map((field) => [field, ""])) }));
        firstRef.current?.focus();
      }
    });
  };

  return { values, set, firstRef, save, submit };
}

/** The `<form>` around a form's fields: its message and its Save / Cancel buttons. */
export function ItemFormFrame<V extends Values>(props: { form: ItemForm<V>; label: string; submitLabel: string; onCancel?: () => void; class?: string; children: ComponentChildren }) {
  const { save, submit } = props.form;
  return (
    <form
      class={`settings-form ${props.class ?? ""}`}
      aria-label={props.label}
      noValidate
      onSubmit={submit}
      aria-busy={save.busy}
      onKeyDown={(e) => e.key === "Escape" && props.onCancel?.()}
    >
      {props.children}
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
