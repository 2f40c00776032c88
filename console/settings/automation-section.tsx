/**
 * @module Settings → Automation (admins): the rules in order, each with its trigger, when
 * it last ran and its last error; add, edit, enable or disable, delete, and move up or
 * down. A save that gave a rule its webhook signing secret shows the secret once.
 */
import { useEffect, useState } from "preact/hooks";
import type { AutomationRule, AutomationRuleSaved } from "../../worker/protocol";
import { api, ApiError, errorMessage } from "../api";
import { formatDateTime } from "../conversation/format";
import { automationApi } from "./automation-api";
import { AutomationForm, type AutomationChoices } from "./automation-form";
import { aw } from "./automation-strings";
import { CopyField } from "./copy-field";
import { useDeleteAction } from "./delete-action";
import { FormMessage } from "./form-field";
import { DeleteButton, ListStatus, type SectionProps } from "./section-parts";
import { s } from "./strings";
import type { ListState } from "./use-settings-list";
import { movedIds, withSaved } from "./ordered-rules";

export function AutomationSection(props: SectionProps) {
  const [state, setState] = useState<ListState<AutomationRule>>({ name: "loading" });
  const [choices, setChoices] = useState<AutomationChoices>({ teams: [], agents: [], tags: [], types: [], canned: [], inboxes: [] });
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const remove = useDeleteAction(props);

  useEffect(() => {
    let current = true;
    Promise.all([automationApi.list(), api.teams(), api.agents(), api.tags(), api.types(), api.canned(), api.inboxes()]).then(
      ([rules, teams, agents, tags, types, canned, inboxes]) => {
        if (!current) return;
        setChoices({ teams: teams.teams, agents: agents.agents, tags: tags.tags, types: types.types, canned: canned.cannedResponses, inboxes: inboxes.inboxes });
        setState({ name: "ready", items: rules });
      },
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 403) props.onForbidden();
        setState({ name: "failed", message: errorMessage(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const rules = state.name === "ready" ? state.items : [];
  const replace = (saved: AutomationRuleSaved) => {
    const { signingSecret, ...rule } = saved;
    setSecret(signingSecret ?? null);
    setState({ name: "ready", items: withSaved(rules, rule) });
  };
  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 403) return props.onForbidden();
    setError(s.saveFailed(errorMessage(err)));
    setAttempt((n) => n + 1);
  };

  const move = async (rule: AutomationRule, by: -1 | 1) => {
    const moved = movedIds(rules, rule.id, by);
    if (!moved) return;
    setError(null);
    try {
      setState({ name: "ready", items: await automationApi.reorder(moved.ids) });
      props.announce(aw.moved(rule.name, moved.place));
    } catch (err) {
      failed(err);
    }
  };

  const toggle = async (rule: AutomationRule, enabled: boolean) => {
    setError(null);
    try {
      replace(await automationApi.update(rule.id, { enabled }));
      props.announce(aw.saved(rule.name));
    } catch (err) {
      failed(err);
    }
  };

  const form = (rule: AutomationRule | null) => (
    <AutomationForm
      rule={rule}
      choices={choices}
      onForbidden={props.onForbidden}
      onCancel={() => setEditing(null)}
      onSave={async (body) => {
        const saved = rule ? await automationApi.update(rule.id, body) : await automationApi.create(body);
        replace(saved);
        setEditing(null);
        props.announce(rule ? aw.saved(saved.name) : aw.created(saved.name));
      }}
    />
  );

  return (
    <section class="settings-section" aria-labelledby="settings-automation-heading">
      <h2 id="settings-automation-heading">{aw.heading}</h2>
      <p class="muted">{aw.intro}</p>
      {secret && (
        <div class="settings-notice">
          <CopyField label={aw.secretOnce} value={secret} />
        </div>
      )}
      {editing === "new" ? (
        form(null)
      ) : (
        <button type="button" class="primary" disabled={state.name !== "ready"} onClick={() => setEditing("new")}>
          {aw.add}
        </button>
      )}
      <FormMessage message={error ?? remove.error} />
      <ListStatus state={state} empty={aw.empty} onRetry={() => setAttempt((n) => n + 1)}>
        {(items) => (
          <ol class="settings-list automation-rules">
            {items.map((rule, i) => (
              <li key={rule.id}>
                {editing === rule.id ? (
                  form(rule)
                ) : (
                  <div class="settings-row">
                    <span>
                      <strong>{rule.name}</strong> <span class="muted">{aw.triggers[rule.trigger.type]}</span>
                      <br />
                      <span class="muted">{rule.lastRunAt === null ? aw.neverRan : aw.lastRun(formatDateTime(rule.lastRunAt))}</span>
                      {rule.lastError !== null && rule.lastErrorAt !== null && (
                        <>
                          <br />
                          <span class="form-error">{aw.lastError(formatDateTime(rule.lastErrorAt), rule.lastError)}</span>
                        </>
                      )}
                    </span>
                    <span class="row-actions">
                      <label>
                        <input type="checkbox" aria-label={aw.enabledLabel(rule.name)} checked={rule.enabled} onChange={(e) => void toggle(rule, e.currentTarget.checked)} /> {aw.enabled}
                      </label>
                      <button type="button" aria-label={aw.upLabel(rule.name)} disabled={i === 0} onClick={() => void move(rule, -1)}>
                        {aw.up}
                      </button>
                      <button type="button" aria-label={aw.downLabel(rule.name)} disabled={i === items.length - 1} onClick={() => void move(rule, 1)}>
                        {aw.down}
                      </button>
                      <button type="button" aria-label={aw.editLabel(rule.name)} onClick={() => setEditing(rule.id)}>
                        {aw.edit}
                      </button>
                      <DeleteButton
                        name={rule.name}
                        label={aw.removeLabel(rule.name)}
                        onConfirm={() => remove.run(rule.name, () => automationApi.remove(rule.id), () => setState({ name: "ready", items: rules.filter((r) => r.id !== rule.id) }))}
                      />
                    </span>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </ListStatus>
    </section>
  );
}
