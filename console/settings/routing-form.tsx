/**
 * @module Settings → Routing: the form that adds or edits one rule. Conditions are
 * simple controls (inbox, channel and tag checkboxes, addresses and keywords as comma
 * lists, an attribute key and value, an hours choice), checked against the protocol's
 * own schema before anything is sent.
 */
import { useState } from "preact/hooks";
import { ChannelKind, CreateRoutingRuleBody, type Inbox, type RoutingRule, type Tag, type Team } from "../../worker/protocol";
import { Checkboxes } from "./checkbox-group";
import { Field, FormMessage } from "./form-field";
import type { FieldErrors } from "./form-errors";
import { rs } from "./routing-strings";
import { useSave } from "./use-save";

export interface RuleChoices {
  teams: Team[];
  inboxes: Inbox[];
  tags: Tag[];
}

interface Draft {
  name: string;
  teamId: string;
  enabled: boolean;
  inboxIds: string[];
  channels: ChannelKind[];
  addresses: string;
  senderDomains: string;
  keywords: string;
  portalCategories: string;
  tagIds: string[];
  attributeKey: string;
  attributeValue: string;
  hours: "" | "inside" | "outside";
}

function draftOf(rule: RoutingRule | null): Draft {
  const c = rule?.conditions ?? {};
  return {
    name: rule?.name ?? "",
    teamId: rule?.teamId ?? "",
    enabled: rule?.enabled ?? true,
    inboxIds: c.inboxIds ?? [],
    channels: c.channels ?? [],
    addresses: (c.recipientAddresses ?? []).join(", "),
    senderDomains: (c.senderDomains ?? []).join(", "),
    keywords: (c.keywords ?? []).join(", "),
    portalCategories: (c.portalCategories ?? []).join(", "),
    tagIds: c.contactTagIds ?? [],
    attributeKey: c.contactAttribute?.key ?? "",
    attributeValue: c.contactAttribute?.value ?? "",
    hours: c.hours ?? "",
  };
}

const commaList = (text: string) => text.split(",").map((item) => item.trim()).filter(Boolean);

/** The request body: only the conditions the admin filled in. */
function bodyOf(d: Draft) {
  const addresses = commaList(d.addresses);
  const keywords = commaList(d.keywords);
  const senderDomains = commaList(d.senderDomains);
  const portalCategories = commaList(d.portalCategories);
  return {
    name: d.name,
    teamId: d.teamId,
    enabled: d.enabled,
    conditions: {
      ...(d.inboxIds.length ? { inboxIds: d.inboxIds } : {}),
      ...(d.channels.length ? { channels: d.channels } : {}),
      ...(addresses.length ? { recipientAddresses: addresses } : {}),
      ...(senderDomains.length ? { senderDomains } : {}),
      ...(keywords.length ? { keywords } : {}),
      ...(portalCategories.length ? { portalCategories } : {}),
      ...(d.tagIds.length ? { contactTagIds: d.tagIds } : {}),
      ...(d.attributeKey.trim() ? { contactAttribute: { key: d.attributeKey, value: d.attributeValue } } : {}),
      ...(d.hours ? { hours: d.hours } : {}),
    },
  };
}

const MESSAGES: Record<string, string> = {
  name: rs.nameInvalid,
  teamId: rs.teamInvalid,
  "conditions.recipientAddresses": rs.addressesInvalid,
  "conditions.senderDomains": rs.senderDomainsInvalid,
  "conditions.keywords": rs.keywordsInvalid,
  "conditions.portalCategories": rs.portalCategoriesInvalid,
};

/** Checked with the schema the server uses; a condition's error is keyed by its name. */
function check(d: Draft): { ok: true; data: ReturnType<typeof bodyOf> } | { ok: false; fields: FieldErrors } {
  const body = bodyOf(d);
  const result = CreateRoutingRuleBody.safeParse(body);
  if (result.success) return { ok: true, data: body };
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] === "conditions" ? `conditions.${String(issue.path[1] ?? "")}` : String(issue.path[0] ?? "");
    fields[key] ??= MESSAGES[key] ?? issue.message;
  }
  return { ok: false, fields };
}

export function RuleForm(props: { rule: RoutingRule | null; choices: RuleChoices; onSave: (body: ReturnType<typeof bodyOf>) => Promise<void>; onCancel: () => void; onForbidden: () => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(props.rule));
  const save = useSave({ onForbidden: props.onForbidden });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const f = save.failure.fields;
  const submit = (e: Event) => {
    e.preventDefault();
    void save.run(check(d), props.onSave);
  };
  const label = props.rule ? rs.editLabel(props.rule.name) : rs.add;
  return (
    <form class="settings-form routing-form" aria-label={label} noValidate onSubmit={submit}>
      <Field label={rs.name} error={f.name}>
        {(aria) => <input {...aria} name="rule-name" value={d.name} maxLength={80} onInput={(e) => set("name", e.currentTarget.value)} />}
      </Field>
      <Field label={rs.team} error={f.teamId}>
        {(aria) => (
          <select {...aria} name="rule-team" value={d.teamId} onChange={(e) => set("teamId", e.currentTarget.value)}>
            <option value="">{rs.chooseTeam}</option>
            {props.choices.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label class="routing-enabled">
        <input type="checkbox" name="rule-enabled" checked={d.enabled} onChange={(e) => set("enabled", e.currentTarget.checked)} /> {rs.enabled}
      </label>
      <Checkboxes legend={rs.inboxes} options={props.choices.inboxes.map((i) => ({ value: i.id, label: i.name }))} chosen={d.inboxIds} onChange={(v) => set("inboxIds", v)} />
      <Checkboxes legend={rs.channels} options={ChannelKind.options.map((k) => ({ value: k, label: rs.channelNames[k] }))} chosen={d.channels} onChange={(v) => set("channels", v)} />
      <Field label={rs.addresses} hint={rs.addressesHint} error={f["conditions.recipientAddresses"]}>
        {(aria) => <input {...aria} name="rule-addresses" value={d.addresses} onInput={(e) => set("addresses", e.currentTarget.value)} />}
      </Field>
      <Field label={rs.senderDomains} hint={rs.senderDomainsHint} error={f["conditions.senderDomains"]}>
        {(aria) => <input {...aria} name="rule-sender-domains" value={d.senderDomains} onInput={(e) => set("senderDomains", e.currentTarget.value)} />}
      </Field>
      <Field label={rs.keywords} hint={rs.keywordsHint} error={f["conditions.keywords"]}>
        {(aria) => <input {...aria} name="rule-keywords" value={d.keywords} onInput={(e) => set("keywords", e.currentTarget.value)} />}
      </Field>
      <Field label={rs.portalCategories} hint={rs.portalCategoriesHint} error={f["conditions.portalCategories"]}>
        {(aria) => <input {...aria} name="rule-portal-categories" value={d.portalCategories} onInput={(e) => set("portalCategories", e.currentTarget.value)} />}
      </Field>
      <Checkboxes legend={rs.tags} options={props.choices.tags.map((t) => ({ value: t.id, label: t.name }))} chosen={d.tagIds} onChange={(v) => set("tagIds", v)} />
      <Field label={rs.attributeKey} error={f["conditions.contactAttribute"]}>
        {(aria) => <input {...aria} name="rule-attribute-key" value={d.attributeKey} maxLength={64} onInput={(e) => set("attributeKey", e.currentTarget.value)} />}
      </Field>
      <Field label={rs.attributeValue}>
        {(aria) => <input {...aria} name="rule-attribute-value" value={d.attributeValue} maxLength={500} onInput={(e) => set("attributeValue", e.currentTarget.value)} />}
      </Field>
      <Field label={rs.hours}>
        {(aria) => (
          <select {...aria} name="rule-hours" value={d.hours} onChange={(e) => set("hours", e.currentTarget.value as Draft["hours"])}>
            <option value="">{rs.hoursAny}</option>
            <option value="inside">{rs.hoursInside}</option>
            <option value="outside">{rs.hoursOutside}</option>
          </select>
        )}
      </Field>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {rs.save}
        </button>
        <button type="button" onClick={props.onCancel}>
          {rs.cancel}
        </button>
      </div>
      <FormMessage message={f.conditions ?? save.failure.form} />
    </form>
  );
}
