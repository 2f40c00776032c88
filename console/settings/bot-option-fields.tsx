/**
 * @module One option of the menu bot's form: its label, its action, and the action's
 * details (the reply, the field and question, or the team).
 */
import type { MenuAction, MenuOption, Team } from "../../worker/protocol";
import { bs } from "./bot-strings";

const ACTIONS = ["reply", "ask", "team", "human", "article"] as const;
const FIELDS = ["name", "email", "attribute"] as const;

/** The action a kind starts with when the admin switches to it. */
function fresh(kind: MenuAction["type"], teams: Team[]): MenuAction {
  switch (kind) {
    case "reply":
      return { type: "reply", text: "" };
    case "ask":
      return { type: "ask", field: { kind: "name" }, question: "" };
    case "team":
      return { type: "team", teamId: teams[0]?.id ?? "" };
    case "human":
      return { type: "human" };
    case "article":
      return { type: "article", articleId: "", text: "" };
  }
}

export function BotOptionFields(props: { index: number; option: MenuOption; teams: Team[]; onChange: (option: MenuOption) => void; onRemove: () => void }) {
  const { option, index } = props;
  const n = index + 1;
  const action = option.action;
  const setAction = (next: MenuAction) => props.onChange({ ...option, action: next });
  return (
    <fieldset class="bot-option">
      <legend>{bs.optionLabel(n)}</legend>
      <label>
        {bs.label} <input name={`option-${n}-label`} value={option.label} maxLength={60} onInput={(e) => props.onChange({ ...option, label: e.currentTarget.value })} />
      </label>
      <label>
        {bs.action}{" "}
        <select name={`option-${n}-action`} value={action.type} onChange={(e) => setAction(fresh(e.currentTarget.value as MenuAction["type"], props.teams))}>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {bs.actions[a]}
            </option>
          ))}
        </select>
      </label>
      {action.type === "reply" && (
        <label>
          {bs.replyText} <textarea name={`option-${n}-text`} rows={2} value={action.text} onInput={(e) => setAction({ ...action, text: e.currentTarget.value })} />
        </label>
      )}
      {action.type === "article" && (
        <label>
          {bs.articleId} <input name={`option-${n}-article`} value={action.articleId} maxLength={64} onInput={(e) => setAction({ ...action, articleId: e.currentTarget.value.trim() })} />
        </label>
      )}
      {action.type === "ask" && (
        <>
          <label>
            {bs.field}{" "}
            <select
              name={`option-${n}-field`}
              value={action.field.kind}
              onChange={(e) => {
                const kind = e.currentTarget.value as (typeof FIELDS)[number];
                setAction({ ...action, field: kind === "attribute" ? { kind, key: "" } : { kind } });
              }}
            >
              {FIELDS.map((f) => (
                <option key={f} value={f}>
                  {bs.fields[f]}
                </option>
              ))}
            </select>
          </label>
          {action.field.kind === "attribute" && (
            <label>
              {bs.attributeKey} <input name={`option-${n}-key`} value={action.field.key} maxLength={60} onInput={(e) => setAction({ ...action, field: { kind: "attribute", key: e.currentTarget.value } })} />
            </label>
          )}
          <label>
            {bs.question} <textarea name={`option-${n}-question`} rows={2} value={action.question} onInput={(e) => setAction({ ...action, question: e.currentTarget.value })} />
          </label>
        </>
      )}
      {action.type === "team" && (
        <label>
          {bs.team}{" "}
          <select name={`option-${n}-team`} value={action.teamId} onChange={(e) => setAction({ type: "team", teamId: e.currentTarget.value })}>
            <option value="">{bs.chooseTeam}</option>
            {props.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" class="link" onClick={props.onRemove} aria-label={bs.removeOption(n)}>
        ✕
      </button>
    </fieldset>
  );
}
