/**
 * @module Settings → Teams: add a team, rename one (the seeded one is named in the
 * owner's setup language), and open a team's settings, members and deletion
 * (./team-editor.tsx).
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
import { teamApi } from "./team-api";
import { TeamEditor } from "./team-editor";
import { ts } from "./team-strings";

const t = is.teams;

export function TeamsSection(props: SectionProps) {
  const list = useSettingsList(inboxApi.teams, byName((team: Team) => team.name), props.onForbidden);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section class="settings-section" aria-labelledby="settings-teams-heading">
      <h2 id="settings-teams-heading">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      <AddTeam
        onForbidden={props.onForbidden}
        onCreated={(team) => {
          list.put({ id: team.id, name: team.name });
          resetDirectory();
          props.announce(ts.created(team.name));
        }}
      />
      <ListStatus state={list.state} empty={t.empty} onRetry={list.reload}>
        {(teams) => (
          <ul class="settings-list">
            {teams.map((team) => (
              <li key={team.id} class="settings-team">
                <TeamRow
                  team={team}
                  onForbidden={props.onForbidden}
                  onOpen={() => setOpen(team.id)}
                  onRenamed={(renamed) => {
                    list.put(renamed);
                    resetDirectory();
                    props.announce(t.renamed(renamed.name));
                  }}
                />
                {open === team.id && (
                  <TeamEditor
                    team={team}
                    teams={teams}
                    onForbidden={props.onForbidden}
                    onClose={() => setOpen(null)}
                    onSaved={(saved) => props.announce(ts.saved(saved.name))}
                    onDeleted={() => {
                      setOpen(null);
                      list.remove(team.id);
                      resetDirectory();
                      props.announce(ts.removed(team.name));
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function AddTeam(props: { onCreated: (team: Team) => void; onForbidden: () => void }) {
  const [name, setName] = useState("");
  const save = useSave({ uniqueField: "name", onForbidden: props.onForbidden });
  const submit = (e: Event) => {
    e.preventDefault();
    const clean = name.trim();
    const checked = clean.length >= 1 && clean.length <= 60 ? { ok: true as const, data: clean } : { ok: false as const, fields: { name: t.nameInvalid } };
    void save.run(checked, async (value) => {
      props.onCreated(await teamApi.create({ name: value }));
      setName("");
    });
  };
  return (
    <form class="settings-form settings-form--inline" aria-label={ts.add} noValidate onSubmit={submit}>
      <Field label={ts.addName} error={save.failure.fields.name}>
        {(aria) => <input {...aria} name="new-team-name" value={name} maxLength={60} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class="primary" disabled={save.busy}>
        {ts.add}
      </button>
      <FormMessage message={save.failure.form} />
    </form>
  );
}

function TeamRow(props: { team: Team; onRenamed: (team: Team) => void; onOpen: () => void; onForbidden: () => void }) {
  const { editing, setEditing, editRef } = useEditMode();
  const [name, setName] = useState(props.team.name);
  const save = useSave({ uniqueField: "name", onForbidden: props.onForbidden });
  if (!editing) {
    return (
      <div class="settings-row">
        <strong>{props.team.name}</strong>
        <span class="row-actions">
          <button type="button" ref={editRef} aria-label={t.renameLabel(props.team.name)} onClick={() => setEditing(true)}>
            {t.rename}
          </button>
          <button type="button" aria-label={ts.editLabel(props.team.name)} onClick={props.onOpen}>
            {ts.edit}
          </button>
        </span>
      </div>
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
    <div class="settings-row settings-row--editing">
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
    </div>
  );
}
