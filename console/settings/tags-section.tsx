/**
 * @module Settings → Tags: add a tag, rename or recolour one in place, delete one after
 * confirming. Deleting a tag takes it off every conversation and message (server side).
 */
import type { Tag } from "../../worker/protocol";
import { useDeleteAction } from "./delete-action";
import { FormMessage } from "./form-field";
import { DeleteButton, ListStatus, useRowEditing, type SectionProps } from "./section-parts";
import { settingsApi } from "./settings-api";
import { TagForm } from "./tag-form";
import { byName, useSettingsList, type SettingsList } from "./use-settings-list";
import { s } from "./strings";

export function TagsSection(props: SectionProps) {
  const list = useSettingsList(settingsApi.tags, byName((t: Tag) => t.name), props.onForbidden);
  const remove = useDeleteAction(props);

  return (
    <section class="settings-section" aria-labelledby="settings-tags-heading">
      <h2 id="settings-tags-heading">{s.tags.heading}</h2>
      <p class="muted">{s.tags.intro}</p>
      <TagForm
        label={s.tags.add}
        submitLabel={s.tags.add}
        onForbidden={props.onForbidden}
        onSubmit={async (values) => {
          const tag = await settingsApi.createTag(values);
          list.put(tag);
          props.announce(s.created(tag.name));
        }}
      />
      <FormMessage message={remove.error} />
      <ListStatus state={list.state} empty={s.tags.empty} onRetry={list.reload}>
        {(tags) => (
          <ul class="settings-list">
            {tags.map((tag) => (
              <TagRow key={tag.id} tag={tag} list={list} remove={remove.run} {...props} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function TagRow(props: SectionProps & { tag: Tag; list: SettingsList<Tag>; remove: ReturnType<typeof useDeleteAction>["run"] }) {
  const { tag, list } = props;
  const { editing, setEditing, editRef } = useRowEditing();
  if (editing) {
    return (
      <li class="settings-row settings-row--editing">
        <TagForm
          initial={tag}
          label={s.tags.editLabel(tag.name)}
          submitLabel={s.save}
          onForbidden={props.onForbidden}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            const saved = await settingsApi.updateTag(tag.id, values);
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
      <span class="settings-tag">
        <span class="settings-tag-dot" style={{ background: tag.color }} aria-hidden="true" />
        {tag.name}
      </span>
      <code class="muted">{tag.color}</code>
      <span class="row-actions">
        <button type="button" ref={editRef} aria-label={s.tags.editLabel(tag.name)} onClick={() => setEditing(true)}>
          {s.edit}
        </button>
        <DeleteButton name={tag.name} label={s.tags.deleteLabel(tag.name)} onConfirm={() => props.remove(tag.name, () => settingsApi.deleteTag(tag.id), () => list.remove(tag.id))} />
      </span>
    </li>
  );
}
