/**
 * @module Settings → Inboxes: every inbox, a form to add another web chat inbox, and
 * for each web chat inbox its embed code (copyable at any time, not only after
 * creation) and its settings editor: name, look, greeting, expected reply time, away
 * message and business hours, pre-chat form, rating, identity verification.
 */
import { useState } from "preact/hooks";
import type { Inbox } from "../../worker/protocol";
import { ChannelIcon } from "../shared/channel-icon";
import { resetDirectory } from "../shared/use-directory";
import { CopyField } from "./copy-field";
import { Field, FormMessage } from "./form-field";
import { embedSnippet, inboxApi } from "./inbox-api";
import { InboxEditor } from "./inbox-editor";
import { s as is } from "./inbox-strings";
import { ListStatus, type SectionProps } from "./section-parts";
import { byName, useSettingsList } from "./use-settings-list";
import { useSave } from "./use-save";
import { s } from "./strings";
import "./inbox-settings.css";

export { embedSnippet };

export function InboxesSection(props: SectionProps) {
  const list = useSettingsList(inboxApi.list, byName((i: Inbox) => i.name), props.onForbidden);
  const [openId, setOpenId] = useState<string | null>(null);
  const saved = (inbox: Inbox) => {
    list.put(inbox);
    // Other screens (filters, the contact panel) name inboxes from the directory.
    resetDirectory();
  };
  return (
    <section class="settings-section" aria-labelledby="settings-inboxes-heading">
      <h2 id="settings-inboxes-heading">{s.inboxes.heading}</h2>
      <p class="muted">{is.intro}</p>
      <AddInbox
        onForbidden={props.onForbidden}
        onCreated={(inbox) => {
          saved(inbox);
          setOpenId(inbox.id);
          props.announce(is.created(inbox.name));
        }}
      />
      <ListStatus state={list.state} empty={s.inboxes.empty} onRetry={list.reload}>
        {(inboxes) => (
          <ul class="settings-list">
            {inboxes.map((inbox) => (
              <InboxRow
                key={inbox.id}
                inbox={inbox}
                open={openId === inbox.id}
                onToggle={() => setOpenId(openId === inbox.id ? null : inbox.id)}
                onSaved={(next) => {
                  saved(next);
                  props.announce(is.saved(next.name));
                }}
                onForbidden={props.onForbidden}
              />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function AddInbox(props: { onCreated: (inbox: Inbox) => void; onForbidden: () => void }) {
  const [name, setName] = useState("");
  const save = useSave({ onForbidden: props.onForbidden });
  const submit = (e: Event) => {
    e.preventDefault();
    const clean = name.trim();
    const checked = clean.length >= 1 && clean.length <= 120 ? { ok: true as const, data: clean } : { ok: false as const, fields: { name: is.nameInvalid } };
    void save.run(checked, async (value) => {
      props.onCreated(await inboxApi.create(value));
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

function InboxRow(props: { inbox: Inbox; open: boolean; onToggle: () => void; onSaved: (inbox: Inbox) => void; onForbidden: () => void }) {
  const { inbox } = props;
  const webchat = inbox.kind === "webchat" && inbox.publicKey;
  const editorId = `inbox-editor-${inbox.id}`;
  return (
    <li class="settings-row inbox-row">
      <div class="inbox-head">
        <strong>{inbox.name}</strong>
        <ChannelIcon channel={inbox.kind} labelled />
        <span class="muted">{s.inboxes.priority(inbox.priority)}</span>
        {webchat && (
          <span class="row-actions">
            <button type="button" aria-expanded={props.open} aria-controls={editorId} aria-label={is.configureLabel(inbox.name)} onClick={props.onToggle}>
              {props.open ? is.close : is.configure}
            </button>
          </span>
        )}
      </div>
      {webchat ? (
        <CopyField label={is.embed(inbox.name)} hint={is.embedHint} value={embedSnippet(location.origin, inbox.publicKey!)} class="inbox-snippet" />
      ) : (
        <p class="muted">{s.inboxes.noSnippet}</p>
      )}
      {webchat && props.open && (
        <div id={editorId}>
          <InboxEditor inbox={inbox} onSaved={props.onSaved} onForbidden={props.onForbidden} />
        </div>
      )}
    </li>
  );
}
