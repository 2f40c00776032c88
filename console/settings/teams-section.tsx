/**
 * @module Settings → Teams: rename a team (the seeded one is named in the owner's setup
 * language, and teams want their own names). Creating and deleting teams and managing
 * members come with team management; this is rename only.
 */
import { useState } from "preact/hooks";
import type { Team } from "../../worker/protocol";
import { resetDirectory } from "../shared/use-directory";
import { useEditMode } from "../shell/use-edit-mode";
import { Field, FormMessage } from "./form-field";
import { inboxApi } from "./inbox-api";
import { s as is } from "./inbox-strings";
import { ListStatus, type SectionProps } from "./section-parts";
import { byName, useSettingsList } from "./use-settings-list";
import { useSave } from "./use-save";
import { s } from "./strings";

const t = is.teams;

export function TeamsSection(props: SectionProps) {
  const list = useSettingsList(inboxApi.teams, byName((team: Team) => team.name), props.onForbidden);
  return (
    <section class="settings-section" aria-labelledby="settings-teams-heading">
      <h2 id="settings-teams-heading">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      <ListStatus state={list.state} empty={t.empty} onRetry={list.reload}>
        {(teams) => (
          <ul class="settings-list">
            {teams.map((team) => (
              <TeamRow
                key={team.id}
                team={team}
                onForbidden={props.onForbidden}
                onRenamed={(renamed) => {
                  list.put(renamed);
                  resetDirectory();
                  props.announce(t.renamed(renamed.name));
                }}
              />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function TeamRow(props: { team: Team; onRenamed: (team: Team) => void; onForbidden: () => void }) {
  const { editing, setEditing, editRef } = useEditMode();
  const [name, setName] = useState(props.team.name);
  const save = useSave({ uniqueField: "name", onForbidden: props.onForbidden });
  if (!editing) {
    return (
      <li class="settings-row">
        <strong>{props.team.name}</strong>
        <span class="row-actions">
          <button type="button" ref={editRef} aria-label={t.renameLabel(props.team.name)} onClick={() => setEditing(true)}>
            {t.rename}
          </button>
        </span>
      </li>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const clean = name.trim();
    const checked = clean.length >= 1 && clean.length <= 60 ? { ok: true as const, data: clean } : { ok: false as const, fields: { name: t.nameInvalid } };
    void save.run(checked, async (value) => {
      props.onRenamed(await inboxApi.renameTeam(props.team.id, value));
      setEditing(false);
    });
  };
  return (
    <li class="settings-row settings-row--editing">
      <form class="settings-form settings-form--inline" aria-label={t.renameLabel(props.team.name)} noValidate onSubmit={submit}>
        <Field label={t.name} error={save.failure.fields.name}>
          {(aria) => <input {...aria} name="team-name" value={name} maxLength={60} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={save.busy}>
            {t.save}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {s.cancel}
          </button>
        </div>
        <FormMessage message={save.failure.form} />
      </form>
    </li>
  );
}
