/**
 * @module The pre-chat form (per inbox: name, and e-mail optional or required), shown
 * before the first message when the inbox asks for it and the visitor is not known yet.
 */
import { useState } from "preact/hooks";
import { useStrings } from "../i18n";
import { useSubmit } from "./hooks";

/** Enough to catch typos; the server validates for real. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function PrechatForm(props: {
  requireEmail: boolean;
  initial: { name: string | null; email: string | null };
  onSubmit: (details: { name: string; email?: string }) => Promise<void>;
}) {
  const t = useStrings();
  const [name, setName] = useState(props.initial.name ?? "");
  const [email, setEmail] = useState(props.initial.email ?? "");
  const [problem, setProblem] = useState<{ field: "name" | "email"; message: string } | null>(null);

  const { busy, failed, onSubmit } = useSubmit(async () => {
    const cleanName = name.trim();
    const cleanEmail = email.trim();
    if (!cleanName) return setProblem({ field: "name", message: t.required });
    if (props.requireEmail && !cleanEmail) return setProblem({ field: "email", message: t.required });
    if (cleanEmail && !EMAIL.test(cleanEmail)) return setProblem({ field: "email", message: t.invalidEmail });
    setProblem(null);
    await props.onSubmit(cleanEmail ? { name: cleanName, email: cleanEmail } : { name: cleanName });
  });

  // The field's error, wired to the input so a screen reader reads it with the field.
  const invalid = (field: "name" | "email") => ({
    "aria-invalid": problem?.field === field,
    "aria-describedby": problem?.field === field ? `sb-${field}-error` : undefined,
  });
  const errorOf = (field: "name" | "email") =>
    problem?.field === field ? (
      <span class="sb-field-error" id={`sb-${field}-error`}>
        {problem.message}
      </span>
    ) : null;

  return (
    <form
      class="sb-form"
      aria-labelledby="sb-prechat-intro"
      noValidate
      onSubmit={onSubmit}
    >
      <p id="sb-prechat-intro">{t.prechatIntro}</p>
      <label class="sb-field">
        <span>{t.name}</span>
        <input
          class="sb-text"
          name="name"
          autoComplete="name"
          maxLength={120}
          required
          {...invalid("name")}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        {errorOf("name")}
      </label>
      <label class="sb-field">
        <span>
          {t.email} {!props.requireEmail && <span class="sb-muted">{t.optional}</span>}
        </span>
        <input
          class="sb-text"
          type="email"
          name="email"
          autoComplete="email"
          maxLength={254}
          required={props.requireEmail}
          {...invalid("email")}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        {errorOf("email")}
      </label>
      {failed && (
        <p class="sb-problem" role="alert">
          {t.failed}
        </p>
      )}
      <button type="submit" class="sb-primary" disabled={busy}>
        {t.startChat}
      </button>
    </form>
  );
}
