/**
 * @module "New inbox": the admin picks the channel — web chat, WhatsApp, Messenger,
 * Instagram, Telegram, Twilio (SMS, MMS, WhatsApp) or e-mail — and fills in its form
 * (e-mail has its own: addresses and routing, no credentials, email-form.tsx). A web chat inbox needs only a name (its settings
 * have defaults and an editor of their own); a provider channel needs its account ids
 * and credentials up front (channel-form.tsx), since nothing works without them.
 */
import { useState } from "preact/hooks";
import type { Inbox } from "../../worker/protocol";
import { s as listStrings } from "../list/strings";
import { ChannelIcon } from "../shared/channel-icon";
import { ChannelForm } from "./channel-form";
import { EmailForm } from "./email-form";
import { ApiInboxForm } from "./api-inbox-form";
import { as } from "./api-inbox-strings";
import { m as ms } from "./email-strings";
import { PROVIDER_KINDS, type ProviderKind } from "./channel-fields";
import { s as cs } from "./channel-strings";
import { Field, FormMessage } from "./form-field";
import { inboxApi } from "./inbox-api";
import { s as is } from "./inbox-strings";
import { useSave } from "./use-save";

type NewKind = "webchat" | ProviderKind | "email" | "api";
const KINDS: readonly NewKind[] = ["webchat", ...PROVIDER_KINDS, "email", "api"];

/** `verifyToken`: the one a new provider inbox was saved with, to show once. */
export function AddInbox(props: { onCreated: (inbox: Inbox, verifyToken: string | null) => void; onForbidden: () => void }) {
  const [kind, setKind] = useState<NewKind>("webchat");
  return (
    <section class="add-inbox" aria-labelledby="add-inbox-heading">
      <h3 id="add-inbox-heading">{cs.newInbox}</h3>
      <fieldset class="kind-choices">
        <legend>{cs.kind}</legend>
        {KINDS.map((k) => (
          <label key={k} class={`kind-choice ${kind === k ? "kind-choice--on" : ""}`}>
            <input type="radio" name="new-inbox-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <ChannelIcon channel={k} size={18} />
            <span class="kind-name">{listStrings.channels[k]}</span>
            <small class="muted">{k === "email" ? ms.kindHint : k === "api" ? as.kindHint : cs.kindHints[k]}</small>
          </label>
        ))}
      </fieldset>
      {kind === "webchat" ? (
        <AddWebchat onCreated={(inbox) => props.onCreated(inbox, null)} onForbidden={props.onForbidden} />
      ) : kind === "api" ? (
        // Stays open after the save: it shows the signing secret, once.
        <ApiInboxForm onSaved={(inbox) => props.onCreated(inbox, null)} onForbidden={props.onForbidden} />
      ) : kind === "email" ? (
        <EmailForm onSaved={(inbox) => props.onCreated(inbox, null)} onForbidden={props.onForbidden} />
      ) : (
        // Keyed by kind: switching channels starts from that kind's empty form.
        <ChannelForm key={kind} kind={kind} onSaved={props.onCreated} onForbidden={props.onForbidden} />
      )}
    </section>
  );
}

function AddWebchat(props: { onCreated: (inbox: Inbox) => void; onForbidden: () => void }) {
  const [name, setName] = useState("");
  const save = useSave({ onForbidden: props.onForbidden });
  const submit = (e: Event) => {
    e.preventDefault();
    const clean = name.trim();
    const checked = clean.length >= 1 && clean.length <= 120 ? { ok: true as const, data: clean } : { ok: false as const, fields: { name: is.nameInvalid } };
    void save.run(checked, async (value) => {
      props.onCreated(await inboxApi.create({ kind: "webchat", name: value }));
      setName("");
    });
  };
  return (
    <form class="settings-form settings-form--inline" aria-label={is.add} noValidate onSubmit={submit}>
      <Field label={is.addName} hint={is.addHint} error={save.failure.fields.name}>
        {(aria) => <input {...aria} name="inbox-name" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {is.add}
        </button>
      </div>
      <FormMessage message={save.failure.form} />
    </form>
  );
}
