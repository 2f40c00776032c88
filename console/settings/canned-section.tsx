/**
 * @module Settings → Canned responses: search them (the server's `q`, as the composer's
 * `/` search uses), add one, edit or delete one.
 */
import { useEffect, useState } from "preact/hooks";
import type { CannedResponse } from "../../worker/protocol";
import { CannedForm } from "./canned-form";
import { useDeleteAction } from "./delete-action";
import { FormMessage } from "./form-field";
import { DeleteButton, ListStatus, useRowEditing, type SectionProps } from "./section-parts";
import { settingsApi } from "./settings-api";
import { byName, useSettingsList, type SettingsList } from "./use-settings-list";
import { s } from "./strings";

/** Typing pauses this long before the list asks the server again. */
const SEARCH_DEBOUNCE_MS = 200;

export function CannedSection(props: SectionProps & { agentName: string }) {
  const [query, setQuery] = useState("");
  const [searched, setSearched] = useState("");
  const list = useSettingsList(() => settingsApi.canned(searched), byName((c: CannedResponse) => c.shortcode), props.onForbidden, searched);
  const remove = useDeleteAction(props);

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <section class="settings-section" aria-labelledby="settings-canned-heading">
      <h2 id="settings-canned-heading">{s.canned.heading}</h2>
      <p class="muted">{s.canned.intro}</p>
      <CannedForm
        agentName={props.agentName}
        label={s.canned.add}
        submitLabel={s.canned.add}
        onForbidden={props.onForbidden}
        onSubmit={async (values) => {
          const canned = await settingsApi.createCanned(values);
          list.put(canned);
          props.announce(s.created(`/${canned.shortcode}`));
        }}
      />
      <div class="settings-search" role="search">
        <label>
          {s.canned.search}
          <input type="search" value={query} maxLength={200} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      </div>
      <FormMessage message={remove.error} />
      <ListStatus state={list.state} empty={searched ? s.canned.noMatch(searched) : s.canned.empty} onRetry={list.reload}>
        {(items) => (
          <ul class="settings-list">
            {items.map((canned) => (
              <CannedRow key={canned.id} canned={canned} list={list} remove={remove.run} {...props} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function CannedRow(props: SectionProps & { agentName: string; canned: CannedResponse; list: SettingsList<CannedResponse>; remove: ReturnType<typeof useDeleteAction>["run"] }) {
  const { canned, list } = props;
  const { editing, setEditing, editRef } = useRowEditing();
  if (editing) {
    return (
      <li class="settings-row settings-row--editing">
        <CannedForm
          initial={canned}
          agentName={props.agentName}
          label={s.canned.editLabel(canned.shortcode)}
          submitLabel={s.save}
          onForbidden={props.onForbidden}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            const saved = await settingsApi.updateCanned(canned.id, values);
            list.put(saved);
            props.announce(s.updated(`/${saved.shortcode}`));
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li class="settings-row canned-row">
      <div class="canned-summary">
        <code>/{canned.shortcode}</code>
        <p class="canned-body">{canned.body}</p>
      </div>
      <span class="row-actions">
        <button type="button" ref={editRef} aria-label={s.canned.editLabel(canned.shortcode)} onClick={() => setEditing(true)}>
          {s.edit}
        </button>
        <DeleteButton
          name={`/${canned.shortcode}`}
          label={s.canned.deleteLabel(canned.shortcode)}
          onConfirm={() => props.remove(`/${canned.shortcode}`, () => settingsApi.deleteCanned(canned.id), () => list.remove(canned.id))}
        />
      </span>
    </li>
  );
}
