/**
 * @module An inbox's identity-verification secret. The server keeps it and never lists
 * it; this panel says only whether one is set. Generating (or regenerating, after a
 * confirmation, since the old secret stops working) shows the new secret once, with a
 * Copy button: the admin needs it for their own server, and this is the one moment it
 * leaves ours (the pattern Intercom and others use for such keys).
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Inbox } from "../../worker/protocol";
import { CopyField } from "./copy-field";
import { FormMessage } from "./form-field";
import { inboxApi } from "./inbox-api";
import { s } from "./inbox-strings";
import { saveFailure } from "./form-errors";

export function IdentitySecretPanel(props: { inbox: Inbox; onRotated: (inbox: Inbox) => void; onForbidden: () => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);

  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await inboxApi.rotateSecret(props.inbox.id);
      setSecret(made.secret);
      setAsking(false);
      props.onRotated({ ...props.inbox, hasIdentitySecret: true });
    } catch (err) {
      const failed = saveFailure(err);
      if (failed.forbidden) props.onForbidden();
      setError(failed.form);
    } finally {
      setBusy(false);
    }
  };

  const isSet = props.inbox.hasIdentitySecret;
  return (
    <section class="identity-secret" aria-labelledby={`identity-${props.inbox.id}`}>
      <h3 id={`identity-${props.inbox.id}`}>{s.identity}</h3>
      <p class="muted">{s.identityIntro}</p>
      <p>{isSet ? s.identitySet : s.identityUnset}</p>
      {secret && <CopyField label={s.secret} hint={s.secretOnce} value={secret} rows={1} class="secret-once" />}
      {asking ? (
        <div role="group" aria-label={s.regenerate} class="confirm" onKeyDown={(e) => e.key === "Escape" && setAsking(false)}>
          <span>{s.regenerateQuestion}</span>
          <button type="button" class="danger" disabled={busy} onClick={rotate}>
            {s.regenerateYes}
          </button>
          <button type="button" ref={cancelRef} disabled={busy} onClick={() => setAsking(false)}>
            {s.cancel}
          </button>
        </div>
      ) : (
        <button type="button" disabled={busy} onClick={() => (isSet ? setAsking(true) : void rotate())}>
          {isSet ? s.regenerate : s.generate}
        </button>
      )}
      <FormMessage message={error} />
    </section>
  );
}
