/**
 * @module One web chat inbox's settings form. The whole settings object is sent on save
 * (the API replaces it), starting from what is stored with the protocol's defaults, so
 * nothing the form does not show is lost. The identity secret has its own action
 * (identity-secret.tsx): it is made by the server and shown once, never saved from here.
 */
import { useState } from "preact/hooks";
import type { ExpectedReplyTime, Inbox, WebchatSettings } from "../../worker/protocol";
import { BusinessHoursField, hoursProblem } from "./business-hours-field";
import { ColourField } from "./colour-field";
import { Field, FormMessage } from "./form-field";
import { inboxApi, webchatSettings } from "./inbox-api";
import { s as is } from "./inbox-strings";
import { IdentitySecretPanel } from "./identity-secret";
import { ConsentCheckboxField } from "./consent-checkbox-field";
import { useSave } from "./use-save";
import { s } from "./strings";

const HEX = /^#[0-9a-fA-F]{6}$/;
const MAX_TEXT = 500;
const REPLY_TIMES = ["none", "minutes", "hours", "day"] as const;

export function InboxEditor(props: { inbox: Inbox; onSaved: (inbox: Inbox) => void; onForbidden: () => void }) {
  const [name, setName] = useState(props.inbox.name);
  const [settings, setSettings] = useState<WebchatSettings>(() => webchatSettings(props.inbox));
  const save = useSave({ onForbidden: props.onForbidden });
  const set = <K extends keyof WebchatSettings>(key: K, value: WebchatSettings[K]) => setSettings((prev) => ({ ...prev, [key]: value }));
  const setPrechat = (change: Partial<WebchatSettings["preChatForm"]>) => set("preChatForm", { ...settings.preChatForm, ...change });
  const errors = save.failure.fields;

  const submit = (e: Event) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const clean = name.trim();
    if (clean.length < 1 || clean.length > 120) fields.name = is.nameInvalid;
    if (!HEX.test(settings.color)) fields.color = s.tags.colorInvalid;
    if (settings.greeting.length > MAX_TEXT) fields.greeting = is.textTooLong;
    if (settings.awayMessage.length > MAX_TEXT) fields.awayMessage = is.textTooLong;
    if (hoursProblem(settings.businessHours)) fields.businessHours = is.hoursInvalid;
    const checked = Object.keys(fields).length ? { ok: false as const, fields } : { ok: true as const, data: { name: clean, settings } };
    void save.run(checked, async (body) => props.onSaved(await inboxApi.update(props.inbox.id, body)));
  };

  const replyTime = settings.expectedReplyTime ?? "none";
  return (
    <div class="inbox-editor">
      <form class="settings-form inbox-form" aria-label={is.editorLabel(props.inbox.name)} noValidate onSubmit={submit}>
        <Field label={is.name} error={errors.name}>
          {(aria) => <input {...aria} name="name" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>

        <fieldset class="inbox-group">
          <legend>{is.look}</legend>
          <ColourField value={settings.color} error={errors.color} onChange={(hex) => set("color", hex)} />
          <fieldset class="inline-choices">
            <legend>{is.position}</legend>
            {(["right", "left"] as const).map((side) => (
              <label key={side}>
                <input type="radio" name={`position-${props.inbox.id}`} checked={settings.position === side} onChange={() => set("position", side)} /> {is.positions[side]}
              </label>
            ))}
          </fieldset>
        </fieldset>

        <fieldset class="inbox-group">
          <legend>{is.opening}</legend>
          <Field label={is.greeting} hint={is.greetingHint} error={errors.greeting}>
            {(aria) => <textarea {...aria} name="greeting" rows={2} value={settings.greeting} onInput={(e) => set("greeting", e.currentTarget.value)} />}
          </Field>
          <Field label={is.replyTime}>
            {(aria) => (
              <select
                {...aria}
                name="expectedReplyTime"
                value={replyTime}
                onChange={(e) => {
                  const value = e.currentTarget.value as (typeof REPLY_TIMES)[number];
                  set("expectedReplyTime", value === "none" ? null : (value as ExpectedReplyTime));
                }}
              >
                {REPLY_TIMES.map((when) => (
                  <option key={when} value={when}>
                    {is.replyTimes[when]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset class="inbox-group">
          <legend>{is.hours}</legend>
          <Field label={is.away} hint={is.awayHint} error={errors.awayMessage}>
            {(aria) => <textarea {...aria} name="awayMessage" rows={2} value={settings.awayMessage} onInput={(e) => set("awayMessage", e.currentTarget.value)} />}
          </Field>
          <BusinessHoursField name={props.inbox.id} value={settings.businessHours} error={errors.businessHours} onChange={(hours) => set("businessHours", hours)} />
        </fieldset>

        <fieldset class="inbox-group">
          <legend>{is.prechat}</legend>
          <Check label={is.prechatEnabled} checked={settings.preChatForm.enabled} onChange={(enabled) => setPrechat({ enabled })} />
          <Check label={is.requireEmail} checked={settings.preChatForm.requireEmail} disabled={!settings.preChatForm.enabled} onChange={(requireEmail) => setPrechat({ requireEmail })} />
          <Check label={is.askPhone} checked={settings.preChatForm.askPhone ?? false} disabled={!settings.preChatForm.enabled} onChange={(askPhone) => setPrechat({ askPhone })} />
          <ConsentCheckboxField value={settings.preChatForm.consent} disabled={!settings.preChatForm.enabled} error={errors.settings} onChange={(consent) => setPrechat({ consent })} />
          <Check label={is.csat} checked={settings.csat} onChange={(csat) => set("csat", csat)} />
          <Check label={is.requireIdentity} checked={settings.requireIdentity} onChange={(on) => set("requireIdentity", on)} />
        </fieldset>

        <FormMessage message={save.failure.form} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={save.busy}>
            {save.busy ? s.saving : is.save}
          </button>
        </div>
      </form>
      <IdentitySecretPanel inbox={props.inbox} onRotated={props.onSaved} onForbidden={props.onForbidden} />
    </div>
  );
}

function Check(props: { label: string; checked: boolean; disabled?: boolean; onChange: (on: boolean) => void }) {
  return (
    <label class="check">
      <input type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.checked)} /> {props.label}
    </label>
  );
}
