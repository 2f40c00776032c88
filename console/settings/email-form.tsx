/**
 * @module An e-mail inbox's form, to create one or change it: name, team, its addresses
 * (one per line), a catch-all domain, the sender name, the signature, whether list mail
 * is automatic, the reopen window, and per address the team its mail goes to. E-mail
 * has no credentials (Cloudflare hands the Worker its mail), so this is not the
 * provider channel form. Values are checked against the protocol's EmailSettings before
 * any request (email-check.ts); the server's complaints land beside their field.
 */
import { useEffect, useState } from "preact/hooks";
import type { Inbox, Team } from "../../worker/protocol";
import { ApiError } from "../api";
import { Field, FormMessage } from "./form-field";
import { saveFailure, type FieldErrors } from "./form-errors";
import { checkEmailInbox, emailFormValues, serverFields, validAddresses, type EmailFormValues } from "./email-check";
import { m } from "./email-strings";
import { inboxApi } from "./inbox-api";
import { s } from "./strings";

export function EmailForm(props: { inbox?: Inbox; onSaved: (inbox: Inbox) => void; onForbidden: () => void }) {
  const { inbox } = props;
  const [values, setValues] = useState<EmailFormValues>(() => emailFormValues(inbox));
  const [teams, setTeams] = useState<readonly Team[]>([]);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EmailFormValues>(key: K, value: EmailFormValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));

  useEffect(() => {
    let live = true;
    // Without the team list the form still works: mail goes to the inbox's team.
    inboxApi.teams().then((list) => live && setTeams(list), () => {});
    return () => void (live = false);
  }, []);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const checked = checkEmailInbox(values);
    setFormError(null);
    if (!checked.ok) return setFields(checked.fields);
    setFields({});
    setBusy(true);
    try {
      const saved = inbox
        ? await inboxApi.update(inbox.id, { name: checked.name, teamId: checked.teamId, settings: checked.settings })
        : await inboxApi.create({ kind: "email", name: checked.name, ...(checked.teamId ? { teamId: checked.teamId } : {}), settings: checked.settings });
      props.onSaved(saved);
      if (!inbox) setValues(emailFormValues());
    } catch (err) {
      const failed = saveFailure(err);
      if (failed.forbidden) props.onForbidden();
      const placed = serverFields(err);
      setFields(placed);
      setFormError(Object.keys(placed).length ? s.fixFields : err instanceof ApiError && err.status === 409 ? err.message : failed.form);
    } finally {
      setBusy(false);
    }
  };

  const routable = validAddresses(values.addresses);
  return (
    <form class="settings-form inbox-form email-form" aria-label={inbox ? m.editorLabel(inbox.name) : m.formLabel} noValidate onSubmit={(ev) => void submit(ev)}>
      <Field label={m.name} error={fields.name}>
        {(aria) => <input {...aria} name="name" value={values.name} maxLength={120} onInput={(ev) => set("name", ev.currentTarget.value)} />}
      </Field>
      <Field label={m.team} error={fields.teamId}>
        {(aria) => (
          <select {...aria} name="teamId" value={values.teamId} onChange={(ev) => set("teamId", ev.currentTarget.value)}>
            <option value="">{m.teamDefault}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={m.addresses} hint={m.addressesHint} error={fields.addresses}>
        {(aria) => <textarea {...aria} name="addresses" rows={3} spellcheck={false} value={values.addresses} onInput={(ev) => set("addresses", ev.currentTarget.value)} />}
      </Field>
      <Field label={m.catchAll} hint={m.catchAllHint} error={fields.catchAllDomain}>
        {(aria) => <input {...aria} name="catchAllDomain" spellcheck={false} value={values.catchAllDomain} onInput={(ev) => set("catchAllDomain", ev.currentTarget.value)} />}
      </Field>
      <Field label={m.displayName} hint={m.displayNameHint} error={fields.displayName}>
        {(aria) => <input {...aria} name="displayName" value={values.displayName} onInput={(ev) => set("displayName", ev.currentTarget.value)} />}
      </Field>
      <Field label={m.signature} hint={m.signatureHint} error={fields.signature}>
        {(aria) => <textarea {...aria} name="signature" rows={3} value={values.signature} onInput={(ev) => set("signature", ev.currentTarget.value)} />}
      </Field>
      <label class="check">
        <input type="checkbox" name="listMailIsAutomatic" checked={values.listMailIsAutomatic} onChange={(ev) => set("listMailIsAutomatic", ev.currentTarget.checked)} /> {m.listMail}
      </label>
      <Field label={m.reopen} error={fields.reopenWindowHours}>
        {(aria) => <input {...aria} name="reopenWindowHours" inputMode="numeric" value={values.reopenWindowHours} onInput={(ev) => set("reopenWindowHours", ev.currentTarget.value)} />}
      </Field>

      {routable.length > 0 && (
        <fieldset class="inbox-group email-routing">
          <legend>{m.routing}</legend>
          <p class="muted group-intro">{m.routingIntro}</p>
          {routable.map((address) => (
            <Field key={address} label={m.routeTo(address)}>
              {(aria) => (
                <select {...aria} value={values.addressTeams[address] ?? ""} onChange={(ev) => set("addressTeams", { ...values.addressTeams, [address]: ev.currentTarget.value })}>
                  <option value="">{m.inboxTeam}</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          {fields.addressTeams && <p class="field-error">{fields.addressTeams}</p>}
        </fieldset>
      )}

      <FormMessage message={formError} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? s.saving : inbox ? m.save : m.create}
        </button>
      </div>
    </form>
  );
}
