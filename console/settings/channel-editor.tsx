/**
 * @module One provider channel inbox's settings: its setup form, what to do at the
 * provider (at-provider.tsx: Meta's callback URL and verify token, shown once right after
 * it was saved since the server never shows it again; Telegram's registered webhook;
 * Twilio's webhook URL to paste) and the connection test.
 */
import { useState } from "preact/hooks";
import type { Inbox } from "../../worker/protocol";
import { AtProvider } from "./at-provider";
import { ChannelForm } from "./channel-form";
import type { ProviderKind } from "./channel-fields";
import { ConnectionTester } from "./connection-test";
import { s as ts } from "./twilio-telegram-strings";

export function ChannelEditor(props: { inbox: Inbox; kind: ProviderKind; verifyToken: string | null; onSaved: (inbox: Inbox, verifyToken: string | null) => void; onForbidden: () => void }) {
  // Shown once: the token just saved, until the editor closes.
  const [verifyToken, setVerifyToken] = useState(props.verifyToken);
  const testIntro = (ts.testIntro as Partial<Record<string, string>>)[props.kind];
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
      <AtProvider inbox={props.inbox} kind={props.kind} verifyToken={verifyToken} />
      {testIntro && <p class="muted connection-intro">{testIntro}</p>}
      <ConnectionTester inbox={props.inbox} onForbidden={props.onForbidden} />
    </div>
  );
}
