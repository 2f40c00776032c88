/**
 * @module "Test connection": asks the server to call the provider with the inbox's saved
 * credentials and shows what the provider answered — the account's name, or its error —
 * as a status the screen reader announces. A refusal of the test itself (no credentials
 * saved, no key on the server) is shown as the server's message.
 */
import { useState } from "preact/hooks";
import type { ConnectionTest, Inbox } from "../../worker/protocol";
import { ApiError, errorMessage } from "../api";
import { s as cs } from "./channel-strings";
import { inboxApi } from "./inbox-api";

type Outcome = { kind: "answer"; test: ConnectionTest } | { kind: "error"; message: string };

export function ConnectionTester(props: { inbox: Inbox; onForbidden: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: "answer", test: await inboxApi.testConnection(props.inbox.id) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) props.onForbidden();
      setOutcome({ kind: "error", message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="connection-test">
      <button type="button" disabled={busy} onClick={run}>
        {busy ? cs.testing : cs.test}
      </button>
      <p role="status" class={`connection-result ${outcome ? resultClass(outcome) : ""}`}>
        {outcome ? describe(outcome) : ""}
      </p>
    </div>
  );
}

function resultClass(outcome: Outcome): string {
  return outcome.kind === "answer" && outcome.test.ok ? "connection-ok" : "connection-failed";
}

function describe(outcome: Outcome): string {
  if (outcome.kind === "error") return cs.testError(outcome.message);
  const { ok, status, detail } = outcome.test;
  if (ok) return cs.testOk(detail);
  return status === 0 ? cs.testUnreachable(detail) : cs.testFailed(status, detail);
}
