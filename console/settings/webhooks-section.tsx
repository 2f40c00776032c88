/**
 * @module Settings → Webhooks (admins): the outbound webhook endpoints. Add one (URL,
 * events, notes opt-in; the signing secret is shown once, then never again), turn it off
 * and on, roll its secret, delete it, and read its delivery log. A banner says when the
 * outbox disabled an endpoint after 24 hours of failures.
 */
import { useEffect, useState } from "preact/hooks";
import { CreateWebhookBody, WebhookEventName, type WebhookEndpoint } from "../../worker/protocol";
import { formatDateTime } from "../conversation/format";
import { CopyField } from "./copy-field";
import { Field } from "./form-field";
import { checkFields } from "./form-errors";
import { DeleteButton } from "./section-parts";
import type { SectionProps } from "./section-parts";
import { useSave } from "./use-save";
import { WebhookLog } from "./webhook-log";
import { webhookWords as t } from "./webhook-strings";
import { webhooksApi } from "./webhooks-api";

export function WebhooksSection(props: SectionProps) {
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | null>(null);
  const [secret, setSecret] = useState<{ endpointId: string; value: string } | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const save = useSave({ uniqueField: "url", onForbidden: props.onForbidden });

  const reload = async () => setEndpoints(await webhooksApi.list());
  useEffect(() => void reload().catch(() => setEndpoints([])), []);

  const replace = (e: WebhookEndpoint) => setEndpoints((list) => (list ?? []).map((x) => (x.id === e.id ? e : x)));
  const act = (action: () => Promise<void>) => save.run({ ok: true, data: null }, action);
  const failing = (endpoints ?? []).filter((e) => e.status === "disabled" && e.disabledReason === "failing");

  return (
    <section aria-labelledby="webhooks-heading" class="webhooks-section">
      <h2 id="webhooks-heading">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      {failing.length > 0 && (
        <p role="alert" class="settings-notice webhook-banner">
          {t.banner(failing.length)}
        </p>
      )}
      {secret && (
        <div class="webhook-secret" role="region" aria-label={t.secretOnce}>
          <CopyField label={t.secretOnce} value={secret.value} rows={1} />
          <button type="button" onClick={() => setSecret(null)}>
            {t.secretDone}
          </button>
        </div>
      )}
      {save.failure.form && (
        <p role="alert" class="form-error">
          {save.failure.form}
        </p>
      )}
      {endpoints !== null && endpoints.length === 0 && <p class="muted">{t.empty}</p>}
      <ul class="webhook-list">
        {(endpoints ?? []).map((e) => (
          <li key={e.id} data-endpoint={e.id}>
            <div class="webhook-row">
              <code class="webhook-url">{e.url}</code>
              <span class={`webhook-state webhook-state-${e.status}`}>{e.status === "active" ? t.active : t.disabled}</span>
            </div>
            {e.status === "disabled" && <p class="muted">{(e.disabledReason === "failing" ? t.disabledFailing : t.disabledAdmin)(formatDateTime(e.disabledSince ?? e.createdAt))}</p>}
            <p class="muted">{e.events.join(", ")}</p>
            <div class="webhook-actions">
              {e.enabled ? (
                <button type="button" onClick={() => act(async () => replace(await webhooksApi.update(e.id, { enabled: false })))}>
                  {t.disable}
                </button>
              ) : (
                <button type="button" onClick={() => act(async () => replace(await webhooksApi.enable(e.id)))}>
                  {t.enable}
                </button>
              )}
              <button
                type="button"
                onClick={() =>
                  act(async () => {
                    const rolled = await webhooksApi.rollSecret(e.id);
                    setSecret({ endpointId: e.id, value: rolled.secret });
                    props.announce(t.rolled);
                  })
                }
              >
                {t.rollSecret}
              </button>
              <button type="button" aria-expanded={openLog === e.id} onClick={() => setOpenLog(openLog === e.id ? null : e.id)}>
                {openLog === e.id ? t.hideLog : t.showLog}
              </button>
              <DeleteButton
                name={e.url}
                label={`${t.heading}: ${e.url}`}
                onConfirm={async () => {
                  try {
                    await webhooksApi.remove(e.id);
                    setEndpoints((list) => (list ?? []).filter((x) => x.id !== e.id));
                    return true;
                  } catch {
                    return false;
                  }
                }}
              />
            </div>
            {openLog === e.id && <WebhookLog endpointId={e.id} announce={props.announce} />}
          </li>
        ))}
      </ul>
      <AddEndpointForm
        save={save}
        onCreated={(endpoint, value) => {
          setEndpoints((list) => [...(list ?? []), endpoint]);
          setSecret({ endpointId: endpoint.id, value });
          props.announce(t.created);
        }}
      />
    </section>
  );
}

function AddEndpointForm(props: { save: ReturnType<typeof useSave>; onCreated: (e: WebhookEndpoint, secret: string) => void }) {
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventName[]>(["message.created"]);
  const [includeNotes, setIncludeNotes] = useState(false);
  const { save } = props;
  const fields = save.failure.fields;

  const submit = (e: Event) => {
    e.preventDefault();
    // The protocol's own body, checked before any request: the browser refuses what the server would.
    const checked = checkFields(CreateWebhookBody, { url, events, includeNotes }, { url: t.urlInvalid, events: t.eventsInvalid });
    void save.run(checked, async (body) => {
      const made = await webhooksApi.create(body);
      props.onCreated(made.endpoint, made.secret);
      setUrl("");
    });
  };
  const toggle = (name: WebhookEventName, on: boolean) => setEvents((list) => (on ? [...list.filter((x) => x !== name), name] : list.filter((x) => x !== name)));

  return (
    <form aria-label={t.add} onSubmit={submit} class="webhook-form">
      <Field label={t.url} hint={t.urlHint} error={fields.url}>
        {(aria) => <input {...aria} type="url" inputMode="url" value={url} maxLength={2048} autoComplete="off" placeholder="https://" onInput={(ev) => setUrl(ev.currentTarget.value)} />}
      </Field>
      <fieldset>
        <legend>{t.events}</legend>
        {WebhookEventName.options.map((name) => (
          <label key={name} class="check">
            <input type="checkbox" checked={events.includes(name)} onChange={(ev) => toggle(name, ev.currentTarget.checked)} /> <code>{t.eventNames[name]}</code>
          </label>
        ))}
        {fields.events && (
          <p role="alert" class="field-error">
            {fields.events}
          </p>
        )}
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={includeNotes} onChange={(ev) => setIncludeNotes(ev.currentTarget.checked)} /> {t.includeNotes}
      </label>
      <button type="submit" disabled={save.busy}>
        {t.add}
      </button>
    </form>
  );
}
