/**
 * @module The first step after setup: a web chat inbox, one click away. Shown only while
 * there is no inbox at all (a company that only connected WhatsApp is not asked again),
 * with a pointer to Settings → Inboxes for the provider channels; once created it shows
 * the embed snippet (with a Copy button), a link to the demo page, and where the snippet
 * lives for later: Settings → Inboxes.
 */
import { useEffect, useState } from "preact/hooks";
import type { Inbox, Me } from "../worker/protocol";
import { api, errorMessage } from "./api";
import { s } from "./i18n";
import { followLink, settingsPath } from "./router";
import { CopyField } from "./settings/copy-field";
import { embedSnippet } from "./settings/inbox-api";
import { s as is } from "./settings/inbox-strings";

type State = { name: "checking" } | { name: "exists" } | { name: "missing" } | { name: "created"; inbox: Inbox };

export function InboxSetup({ me }: { me: Me }) {
  const [state, setState] = useState<State>({ name: "checking" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canCreate = me.agent.role === "owner" || me.agent.role === "admin";

  useEffect(() => {
    api.inboxes().then(
      ({ inboxes }) => setState(inboxes.length > 0 ? { name: "exists" } : { name: "missing" }),
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setState({ name: "created", inbox: await api.createWebchatInbox(s.inbox.defaultName) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (error) {
    return (
      <p class="banner error" role="alert">
        {s.errors.generic(error)}
      </p>
    );
  }
  if (state.name === "missing") {
    return (
      <section class="banner" aria-live="polite">
        <p>{canCreate ? s.inbox.missing : s.inbox.missingAgent}</p>
        {canCreate && (
          <button type="button" disabled={busy} onClick={create}>
            {s.inbox.create}
          </button>
        )}
        {canCreate && (
          <p>
            {s.inbox.otherChannels}{" "}
            <a href={settingsPath} onClick={(e) => followLink(e, settingsPath)}>
              {is.embedLink}
            </a>
            .
          </p>
        )}
      </section>
    );
  }
  if (state.name === "created") {
    return (
      <section class="banner inbox-created" aria-live="polite">
        <p role="status">
          {s.inbox.created(state.inbox.name)} <a href="/" target="_blank" rel="noopener">{s.inbox.tryIt}</a>
        </p>
        <CopyField label={s.inbox.snippet} value={embedSnippet(location.origin, state.inbox.publicKey ?? "")} />
        <p>
          {is.embedLivesIn}{" "}
          <a href={settingsPath} onClick={(e) => followLink(e, settingsPath)}>
            {is.embedLink}
          </a>
          .
        </p>
      </section>
    );
  }
  return null;
}
