/**
 * @module The invite page (`/console/invite#<token>`): the invited person picks their
 * name and password, the server makes the agent and signs them in. The token rides in
 * the URL's fragment, so it never reaches a server log; it is dropped from the address
 * bar once used.
 */
import { useState } from "preact/hooks";
import type { TargetedSubmitEvent } from "preact";
import { Me, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "../worker/protocol";
import { ApiError, call, errorMessage } from "./api";
import { s } from "./i18n";
import { inviteWords as t } from "./invite-strings";
import { LanguageSwitch } from "./shell/language-switch";

const INVITE_PATH = /^\/console\/invite\/?$/;

/** The token when this page is the invite page, else null. */
export function inviteToken(pathname: string, hash: string): string | null {
  const token = hash.replace(/^#/, "");
  return INVITE_PATH.test(pathname) && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

function refusal(err: unknown): string {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const known: Record<string, string> = { invite_used: t.used, invite_expired: t.expired, invite_not_found: t.unknown, conflict: t.taken };
  return known[err.code] ?? err.message;
}

export function InviteForm(props: { token: string; onDone: (me: Me) => void; onSignIn: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const body = { name: String(data.get("name") ?? ""), password: String(data.get("password") ?? "") };
      const me = await call(Me, `/api/v1/invites/${encodeURIComponent(props.token)}/accept`, { method: "POST", body });
      history.replaceState(null, "", "/console/");
      props.onDone(me);
    } catch (err) {
      setError(refusal(err));
      setBusy(false);
    }
  };
  return (
    <main class="auth">
      <div class="auth-language">
        <LanguageSwitch />
      </div>
      <form class="auth-form" onSubmit={submit} aria-busy={busy}>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <label>
          {s.fields.name}
          <input name="name" autoComplete="name" required maxLength={120} />
        </label>
        <label>
          {s.fields.password}
          <input name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_CHARS} maxLength={MAX_PASSWORD_CHARS} aria-describedby="password-hint" />
        </label>
        <small id="password-hint">{s.fields.passwordHint(MIN_PASSWORD_CHARS)}</small>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t.submit}
        </button>
        {error && (
          <button type="button" onClick={props.onSignIn}>
            {t.signIn}
          </button>
        )}
      </form>
    </main>
  );
}
