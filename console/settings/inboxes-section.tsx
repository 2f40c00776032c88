/**
 * @module Settings → Inboxes (read only): each inbox with its channel and priority, and
 * for a web chat inbox the snippet that embeds it on a website, ready to copy.
 */
import { useRef, useState } from "preact/hooks";
import type { Inbox } from "../../worker/protocol";
import { ChannelIcon } from "../shared/channel-icon";
import { ListStatus, type SectionProps } from "./section-parts";
import { settingsApi } from "./settings-api";
import { byName, useSettingsList } from "./use-settings-list";
import { s } from "./strings";

/** The one tag a website needs: the loader, pointed at this inbox's public key. */
export function embedSnippet(origin: string, publicKey: string): string {
  return `<script src="${origin}/widget.js" data-inbox="${publicKey}" async></script>`;
}

export function InboxesSection(props: Pick<SectionProps, "onForbidden">) {
  const list = useSettingsList(settingsApi.inboxes, byName((i: Inbox) => i.name), props.onForbidden);
  return (
    <section class="settings-section" aria-labelledby="settings-inboxes-heading">
      <h2 id="settings-inboxes-heading">{s.inboxes.heading}</h2>
      <p class="muted">{s.inboxes.intro}</p>
      <ListStatus state={list.state} empty={s.inboxes.empty} onRetry={list.reload}>
        {(inboxes) => (
          <ul class="settings-list">
            {inboxes.map((inbox) => (
              <InboxRow key={inbox.id} inbox={inbox} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function InboxRow({ inbox }: { inbox: Inbox }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const snippet = inbox.kind === "webchat" && inbox.publicKey ? embedSnippet(location.origin, inbox.publicKey) : null;
  const copy = async () => {
    if (!snippet) return;
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      // No clipboard permission (e.g. not a secure context): select it for Ctrl+C.
      field.current?.select();
    }
  };
  return (
    <li class="settings-row inbox-row">
      <div class="inbox-head">
        <strong>{inbox.name}</strong>
        <ChannelIcon channel={inbox.kind} labelled />
        <span class="muted">{s.inboxes.priority(inbox.priority)}</span>
      </div>
      {snippet ? (
        <div class="inbox-snippet">
          <label>
            {s.inboxes.snippet(inbox.name)}
            <textarea ref={field} class="snippet" readOnly rows={2} value={snippet} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={copy}>
            {s.inboxes.copy}
          </button>
          <span role="status" class="muted">
            {copied ? s.inboxes.copied : ""}
          </span>
        </div>
      ) : (
        <p class="muted">{s.inboxes.noSnippet}</p>
      )}
    </li>
  );
}
