/**
 * @module One team's settings in Settings → Teams: distribution mode, default capacity,
 * the no-answer delay (back to the queue), business hours, away message, overflow team,
 * members (each checkbox saves at once),
 * and deleting the team (its conversations moved to another team first).
 */
import { useEffect, useState } from "preact/hooks";
import { UpdateTeamBody, type Team, type TeamDetail } from "../../worker/protocol";
import { ApiError } from "../api";
import { useDirectory } from "../shared/use-directory";
import { BusinessHoursField, hoursProblem } from "./business-hours-field";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { DeleteButton } from "./section-parts";
import { teamApi } from "./team-api";
import { ts as t } from "./team-strings";
import { useSave } from "./use-save";

/** The no-answer delay as the form shows it: minutes (half minutes allowed, since the API's
 * floor is 30 s), empty for never. */
export function minutesOf(seconds: number | null): string {
  return seconds === null ? "" : String(seconds / 60);
}

/** The field's text as the API's seconds: null when empty; NaN (refused by the schema)
 * when it is not a number. The schema then checks the 30 s–24 h range. */
export function secondsOf(minutes: string): number | null {
  const text = minutes.trim().replace(",", ".");
  if (text === "") return null;
  return /^\d+(\.\d+)?$/.test(text) ? Math.round(Number(text) * 60) : Number.NaN;
}

interface EditorProps {
  team: Team;
  /** Every team, for the overflow and move-to choices (the team itself is left out). */
  teams: readonly Team[];
  onSaved: (team: TeamDetail) => void;
  onDeleted: () => void;
  onClose: () => void;
  onForbidden: () => void;
}

export function TeamEditor(props: EditorProps) {
  const [detail, setDetail] = useState<TeamDetail | null>(null);
  const [loadFailed, setLoadFailed] = useState<string | null>(null);
  useEffect(() => {
    teamApi.detail(props.team.id).then(setDetail, (err: unknown) => {
      if (err instanceof ApiError && err.status === 403) props.onForbidden();
      else setLoadFailed(err instanceof Error ? err.message : String(err));
    });
  }, [props.team.id]);
  return (
    <section class="settings-editor" aria-label={t.editLabel(props.team.name)}>
      {detail ? <SettingsForm {...props} detail={detail} onDetail={setDetail} /> : <FormMessage message={loadFailed} />}
      {detail && <Members detail={detail} onDetail={setDetail} onForbidden={props.onForbidden} />}
      {detail && <DeleteTeam {...props} />}
      <button type="button" onClick={props.onClose}>
        {t.close}
      </button>
    </section>
  );
}

function SettingsForm(props: EditorProps & { detail: TeamDetail; onDetail: (d: TeamDetail) => void }) {
  const d = props.detail;
  const [mode, setMode] = useState(d.distributionMode);
  const [capacity, setCapacity] = useState(String(d.defaultCapacity));
  const [unanswered, setUnanswered] = useState(minutesOf(d.unansweredTimeoutSeconds));
  const [hours, setHours] = useState(d.businessHours);
  const [away, setAway] = useState(d.awayMessage);
  const [overflow, setOverflow] = useState(d.overflowTeamId ?? "");
  const save = useSave({ onForbidden: props.onForbidden });
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { distributionMode: mode, defaultCapacity: Number(capacity), unansweredTimeoutSeconds: secondsOf(unanswered), businessHours: hours, awayMessage: away, overflowTeamId: overflow || null };
    const checked = hoursProblem(hours)
      ? { ok: false as const, fields: { businessHours: "" } }
      : checkFields(UpdateTeamBody, body, { defaultCapacity: t.capacityInvalid, unansweredTimeoutSeconds: t.unansweredInvalid, awayMessage: t.awayInvalid });
    void save.run(checked, async () => {
      const saved = await teamApi.update(d.id, body);
      props.onDetail(saved);
      props.onSaved(saved);
    });
  };
  return (
    <form class="settings-form" noValidate onSubmit={submit}>
      <Field label={t.distribution} error={save.failure.fields.distributionMode}>
        {(aria) => (
          <select {...aria} value={mode} onChange={(e) => setMode(e.currentTarget.value === "auto" ? "auto" : "manual")}>
            <option value="manual">{t.manual}</option>
            <option value="auto">{t.auto}</option>
          </select>
        )}
      </Field>
      <Field label={t.capacity} error={save.failure.fields.defaultCapacity}>
        {(aria) => <input {...aria} type="number" min={1} max={100} step={1} value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} />}
      </Field>
      <Field label={t.unanswered} hint={t.unansweredHint} error={save.failure.fields.unansweredTimeoutSeconds}>
        {(aria) => <input {...aria} type="text" inputMode="decimal" value={unanswered} onInput={(e) => setUnanswered(e.currentTarget.value)} />}
      </Field>
      <BusinessHoursField name={`team-${d.id}`} value={hours} error={save.failure.fields.businessHours} onChange={setHours} />
      <Field label={t.awayMessage} hint={t.awayHint} error={save.failure.fields.awayMessage}>
        {(aria) => <textarea {...aria} rows={3} value={away} onInput={(e) => setAway(e.currentTarget.value)} />}
      </Field>
      <Field label={t.overflow} hint={t.overflowHint} error={save.failure.fields.overflowTeamId}>
        {(aria) => (
          <select {...aria} value={overflow} onChange={(e) => setOverflow(e.currentTarget.value)}>
            <option value="">{t.noOverflow}</option>
            {props.teams
              .filter((x) => x.id !== d.id)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {t.saveSettings}
        </button>
      </div>
      <FormMessage message={save.failure.form} />
    </form>
  );
}

function Members(props: { detail: TeamDetail; onDetail: (d: TeamDetail) => void; onForbidden: () => void }) {
  const { agents } = useDirectory();
  const save = useSave({ onForbidden: props.onForbidden });
  const toggle = (agentId: string, member: boolean) =>
    void save.run({ ok: true, data: null }, async () => {
      props.onDetail(member ? await teamApi.addMember(props.detail.id, agentId) : await teamApi.removeMember(props.detail.id, agentId));
    });
  return (
    <fieldset class="settings-field">
      <legend>{t.members}</legend>
      {agents.map((agent) => (
        <label key={agent.id} class="checkbox">
          <input
            type="checkbox"
            aria-label={t.memberLabel(agent.name)}
            checked={props.detail.memberIds.includes(agent.id)}
            disabled={save.busy}
            onChange={(e) => toggle(agent.id, e.currentTarget.checked)}
          />
          {agent.name}
        </label>
      ))}
      <FormMessage message={save.failure.form} />
    </fieldset>
  );
}

function DeleteTeam(props: EditorProps) {
  const [target, setTarget] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const others = props.teams.filter((x) => x.id !== props.team.id);
  const confirm = async () => {
    try {
      await teamApi.remove(props.team.id, target || null);
      props.onDeleted();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) props.onForbidden();
      else setProblem(err instanceof ApiError && err.status === 409 ? t.needsTarget : err instanceof Error ? err.message : String(err));
      return false;
    }
  };
  return (
    <div class="settings-danger">
      <Field label={t.moveTo}>
        {(aria) => (
          <select {...aria} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            <option value="">{t.noTarget}</option>
            {others.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DeleteButton name={props.team.name} label={t.removeLabel(props.team.name)} onConfirm={confirm} />
      <FormMessage message={problem} />
    </div>
  );
}
