/**
 * @module A provider channel's setup form (WhatsApp, Messenger, Instagram), to create an
 * inbox or change one: its name, its settings, and its credentials as write-only password
 * fields. A saved credential is never sent to the browser: its field starts empty, with
 * "•••• 1234" from the hint as placeholder, and an empty field keeps what is saved. The
 * verify token can be generated here, at random. The values are checked against the
 * protocol's schemas before any request; the server's complaints land beside their field.
 */
import { useState } from "preact/hooks";
import { INBOX_KINDS, type CreateInboxBody, type Inbox } from "../../worker/protocol";
import { ApiError } from "../api";
import { s as listStrings } from "../list/strings";
import { CHANNEL_FORMS, initialValues, randomVerifyToken, settingsOf, type FormValues, type ProviderKind, type SecretKey, type SettingField } from "./channel-fields";
import { s as cs } from "./channel-strings";
import { Field, FormMessage } from "./form-field";
import { saveFailure, type FieldErrors } from "./form-errors";
import { inboxApi } from "./inbox-api";
import { s as is } from "./inbox-strings";
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
    const problems = check(kind, name, settings, sent, inbox === undefined);
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
      setFormError(Object.keys(placed).length ? s.fixFields : failed.form);
    } finally {
      setBusy(false);
    }
  };

  const label = inbox ? cs.editorLabel(inbox.name) : cs.newLabel(channel);
  return (
    <form class="settings-form inbox-form channel-form" aria-label={label} noValidate onSubmit={submit}>
      <Field label={cs.name} error={fields.name}>
        {(aria) => <input {...aria} name="name" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>

      <fieldset class="inbox-group">
        <legend>{cs.account}</legend>
        {form.settings.map((field) => (
          <SettingInput key={field.key} field={field} value={values[field.key]} error={fields[field.key]} onChange={(v) => setValues((prev) => ({ ...prev, [field.key]: v }))} />
        ))}
      </fieldset>

      <fieldset class="inbox-group">
        <legend>{cs.credentials}</legend>
        <p class="muted group-intro">{cs.credentialsIntro}</p>
        {form.secrets.map((key) => {
          const hint = inbox?.credentials[key];
          return (
            <Field key={key} label={cs.secrets[key]} hint={cs.secretHints[key]} error={fields[key]}>
              {(aria) => (
                <div class="secret-row">
                  <input
                    {...aria}
                    type="password"
                    name={key}
                    autoComplete="new-password"
                    spellcheck={false}
                    value={secrets[key] ?? ""}
                    placeholder={hint?.set ? cs.savedPlaceholder(hint.last4) : ""}
                    onInput={(e) => setSecrets((prev) => ({ ...prev, [key]: e.currentTarget.value }))}
                  />
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
          );
        })}
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

function SettingInput(props: { field: SettingField; value: string | boolean | undefined; error?: string; onChange: (value: string | boolean) => void }) {
  const { field } = props;
  if (field.type === "check") {
    return (
      <label class="check">
        <input type="checkbox" name={field.key} checked={props.value === true} onChange={(e) => props.onChange(e.currentTarget.checked)} /> {cs.fields[field.key]}
      </label>
    );
  }
  const hint = (cs.hints as Partial<Record<string, string>>)[field.key];
  return (
    <Field label={cs.fields[field.key]} hint={hint} error={props.error}>
      {(aria) => (
        <input
          {...aria}
          name={field.key}
          inputMode={field.type === "text" ? undefined : "numeric"}
          value={String(props.value ?? "")}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The form's own check, against the protocol's schemas, with a message per field in the
 * console's language. A new inbox needs every credential; a saved one none. */
function check(kind: ProviderKind, name: string, settings: Record<string, unknown>, secrets: Secrets, creating: boolean): FieldErrors {
  const fields: FieldErrors = {};
  const clean = name.trim();
  if (clean.length < 1 || clean.length > 120) fields.name = is.nameInvalid;
  const parsed = INBOX_KINDS[kind].settings.safeParse(settings);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const key = String(issue.path[0] ?? "");
    const field = CHANNEL_FORMS[kind].settings.find((f) => f.key === key);
    if (!field || fields[key]) continue;
    const empty = settings[key] === "" || settings[key] === null;
    fields[key] = field.type === "hours" ? cs.hoursInvalid : field.type === "text" ? cs.textTooLong : empty ? cs.required : cs.numericId;
  }
  if (creating) for (const key of CHANNEL_FORMS[kind].secrets) if (!secrets[key]) fields[key] = cs.required;
  return fields;
}

/** The server's issues by the form's field names: `settings.phoneNumberId` and
 * `credentials.appSecret` land beside their inputs, `name` beside the name. */
function fieldsOf(err: ApiError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    const [head, key] = issue.path.map(String);
    const field = (head === "settings" || head === "credentials") && key ? key : head;
    if (field && field !== "settings" && field !== "credentials") fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
  }
  return fields;
}
