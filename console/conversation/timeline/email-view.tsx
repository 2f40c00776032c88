/**
 * @module An e-mail in the timeline: its subject and From / To / Cc lines, the visible
 * text (quoted history and signature trimmed by the Worker) with a "show full message"
 * toggle when something was trimmed, the formatted (HTML) version on demand in a
 * sandboxed frame (email-frame.tsx), and a link to download the original .eml. Every
 * value here is a text node; HTML only ever reaches the sandboxed frame.
 */
import "./email.css";
import { useState } from "preact/hooks";
import type { Attachment, EmailContent, MailboxContent } from "../../../worker/protocol";
import { e } from "../email-strings";
import { fileUrl } from "./attachment-view";
import { EmailFrame } from "./email-frame";
import { LinkedText } from "./linkify";

/** `Maria Souza <maria@example.com.br>`, or the bare address when there is no name. */
export function mailboxText(m: MailboxContent): string {
  return m.name ? `${m.name} <${m.address}>` : m.address;
}

function Line(props: { label: string; mailboxes: readonly MailboxContent[]; class: string }) {
  if (props.mailboxes.length === 0) return null;
  return (
    <div class={`email-line ${props.class}`}>
      <dt>{props.label}</dt>
      <dd>{props.mailboxes.map(mailboxText).join(", ")}</dd>
    </div>
  );
}

export function EmailView(props: { email: EmailContent; body: string; attachments: readonly Attachment[] }) {
  const { email } = props;
  const [full, setFull] = useState(false);
  const [formatted, setFormatted] = useState(false);
  const text = full && email.fullText !== null ? email.fullText : props.body;
  return (
    <div class="content email">
      <dl class="email-head">
        <div class="email-line email-subject">
          <dt>{e.subject}</dt>
          <dd>{email.subject || e.noSubject}</dd>
        </div>
        <Line label={e.from} mailboxes={[email.from]} class="email-from" />
        <Line label={e.to} mailboxes={email.to} class="email-to" />
        <Line label={e.cc} mailboxes={email.cc} class="email-cc" />
      </dl>
      {text && (
        <p class="message-body email-text">
          <LinkedText text={text} />
        </p>
      )}
      <div class="email-actions">
        {email.fullText !== null && (
          <button type="button" class="link-button email-toggle-full" aria-pressed={full} onClick={() => setFull(!full)}>
            {full ? e.hideFull : e.showFull}
          </button>
        )}
        {email.htmlFileId !== null && (
          <button type="button" class="link-button email-toggle-html" aria-pressed={formatted} onClick={() => setFormatted(!formatted)}>
            {formatted ? e.hideHtml : e.showHtml}
          </button>
        )}
        {email.rawFileId !== null && (
          <a class="content-link email-original" href={fileUrl(email.rawFileId)} download="message.eml">
            {e.original}
          </a>
        )}
      </div>
      {formatted && email.htmlFileId !== null && <EmailFrame htmlFileId={email.htmlFileId} subject={email.subject} attachments={props.attachments} />}
    </div>
  );
}
