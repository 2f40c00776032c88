/**
 * @module The two forms before the workspace: owner setup (first visit of a fresh
 * install) and sign-in. The server checks everything again; the browser's own
 * validation (required, type=email, minlength) only saves a round trip. The language
 * can be picked here already, before there is anyone to sign in.
 */
import { useState } from "preact/hooks";
import type { TargetedSubmitEvent } from "preact";
import type { Me } from "../worker/protocol";
import { MIN_PASSWORD_CHARS } from "../worker/protocol/limits";
import { api, errorMessage } from "./api";
import { locale, s } from "./i18n";
import { LanguageSwitch } from "./shell/language-switch";

export function SetupForm({ onDone }: { onDone: () => Promise<void> }) {
  return (
    <AuthForm
      title={s.setup.title}
      intro={s.setup.intro}
      submitLabel={s.setup.submit}
      withName
      newPassword
      onSubmit={async ({ name, email, password }) => {
        await api.setup({ name, email, password, locale });
        await onDone();
      }}
    />
  );
}

export function LoginForm({ onDone }: { onDone: (me: Me) => void }) {
  return (
    <AuthForm
      title={s.login.title}
      submitLabel={s.login.submit}
      onSubmit={async ({ email, password }) => onDone(await api.login({ email, password }))}
    />
  );
}

interface Credentials {
  name: string;
  email: string;
  password: string;
}

function AuthForm(props: {
  title: string;
  intro?: string;
  submitLabel: string;
  withName?: boolean;
  newPassword?: boolean;
  onSubmit: (values: Credentials) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const value = (key: string) => String(data.get(key) ?? "");
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit({ name: value("name"), email: value("email"), password: value("password") });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <div class="auth-language">
        <LanguageSwitch />
      </div>
      <form class="auth-form" onSubmit={submit} aria-busy={busy}>
        <h1>{props.title}</h1>
        {props.intro && <p>{props.intro}</p>}
        {props.withName && (
          <label>
            {s.fields.name}
            <input name="name" autoComplete="name" required maxLength={120} />
          </label>
        )}
        <label>
          {s.fields.email}
          <input name="email" type="email" autoComplete="email" required maxLength={254} />
        </label>
        <label>
          {s.fields.password}
          <input
            name="password"
            type="password"
            autoComplete={props.newPassword ? "new-password" : "current-password"}
            required
            minLength={props.newPassword ? MIN_PASSWORD_CHARS : undefined}
            aria-describedby={props.newPassword ? "password-hint" : undefined}
          />
        </label>
        {props.newPassword && (
          <small id="password-hint">{s.fields.passwordHint(MIN_PASSWORD_CHARS)}</small>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
      </form>
    </main>
  );
}
