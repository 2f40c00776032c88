/**
 * @module A settings section that keeps a list of items: the add form on top, then the
 * items, each editable in place and deletable after confirming. Tags, conversation types
 * and canned responses are all this; each section says only what is its own (an
 * `ItemKind`: its words, its requests, its form and how a row reads).
 *
 *   <ListSection {...sectionProps} kind={TAG_KIND} load={settingsApi.tags.list} />
 */
import type { ComponentChildren, VNode } from "preact";
import { resetDirectory } from "../shared/use-directory";
import { useDeleteAction } from "./delete-action";
import { FormMessage } from "./form-field";
import type { ItemFormProps } from "./item-form";
import { useEditMode } from "../shell/use-edit-mode";
import { DeleteButton, ListStatus, type SectionProps } from "./section-parts";
import type { SettingsWrites } from "./settings-api";
import { byName, useSettingsList } from "./use-settings-list";
import { s } from "./strings";

type Values = Record<string, string>;

/** Everything a list section needs to know about one kind of item. */
export interface ItemKind<T extends { id: string }, V extends Values> {
  /** Makes the section's ids: `settings-${id}-heading`. */
  id: string;
  /** `noun` names one item in labels: "tag" → "Edit tag billing". */
  words: { heading: string; intro: string; add: string; empty: string; noun: string };
  /** How people know an item (announcements, labels, the delete question, the list's
   * order): "billing", "/greet". */
  name: (item: T) => string;
  api: SettingsWrites<T, V, V>;
  /** "rename" where the name is all there is to edit; "edit" by default. */
  editVerb?: "edit" | "rename";
  /** The conversation pane's menus offer these items too: they must see a change at once. */
  inDirectory?: boolean;
  form: (props: ItemFormProps<T, V>) => VNode;
  summary: (item: T) => ComponentChildren;
  rowClass?: string;
}

export function ListSection<T extends { id: string }, V extends Values>(
  props: SectionProps & {
    kind: ItemKind<T, V>;
    load: () => Promise<T[]>;
    /** Loads again when it changes (a search). */
    loadKey?: string;
    /** What an empty list says instead of `kind.words.empty` (no search match). */
    empty?: string;
    /** Between the add form and the list, e.g. a search box. */
    children?: ComponentChildren;
  },
) {
  const { kind, onForbidden, announce } = props;
  const list = useSettingsList(props.load, byName(kind.name), onForbidden, props.loadKey);
  const remove = useDeleteAction(props);
  const changed = () => {
    if (kind.inDirectory) resetDirectory();
  };

  const actions: RowActions<T, V> = {
    update: async (item, values) => {
      const saved = await kind.api.update(item.id, values);
      list.put(saved);
      changed();
      announce(s.updated(kind.name(saved)));
    },
    remove: (item) =>
      remove.run(
        kind.name(item),
        () => kind.api.remove(item.id),
        () => {
          list.remove(item.id);
          changed();
        },
      ),
  };

  const headingId = `settings-${kind.id}-heading`;
  return (
    <section class="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{kind.words.heading}</h2>
      <p class="muted">{kind.words.intro}</p>
      {kind.form({
        label: kind.words.add,
        submitLabel: kind.words.add,
        onForbidden,
        onSubmit: async (values) => {
          const item = await kind.api.create(values);
          list.put(item);
          changed();
          announce(s.created(kind.name(item)));
        },
      })}
      {props.children}
      <FormMessage message={remove.error} />
      <ListStatus state={list.state} empty={props.empty ?? kind.words.empty} onRetry={list.reload}>
        {(items) => (
          <ul class="settings-list">
            {items.map((item) => (
              <ItemRow key={item.id} item={item} kind={kind} actions={actions} onForbidden={onForbidden} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

interface RowActions<T, V> {
  update: (item: T, values: V) => Promise<void>;
  /** Whether the item is gone (what DeleteButton needs to know). */
  remove: (item: T) => Promise<boolean>;
}

function ItemRow<T extends { id: string }, V extends Values>(props: { item: T; kind: ItemKind<T, V>; actions: RowActions<T, V>; onForbidden: () => void }) {
  const { item, kind } = props;
  const { editing, setEditing, editRef } = useEditMode();
  const name = kind.name(item);
  const editLabel = (kind.editVerb === "rename" ? s.renameLabel : s.editLabel)(kind.words.noun, name);

  if (editing) {
    return (
      <li class="settings-row settings-row--editing">
        {kind.form({
          initial: item,
          label: editLabel,
          submitLabel: s.save,
          onForbidden: props.onForbidden,
          onCancel: () => setEditing(false),
          onSubmit: async (values) => {
            await props.actions.update(item, values);
            setEditing(false);
          },
        })}
      </li>
    );
  }
  return (
    <li class={`settings-row ${kind.rowClass ?? ""}`}>
      {kind.summary(item)}
      <span class="row-actions">
        <button type="button" ref={editRef} aria-label={editLabel} onClick={() => setEditing(true)}>
          {kind.editVerb === "rename" ? s.rename : s.edit}
        </button>
        <DeleteButton name={name} label={s.deleteLabel(kind.words.noun, name)} onConfirm={() => props.actions.remove(item)} />
      </span>
    </li>
  );
}
