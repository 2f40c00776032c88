/**
 * @module The API channel's form: a new inbox (name and reply URL), or an existing one's
 * URL; and its signing secret, shown once, right after the inbox is made or when the
 * admin asks for a new one. User text is rendered as text only.
 */
import { useState } from "preact/hooks";
import { ApiChannelSettings, type Inbox } from "../../worker/protocol";
import { CopyField } from "./copy-field";
import { Field, FormMessage } from "./form-field";
import { inboxApi } from "./inbox-api";
import { useSave } from "./use-save";
import { as } from "./api-inbox-strings";

export function ApiInboxForm(props: { inbox?: Inbox; onSaved: (inbox: Inbox) => void; onForbidden: () => void }) {
  const { inbox } = props;
  const stored = inbox ? ApiChannelSettings.safeParse(inbox.settings) : null;
  const [name, setName] = useState(inbox?.name ?? "");
  const [url, setUrl] = useState(stored?.success ? stored.data.url : "");
  const [secret, setSecret] = useState<string | null>(null);
  const save = useSave({ onForbidden: props.onForbidden });
  const roll = useSave({ onForbidden: props.onForbidden });

  const submit = (e: Event) => {
    e.preventDefault();
    const cleanName = name.trim();
    const settings = ApiChannelSettings.safeParse({ ...(stored?.success ? stored.data : {}), url: url.trim() });
    const fields: Record<string, string> = {};
    if (!inbox && (cleanName.length < 1 || cleanName.length > 120)) fields.name = as.nameInvalid;
    if (!settings.success || !settings.data.url.startsWith("https://")) fields.url = as.urlInvalid;
    const checked = Object.keys(fields).length === 0 && settings.success ? { ok: true as const, data: settings.data } : { ok: false as const, fields };
    void save.run(checked, async (data) => {
      if (inbox) {
        props.onSaved(await inboxApi.update(inbox.id, { settings: data }));
        return;
      }
      const created = await inboxApi.create({ kind: "api", name: cleanName, settings: data });
      // The secret exists from the create on; this is the one time it is shown.
      setSecret((await inboxApi.rollApiSecret(created.id)).secret);
      props.onSaved(created);
    });
  };

  const newSecret = () => {
    if (!inbox || !confirm(as.rollConfirm)) return;
    void roll.run({ ok: true, data: inbox.id }, async (id) => setSecret((await inboxApi.rollApiSecret(id)).secret));
  };

  return (
    <div class="api-inbox">
      <form class="settings-form" aria-label={inbox ? as.save : as.create} noValidate onSubmit={submit}>
        {!inbox && (
          <Field label={as.name} error={save.failure.fields.name}>
            {(aria) => <input {...aria} name="api-inbox-name" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
        )}
        <Field label={as.url} hint={as.urlHint} error={save.failure.fields.url ?? save.failure.fields["settings.url"]}>
          {(aria) => <input {...aria} name="api-inbox-url" type="url" inputMode="url" value={url} maxLength={2048} onInput={(e) => setUrl(e.currentTarget.value)} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={save.busy}>
            {inbox ? as.save : as.create}
          </button>
          {inbox && (
            <button type="button" disabled={roll.busy} onClick={newSecret}>
              {as.rollSecret}
            </button>
          )}
        </div>
        <FormMessage message={save.failure.form ?? roll.failure.form} />
      </form>
      {secret && <CopyField label={as.secret} hint={as.secretHint} value={secret} rows={1} class="api-secret" />}
      {inbox && <p class="muted">{as.inbound(`/api/v1/inboxes/${inbox.id}/messages`)}</p>}
    </div>
  );
}
