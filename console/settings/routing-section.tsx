/**
 * @module Settings → Routing (admins): the rules in evaluation order, each with its
 * target team; add, edit, enable or disable, delete, and move up or down (the whole new
 * order is sent at once, and the list shows what the server stored).
 */
import { useEffect, useState } from "preact/hooks";
import type { RoutingRule } from "../../worker/protocol";
import { api, ApiError, errorMessage } from "../api";
import { useDeleteAction } from "./delete-action";
import { FormMessage } from "./form-field";
import { routingApi } from "./routing-api";
import { RuleForm, type RuleChoices } from "./routing-form";
import { rs } from "./routing-strings";
import { DeleteButton, ListStatus, type SectionProps } from "./section-parts";
import { s } from "./strings";
import type { ListState } from "./use-settings-list";
import { movedIds, withSaved } from "./ordered-rules";

export function RoutingSection(props: SectionProps) {
  const [state, setState] = useState<ListState<RoutingRule>>({ name: "loading" });
  const [choices, setChoices] = useState<RuleChoices>({ teams: [], inboxes: [], tags: [] });
  const [attempt, setAttempt] = useState(0);
  /** "new", a rule's id, or nothing open. */
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = useDeleteAction(props);

  useEffect(() => {
    let current = true;
    Promise.all([routingApi.list(), api.teams(), api.inboxes(), api.tags()]).then(
      ([rules, teams, inboxes, tags]) => {
        if (!current) return;
        setChoices({ teams: teams.teams, inboxes: inboxes.inboxes, tags: tags.tags });
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
  const replace = (rule: RoutingRule) => setState({ name: "ready", items: withSaved(rules, rule) });

  /** A failed write: 403 hides the forms; anything else is said, and the list reloaded
   * (someone else may have changed it). */
  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 403) return props.onForbidden();
    setError(s.saveFailed(errorMessage(err)));
    setAttempt((n) => n + 1);
  };

  const move = async (rule: RoutingRule, by: -1 | 1) => {
    const moved = movedIds(rules, rule.id, by);
    if (!moved) return;
    setError(null);
    try {
      setState({ name: "ready", items: await routingApi.reorder(moved.ids) });
      props.announce(rs.moved(rule.name, moved.place));
    } catch (err) {
      failed(err);
    }
  };

  const toggle = async (rule: RoutingRule, enabled: boolean) => {
    setError(null);
    try {
      replace(await routingApi.update(rule.id, { enabled }));
      props.announce(rs.saved(rule.name));
    } catch (err) {
      failed(err);
    }
  };

  const teamName = (id: string) => choices.teams.find((t) => t.id === id)?.name ?? rs.unknownTeam;

  return (
    <section class="settings-section" aria-labelledby="settings-routing-heading">
      <h2 id="settings-routing-heading">{rs.heading}</h2>
      <p class="muted">{rs.intro}</p>
      {editing === "new" ? (
        <RuleForm
          rule={null}
          choices={choices}
          onForbidden={props.onForbidden}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            const rule = await routingApi.create(body);
            replace(rule);
            setEditing(null);
            props.announce(rs.created(rule.name));
          }}
        />
      ) : (
        <button type="button" class="primary" disabled={state.name !== "ready"} onClick={() => setEditing("new")}>
          {rs.add}
        </button>
      )}
      <FormMessage message={error ?? remove.error} />
      <ListStatus state={state} empty={rs.empty} onRetry={() => setAttempt((n) => n + 1)}>
        {(items) => (
          <ol class="settings-list routing-rules">
            {items.map((rule, i) => (
              <li key={rule.id}>
                {editing === rule.id ? (
                  <RuleForm
                    rule={rule}
                    choices={choices}
                    onForbidden={props.onForbidden}
                    onCancel={() => setEditing(null)}
                    onSave={async (body) => {
                      replace(await routingApi.update(rule.id, body));
                      setEditing(null);
                      props.announce(rs.saved(body.name));
                    }}
                  />
                ) : (
                  <div class="settings-row">
                    <span>
                      <strong>{rule.name}</strong> <span class="muted">{rs.goesTo(teamName(rule.teamId))}</span>
                    </span>
                    <span class="row-actions">
                      <label>
                        <input type="checkbox" aria-label={rs.enabledLabel(rule.name)} checked={rule.enabled} onChange={(e) => void toggle(rule, e.currentTarget.checked)} /> {rs.enabled}
                      </label>
                      <button type="button" aria-label={rs.upLabel(rule.name)} disabled={i === 0} onClick={() => void move(rule, -1)}>
                        {rs.up}
                      </button>
                      <button type="button" aria-label={rs.downLabel(rule.name)} disabled={i === items.length - 1} onClick={() => void move(rule, 1)}>
                        {rs.down}
                      </button>
                      <button type="button" aria-label={rs.editLabel(rule.name)} onClick={() => setEditing(rule.id)}>
                        {rs.edit}
                      </button>
                      <DeleteButton
                        name={rule.name}
                        label={rs.removeLabel(rule.name)}
                        onConfirm={() => remove.run(rule.name, () => routingApi.remove(rule.id), () => setState({ name: "ready", items: rules.filter((r) => r.id !== rule.id) }))}
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
