/**
 * @module Settings → Automation: the form that adds or edits a rule — its name, trigger
 * (with minutes for idle), its conditions (./automation-conditions.tsx), and its ordered
 * actions, each with the one value it needs (a team, agent, tag, type, canned response,
 * note, minutes or URL).
 */
import { useId, useState } from "preact/hooks";
import { AutomationActionType, AutomationTriggerType, type AutomationAction, type AutomationRule, type CreateAutomationRuleBody } from "../../worker/protocol";
import { ApiError, errorMessage } from "../api";
import { al } from "../conversation/automation-strings";
import { ConditionsEditor, conditionsDraftOf, conditionsOf, type ConditionChoices } from "./automation-conditions";
import { aw } from "./automation-strings";
import { FormMessage } from "./form-field";

/** What the action selects and the condition checkboxes offer. */
export interface AutomationChoices extends ConditionChoices {
  teams: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string }>;
  tags: Array<{ id: string; name: string }>;
  types: Array<{ id: string; name: string }>;
  canned: Array<{ id: string; shortcode: string }>;
}

interface Draft {
  type: AutomationActionType;
  value: string;
}

/** The one value each action carries, as the form edits it. */
function valueOf(a: AutomationAction): string {
  switch (a.type) {
    case "assign_team":
      return a.teamId;
    case "assign_agent":
      return a.agentId;
    case "add_tag":
      return a.tagId;
    case "set_type":
      return a.typeId;
    case "send_canned_response":
      return a.cannedResponseId;
    case "send_note":
      return a.body;
    case "snooze":
      return String(a.minutes);
    case "set_priority":
      return String(a.priority);
    case "call_webhook":
      return a.url;
    case "send_article":
      return a.articleId;
    case "resolve":
      return "";
  }
}

/** The action a draft stands for; null while it is incomplete. */
function actionOf(d: Draft): AutomationAction | null {
  const v = d.value.trim();
  if (d.type === "resolve") return { type: "resolve" };
  if (!v) return null;
  switch (d.type) {
    case "assign_team":
      return { type: d.type, teamId: v };
    case "assign_agent":
      return { type: d.type, agentId: v };
    case "add_tag":
      return { type: d.type, tagId: v };
    case "set_type":
      return { type: d.type, typeId: v };
    case "send_canned_response":
      return { type: d.type, cannedResponseId: v };
    case "send_note":
      return { type: d.type, body: v };
    case "snooze":
      return Number.isInteger(Number(v)) && Number(v) > 0 ? { type: d.type, minutes: Number(v) } : null;
    case "set_priority":
      return Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 100 ? { type: d.type, priority: Number(v) } : null;
    case "call_webhook":
      return { type: d.type, url: v };
    case "send_article":
      return { type: d.type, articleId: v };
  }
}

export function AutomationForm(props: {
  rule: AutomationRule | null;
  choices: AutomationChoices;
  onSave: (body: CreateAutomationRuleBody) => Promise<void>;
  onCancel: () => void;
  onForbidden: () => void;
}) {
  const r = props.rule;
  const [name, setName] = useState(r?.name ?? "");
  const [trigger, setTrigger] = useState<AutomationTriggerType>(r?.trigger.type ?? "customer_message");
  const [minutes, setMinutes] = useState(r?.trigger.type === "idle" ? String(r.trigger.minutes) : "30");
  const [conditions, setConditions] = useState(() => conditionsDraftOf(r?.conditions ?? {}));
  const [drafts, setDrafts] = useState<Draft[]>(r ? r.actions.map((a) => ({ type: a.type, value: valueOf(a) })) : [{ type: "send_note", value: "" }]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const triggerId = useId();

  const setDraft = (i: number, d: Partial<Draft>) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, ...d } : x)));

  const submit = async (e: Event) => {
    e.preventDefault();
    const actions = drafts.map(actionOf);
    if (!name.trim() || actions.length === 0 || actions.some((a) => a === null)) return setError(aw.invalid);
    const checked = conditionsOf(conditions);
    if (!checked.ok) return setError(checked.message);
    const body: CreateAutomationRuleBody = {
      name: name.trim(),
      enabled: r?.enabled ?? true,
      trigger: trigger === "idle" ? { type: "idle", minutes: Number(minutes) } : { type: trigger },
      conditions: checked.conditions,
      actions: actions as AutomationAction[],
    };
    setBusy(true);
    setError(null);
    try {
      await props.onSave(body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) props.onForbidden();
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const options = (d: Draft): Array<{ id: string; label: string }> | null => {
    const c = props.choices;
    if (d.type === "assign_team") return c.teams.map((t) => ({ id: t.id, label: t.name }));
    if (d.type === "assign_agent") return c.agents.map((t) => ({ id: t.id, label: t.name }));
    if (d.type === "add_tag") return c.tags.map((t) => ({ id: t.id, label: t.name }));
    if (d.type === "set_type") return c.types.map((t) => ({ id: t.id, label: t.name }));
    if (d.type === "send_canned_response") return c.canned.map((t) => ({ id: t.id, label: `/${t.shortcode}` }));
    return null;
  };

  return (
    <form class="settings-form automation-form" onSubmit={submit}>
      <label>
        {aw.name} <input value={name} maxLength={80} required onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label for={triggerId}>{aw.trigger}</label>{" "}
      <select id={triggerId} value={trigger} onChange={(e) => setTrigger(e.currentTarget.value as AutomationTriggerType)}>
        {AutomationTriggerType.options.map((t) => (
          <option key={t} value={t}>
            {aw.triggers[t]}
          </option>
        ))}
      </select>
      {trigger === "idle" && (
        <label>
          {aw.idleMinutes} <input type="number" min={1} max={10080} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
        </label>
      )}
      <ConditionsEditor draft={conditions} choices={props.choices} onChange={setConditions} />
      <fieldset>
        <legend>{aw.actions}</legend>
        <ol>
          {drafts.map((d, i) => {
            const list = options(d);
            return (
              <li key={i}>
                <select aria-label={aw.actionType(i + 1)} value={d.type} onChange={(e) => setDraft(i, { type: e.currentTarget.value as AutomationActionType, value: "" })}>
                  {AutomationActionType.options.map((t) => (
                    <option key={t} value={t}>
                      {al.actionNames[t]}
                    </option>
                  ))}
                </select>{" "}
                {list ? (
                  <select aria-label={aw.actionValue(i + 1)} value={d.value} onChange={(e) => setDraft(i, { value: e.currentTarget.value })}>
                    <option value="">{aw.choose}</option>
                    {list.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : d.type === "resolve" ? null : (
                  <input
                    aria-label={aw.actionValue(i + 1)}
                    inputMode={d.type === "snooze" || d.type === "set_priority" ? "numeric" : d.type === "call_webhook" ? "url" : "text"}
                    placeholder={d.type === "snooze" ? aw.minutes : d.type === "set_priority" ? aw.priority : d.type === "call_webhook" ? aw.url : ""}
                    value={d.value}
                    onInput={(e) => setDraft(i, { value: e.currentTarget.value })}
                  />
                )}{" "}
                <button type="button" aria-label={aw.removeAction(i + 1)} disabled={drafts.length === 1} onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                  ×
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" disabled={drafts.length >= 10} onClick={() => setDrafts([...drafts, { type: "send_note", value: "" }])}>
          {aw.addAction}
        </button>
      </fieldset>
      <FormMessage message={error} />
      <button type="submit" class="primary" disabled={busy}>
        {aw.save}
      </button>{" "}
      <button type="button" onClick={props.onCancel}>
        {aw.cancel}
      </button>
    </form>
  );
}
