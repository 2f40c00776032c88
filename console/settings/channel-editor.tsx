/**
 * @module One provider channel inbox's settings: its setup form, what to paste at Meta
 * (the callback URL, always; the verify token only right after it was saved, since the
 * server never shows it again) and the connection test.
 */
import { useState } from "preact/hooks";
import type { Inbox } from "../../worker/protocol";
import { ChannelForm } from "./channel-form";
import type { ProviderKind } from "./channel-fields";
import { s as cs } from "./channel-strings";
import { ConnectionTester } from "./connection-test";
import { CopyField } from "./copy-field";

export function ChannelEditor(props: { inbox: Inbox; kind: ProviderKind; verifyToken: string | null; onSaved: (inbox: Inbox, verifyToken: string | null) => void; onForbidden: () => void }) {
  // Shown once: the token just saved, until the editor closes.
  const [verifyToken, setVerifyToken] = useState(props.verifyToken);
  return (
    <div class="inbox-editor">
      <ChannelForm
        kind={props.kind}
        inbox={props.inbox}
        onForbidden={props.onForbidden}
        onSaved={(inbox, token) => {
          if (token) setVerifyToken(token);
          props.onSaved(inbox, token);
        }}
      />
      <AtMeta inbox={props.inbox} verifyToken={verifyToken} />
      <ConnectionTester inbox={props.inbox} onForbidden={props.onForbidden} />
    </div>
  );
}

export function AtMeta(props: { inbox: Inbox; verifyToken: string | null }) {
  const saved = props.inbox.credentials.verifyToken;
  return (
    <section class="at-provider" aria-labelledby={`at-meta-${props.inbox.id}`}>
      <h3 id={`at-meta-${props.inbox.id}`}>{cs.atMeta}</h3>
      <p class="muted">{cs.atMetaIntro}</p>
      {props.inbox.webhookUrl && <CopyField label={cs.callbackUrl(props.inbox.name)} value={props.inbox.webhookUrl} rows={1} class="callback-url" />}
      {props.verifyToken ? (
        <CopyField label={cs.verifyTokenOnce} hint={cs.verifyTokenOnceHint} value={props.verifyToken} rows={1} class="secret-once" />
      ) : (
        saved?.set && <p>{cs.verifyTokenSaved(saved.last4)}</p>
      )}
    </section>
  );
}
