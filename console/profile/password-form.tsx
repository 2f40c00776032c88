/**
 * @module The password change: the current password (so an unlocked screen is not
 * enough) and the new one. The server signs the agent's other sessions out; this one
 * stays.
 */
import { useState } from "preact/hooks";
import { MIN_PASSWORD_CHARS } from "../../worker/protocol";
import { ApiError, errorMessage } from "../api";
import { Field, FormMessage } from "../settings/form-field";
import { profileApi } from "./profile-api";
import { s } from "./strings";

type Errors = Partial<Record<"currentPassword" | "newPassword", string>>;

export function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Errors = {};
    if (!current) found.currentPassword = s.required;
    if (next.length < MIN_PASSWORD_CHARS) found.newPassword = s.newPasswordInvalid(MIN_PASSWORD_CHARS);
    setErrors(found);
    setProblem(null);
    setDone(false);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await profileApi.changePassword({ currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      setDone(true);
    } catch (err) {
      const at = err instanceof ApiError ? err.issues.find((i) => i.path[0] === "currentPassword" || i.path[0] === "newPassword") : undefined;
      if (err instanceof ApiError && err.code === "invalid_credentials") setErrors({ currentPassword: s.wrongPassword });
      else if (at) setErrors({ [String(at.path[0])]: at.message });
      else setProblem(s.failed(errorMessage(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="settings-form password-form" aria-label={s.password} noValidate onSubmit={submit}>
      <h2>{s.password}</h2>
      <Field label={s.currentPassword} error={errors.currentPassword}>
        {(aria) => <input {...aria} type="password" name="currentPassword" autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />}
      </Field>
      <Field label={s.newPassword} hint={s.newPasswordHint(MIN_PASSWORD_CHARS)} error={errors.newPassword}>
        {(aria) => <input {...aria} type="password" name="newPassword" autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />}
      </Field>
      <FormMessage message={problem} />
      <p role="status" class="settings-status">
        {done ? s.passwordChanged : ""}
      </p>
      <div class="form-actions">
        <button type="submit" disabled={busy}>
          {s.changePassword}
        </button>
      </div>
    </form>
  );
}
