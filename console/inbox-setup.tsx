/**
 * @module The first step after setup: a web chat inbox, one click away. Shown only while
 * none exists; once created it shows the embed snippet and a link to the demo page.
 */
import { useEffect, useState } from "preact/hooks";
import type { Inbox, Me } from "../worker/protocol";
import { api, errorMessage } from "./api";
import { t } from "./i18n";

type State = { name: "checking" } | { name: "exists" } | { name: "missing" } | { name: "created"; inbox: Inbox };

export function InboxSetup({ me }: { me: Me }) {
  const [state, setState] = useState<State>({ name: "checking" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canCreate = me.agent.role === "owner" || me.agent.role === "admin";

  useEffect(() => {
    api.inboxes().then(
      ({ inboxes }) => setState(inboxes.some((i) => i.kind === "webchat") ? { name: "exists" } : { name: "missing" }),
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setState({ name: "created", inbox: await api.createWebchatInbox(t.inbox.defaultName) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (error) {
    return (
      <p class="banner error" role="alert">
        {t.errors.generic(error)}
      </p>
    );
  }
  if (state.name === "missing") {
    return (
      <section class="banner" aria-live="polite">
        <p>{canCreate ? t.inbox.missing : t.inbox.missingAgent}</p>
        {canCreate && (
          <button type="button" disabled={busy} onClick={create}>
            {t.inbox.create}
          </button>
        )}
      </section>
    );
  }
  if (state.name === "created") {
    const snippet = `<script src="${location.origin}/widget.js" data-inbox="${state.inbox.publicKey ?? ""}" async></script>`;
    return (
      <section class="banner" aria-live="polite">
        <p role="status">
          {t.inbox.created(state.inbox.name)} <a href="/" target="_blank" rel="noopener">{t.inbox.tryIt}</a>
        </p>
        <label>
          {t.inbox.snippet}
          <input class="snippet" readOnly value={snippet} onFocus={(e) => e.currentTarget.select()} />
        </label>
      </section>
    );
  }
  return null;
}
