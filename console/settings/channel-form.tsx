/**
 * @module A provider channel's setup form (WhatsApp, Messenger, Instagram, Telegram,
 * Twilio), to create an inbox or change one: its name, its settings, and its credentials
 * as write-only fields. A saved credential is never sent to the browser: its field starts
 * empty, with "•••• 1234" from the hint as placeholder, and an empty field keeps what is
 * saved. Meta's verify token can be generated here, at random. The values are checked
 * against the protocol's schemas before any request (channel-check.ts); the server's
 * complaints land beside their field, and a provider's refusal (Telegram refusing the
 * bot token: 422 provider_refused, nothing saved) above the button in its own words.
 */
import { useState } from "preact/hooks";
import type { CreateInboxBody, Inbox } from "../../worker/protocol";
import { ApiError } from "../api";
import { s as listStrings } from "../list/strings";
import { checkChannel, fieldsOf } from "./channel-check";
import { CHANNEL_FORMS, PLAIN_SECRETS, initialValues, randomVerifyToken, settingsOf, type FormValues, type ProviderKind, type SecretKey } from "./channel-fields";
import { SettingInput } from "./channel-inputs";
import { s as cs } from "./channel-strings";
import { Field, FormMessage } from "./form-field";
import { saveFailure, type FieldErrors } from "./form-errors";
import { inboxApi } from "./inbox-api";
import { s } from "./strings";

type Secrets = Partial<Record<SecretKey, string>>;

export function ChannelForm(props: { kind: ProviderKind; inbox?: Inbox; onSaved: (inbox: Inbox, verifyToken: string | null) => void; onForbidden: () => void }) {
  const { kind, inbox } = props;
  const form = CHANNEL_FORMS[kind];
  const [name, setName] = useState(inbox?.name ?? "");
  const [values, setValues] = useState<FormValues>(() => initialValues(kind, inbox));
  const [secrets, setSecrets] = useState<Secrets>({});
  const [generated, setGenerated] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const channel = listStrings.channels[kind];

  const submit = async (e: Event) => {
    e.preventDefault();
    const settings = settingsOf(kind, values);
    const sent = Object.fromEntries(form.secrets.map((key) => [key, secrets[key]?.trim() ?? ""]).filter(([, v]) => v !== "")) as Secrets;
    const problems = checkChannel(kind, name, settings, sent, inbox === undefined);
    setFields(problems);
    setFormError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const saved = inbox
        ? await inboxApi.update(inbox.id, { name: name.trim(), settings, ...(Object.keys(sent).length ? { credentials: sent } : {}) })
        : // Checked against INBOX_KINDS[kind] above; TypeScript cannot pair `kind` with its shapes.
          await inboxApi.create({ kind, name: name.trim(), settings, credentials: sent } as CreateInboxBody);
      setSecrets({});
      setGenerated(false);
      props.onSaved(saved, sent.verifyToken ?? null);
    } catch (err) {
      const failed = saveFailure(err);
      if (failed.forbidden) props.onForbidden();
      const placed = err instanceof ApiError ? fieldsOf(err) : {};
      setFields(placed);
      // The provider's own words (the server's message quotes them), named as the provider.
      if (err instanceof ApiError && err.code === "provider_refused") setFormError(cs.providerRefused(channel, err.message));
      else setFormError(Object.keys(placed).length ? s.fixFields : failed.form);
    } finally {
      setBusy(false);
    }
  };

  const label = inbox ? cs.editorLabel(inbox.name) : cs.newLabel(channel);
  const advanced = form.settings.filter((f) => f.advanced);
  // Open from the start when a saved value is there, so whoever edits next sees it; after
  // that the admin's own opening and closing stands (only an error there opens it).
  const [advancedOpen] = useState(() => advanced.some((f) => values[f.key]));
  const secretProps = (key: SecretKey) => {
    const hint = inbox?.credentials[key];
    return {
      name: key,
      spellcheck: false,
      value: secrets[key] ?? "",
      placeholder: hint?.set ? cs.savedPlaceholder(hint.last4) : "",
      onInput: (e: { currentTarget: HTMLInputElement }) => setSecrets((prev) => ({ ...prev, [key]: e.currentTarget.value })),
    };
  };
  const input = (field: (typeof form.settings)[number]) => (
    <SettingInput key={field.key} field={field} value={values[field.key]} error={fields[field.key]} onChange={(v) => setValues((prev) => ({ ...prev, [field.key]: v }))} />
  );
  return (
    <form class="settings-form inbox-form channel-form" aria-label={label} noValidate onSubmit={submit}>
      <Field label={cs.name} error={fields.name}>
        {(aria) => <input {...aria} name="name" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>

      <fieldset class="inbox-group">
        <legend>{cs.account}</legend>
        {form.settings.filter((f) => !f.advanced).map(input)}
        {advanced.length > 0 && (
          <details class="advanced-settings" open={advancedOpen || advanced.some((f) => fields[f.key])}>
            <summary>{cs.advanced}</summary>
            {advanced.map(input)}
          </details>
        )}
      </fieldset>

      <fieldset class="inbox-group">
        <legend>{cs.credentials}</legend>
        <p class="muted group-intro">{cs.credentialsIntro}</p>
        {form.secrets.map((key) => (
          <Field key={key} label={cs.secrets[key]} hint={cs.secretHints[key]} error={fields[key]}>
            {(aria) => (
              <div class="secret-row">
                {PLAIN_SECRETS.includes(key) ? (
                  <input {...aria} {...secretProps(key)} type="text" autoComplete="off" />
                ) : (
                  <input {...aria} {...secretProps(key)} type="password" autoComplete="new-password" />
                )}
                {key === "verifyToken" && (
                  <button
                    type="button"
                    aria-label={cs.generateLabel}
                    onClick={() => {
                      setSecrets((prev) => ({ ...prev, verifyToken: randomVerifyToken() }));
                      setGenerated(true);
                    }}
                  >
                    {cs.generate}
                  </button>
                )}
              </div>
            )}
          </Field>
        ))}
        {generated && (
          <p role="status" class="muted group-intro">
            {cs.generated}
          </p>
        )}
      </fieldset>

      <FormMessage message={formError} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? s.saving : inbox ? cs.save : cs.create(channel)}
        </button>
      </div>
    </form>
  );
}
