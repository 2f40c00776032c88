/**
 * @module Settings → Inboxes: every inbox, "New inbox" (add-inbox.tsx: web chat or a
 * provider channel), and per inbox what it needs. A web chat inbox: its embed code
 * (copyable at any time, not only after creation) and its settings editor (name, look,
 * greeting, expected reply time, away message and business hours, pre-chat form, rating,
 * identity verification). A provider channel inbox (WhatsApp, Messenger, Instagram,
 * Telegram, Twilio): its webhook URL and its channel editor (settings, write-only
 * credentials, what to do at the provider, connection test). An e-mail inbox: its form
 * (addresses, routing by address) and the steps at Cloudflare (email-steps.tsx).
 */
import { useState } from "preact/hooks";
import type { Inbox } from "../../worker/protocol";
import { ChannelIcon } from "../shared/channel-icon";
import { resetDirectory } from "../shared/use-directory";
import { AddInbox } from "./add-inbox";
import { webhookLabel, webhookUrlOf } from "./at-provider";
import { ChannelEditor } from "./channel-editor";
import { isProviderKind } from "./channel-fields";
import { s as cs } from "./channel-strings";
import { CopyField } from "./copy-field";
import { embedSnippet, inboxApi } from "./inbox-api";
import { InboxEditor } from "./inbox-editor";
import { EmailForm } from "./email-form";
import { ApiInboxForm } from "./api-inbox-form";
import { BotSection } from "./bot-section";
import { RetentionSection } from "./retention-section";
import { AgentBotSection } from "./agent-bot-section";
import { EmailSteps } from "./email-steps";
import { m as ms } from "./email-strings";
import { EmailSettings } from "../../worker/protocol";
import { s as is } from "./inbox-strings";
import { ListStatus, type SectionProps } from "./section-parts";
import { byName, useSettingsList } from "./use-settings-list";
import { s } from "./strings";
import { s as ts } from "./twilio-telegram-strings";
import "./inbox-settings.css";

export { embedSnippet };

export function InboxesSection(props: SectionProps) {
  const list = useSettingsList(inboxApi.list, byName((i: Inbox) => i.name), props.onForbidden);
  const [openId, setOpenId] = useState<string | null>(null);
  // The verify token a provider inbox was just created with: shown once, in its editor.
  const [justMade, setJustMade] = useState<{ id: string; verifyToken: string } | null>(null);
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
        onCreated={(inbox, verifyToken) => {
          saved(inbox);
          setJustMade(verifyToken ? { id: inbox.id, verifyToken } : null);
          setOpenId(inbox.id);
          props.announce(createdMessage(inbox));
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
                verifyToken={justMade?.id === inbox.id ? justMade.verifyToken : null}
                onToggle={() => {
                  setOpenId(openId === inbox.id ? null : inbox.id);
                  setJustMade(null);
                }}
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

function InboxRow(props: { inbox: Inbox; open: boolean; verifyToken: string | null; onToggle: () => void; onSaved: (inbox: Inbox) => void; onForbidden: () => void }) {
  const { inbox } = props;
  const webchat = inbox.kind === "webchat" && inbox.publicKey;
  const provider = isProviderKind(inbox.kind) ? inbox.kind : null;
  const email = inbox.kind === "email" ? EmailSettings.safeParse(inbox.settings) : null;
  const api = inbox.kind === "api";
  const editorId = `inbox-editor-${inbox.id}`;
  return (
    <li class="settings-row inbox-row">
      <div class="inbox-head">
        <strong>{inbox.name}</strong>
        <ChannelIcon channel={inbox.kind} labelled />
        <span class="muted">{s.inboxes.priority(inbox.priority)}</span>
        {(webchat || provider || email || api) && (
          <span class="row-actions">
            <button type="button" aria-expanded={props.open} aria-controls={editorId} aria-label={is.configureLabel(inbox.name)} onClick={props.onToggle}>
              {props.open ? is.close : is.configure}
            </button>
          </span>
        )}
      </div>
      {webchat ? (
        <CopyField label={is.embed(inbox.name)} hint={is.embedHint} value={embedSnippet(location.origin, inbox.publicKey!)} class="inbox-snippet" />
      ) : provider ? (
        // Open, the editor shows the URL with the rest of what goes to Meta.
        !props.open && inbox.webhookUrl && <CopyField label={webhookLabel(inbox)} value={webhookUrlOf(inbox)!} rows={1} class="callback-url" />
      ) : email ? (
        email.success && <p class="muted email-addresses">{email.data.addresses.join(", ")}</p>
      ) : (
        <p class="muted">{s.inboxes.noSnippet}</p>
      )}
      {props.open && (webchat || provider || email || api) && (
        <div id={editorId}>
          {email ? (
            <>
              <EmailForm inbox={inbox} onSaved={props.onSaved} onForbidden={props.onForbidden} />
              {email.success && <EmailSteps settings={email.data} />}
            </>
          ) : api ? (
            <ApiInboxForm inbox={inbox} onSaved={props.onSaved} onForbidden={props.onForbidden} />
          ) : provider ? (
            <ChannelEditor inbox={inbox} kind={provider} verifyToken={props.verifyToken} onSaved={props.onSaved} onForbidden={props.onForbidden} />
          ) : (
            <InboxEditor inbox={inbox} onSaved={props.onSaved} onForbidden={props.onForbidden} />
          )}
          <BotSection inboxId={inbox.id} onForbidden={props.onForbidden} />
          <AgentBotSection inboxId={inbox.id} onForbidden={props.onForbidden} />
          <RetentionSection inboxId={inbox.id} onForbidden={props.onForbidden} />
        </div>
      )}
    </li>
  );
}

/** What a new inbox asks of the admin next: Meta wants the URL and token pasted, Telegram
 * is registered already, Twilio wants the URL pasted. */
function createdMessage(inbox: Inbox): string {
  if (inbox.kind === "telegram") return ts.createdTelegram(inbox.name);
  if (inbox.kind === "sms") return ts.createdTwilio(inbox.name);
  if (inbox.kind === "email") return ms.created(inbox.name);
  return isProviderKind(inbox.kind) ? cs.created(inbox.name) : is.created(inbox.name);
}
