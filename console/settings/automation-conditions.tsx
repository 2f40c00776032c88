/**
 * @module Settings → Automation: the conditions part of a rule's form — inboxes, channels,
 * the words the message contains, contact tags, a contact attribute, business hours,
 * statuses and teams — as a draft, and the rule's `conditions` built from it (only the
 * conditions filled in; checked with the protocol's own schema before anything is sent).
 */
import { useId } from "preact/hooks";
import { AutomationConditions, ChannelKind, ConversationStatus, MAX_ATTRIBUTE_VALUE_CHARS } from "../../worker/protocol";
import { s as listWords } from "../list/strings";
import { aw } from "./automation-strings";
import { Checkboxes } from "./checkbox-group";

type Named = Array<{ id: string; name: string }>;

/** What the condition checkboxes offer. */
export interface ConditionChoices {
  inboxes: Named;
  tags: Named;
  teams: Named;
}

export interface ConditionsDraft {
  inboxIds: string[];
  channels: ChannelKind[];
  words: string;
  tagIds: string[];
  attributeKey: string;
  attributeValue: string;
  hours: "" | "inside" | "outside";
  statuses: ConversationStatus[];
  teamIds: string[];
}

export function conditionsDraftOf(c: AutomationConditions): ConditionsDraft {
  return {
    inboxIds: c.inboxIds ?? [],
    channels: c.channels ?? [],
    words: (c.textContains ?? []).join(", "),
    tagIds: c.contactTagIds ?? [],
    attributeKey: c.contactAttribute?.key ?? "",
    attributeValue: c.contactAttribute?.value ?? "",
    hours: c.hours ?? "",
    statuses: c.statuses ?? [],
    teamIds: c.teamIds ?? [],
  };
}

/** The rule's conditions, or why they cannot be sent. An empty choice is an absent
 * condition (the schema refuses empty lists). */
export function conditionsOf(d: ConditionsDraft): { ok: true; conditions: AutomationConditions } | { ok: false; message: string } {
  const key = d.attributeKey.trim();
  const value = d.attributeValue.trim();
  // Both or neither: a key with an empty value matches only an attribute stored as empty
  // text (worker/routing/route-conversation.ts attributeEquals), rarely what was meant.
  if (Boolean(key) !== Boolean(value)) return { ok: false, message: aw.attributeHalf };
  const words = d.words.split(",").map((w) => w.trim()).filter(Boolean);
  const conditions: AutomationConditions = {
    ...(d.inboxIds.length ? { inboxIds: d.inboxIds } : {}),
    ...(d.channels.length ? { channels: d.channels } : {}),
    ...(words.length ? { textContains: words } : {}),
    ...(d.tagIds.length ? { contactTagIds: d.tagIds } : {}),
    ...(key ? { contactAttribute: { key, value } } : {}),
    ...(d.hours ? { hours: d.hours } : {}),
    ...(d.statuses.length ? { statuses: d.statuses } : {}),
    ...(d.teamIds.length ? { teamIds: d.teamIds } : {}),
  };
  const parsed = AutomationConditions.safeParse(conditions);
  return parsed.success ? { ok: true, conditions } : { ok: false, message: aw.conditionsInvalid };
}

const named = (list: Named) => list.map((x) => ({ value: x.id, label: x.name }));

export function ConditionsEditor(props: { draft: ConditionsDraft; choices: ConditionChoices; onChange: (next: ConditionsDraft) => void }) {
  const d = props.draft;
  const set = <K extends keyof ConditionsDraft>(key: K, value: ConditionsDraft[K]) => props.onChange({ ...d, [key]: value });
  const hoursId = useId();
  return (
    <fieldset class="automation-conditions">
      <legend>{aw.conditions}</legend>
      <label>
        {aw.words} <input value={d.words} onInput={(e) => set("words", e.currentTarget.value)} />
      </label>
      <Checkboxes legend={aw.inboxes} options={named(props.choices.inboxes)} chosen={d.inboxIds} onChange={(v) => set("inboxIds", v)} />
      <Checkboxes legend={aw.channels} options={ChannelKind.options.map((k) => ({ value: k, label: listWords.channels[k] }))} chosen={d.channels} onChange={(v) => set("channels", v)} />
      <Checkboxes legend={aw.tags} options={named(props.choices.tags)} chosen={d.tagIds} onChange={(v) => set("tagIds", v)} />
      <label>
        {aw.attributeKey} <input value={d.attributeKey} maxLength={64} onInput={(e) => set("attributeKey", e.currentTarget.value)} />
      </label>
      <label>
        {aw.attributeValue} <input value={d.attributeValue} maxLength={MAX_ATTRIBUTE_VALUE_CHARS} onInput={(e) => set("attributeValue", e.currentTarget.value)} />
      </label>
      <label for={hoursId}>{aw.hours}</label>{" "}
      <select id={hoursId} value={d.hours} onChange={(e) => set("hours", e.currentTarget.value as ConditionsDraft["hours"])}>
        <option value="">{aw.hoursAny}</option>
        <option value="inside">{aw.hoursInside}</option>
        <option value="outside">{aw.hoursOutside}</option>
      </select>
      <Checkboxes legend={aw.statuses} options={ConversationStatus.options.map((st) => ({ value: st, label: listWords.status[st] }))} chosen={d.statuses} onChange={(v) => set("statuses", v)} />
      <Checkboxes legend={aw.teams} options={named(props.choices.teams)} chosen={d.teamIds} onChange={(v) => set("teamIds", v)} />
    </fieldset>
  );
}
