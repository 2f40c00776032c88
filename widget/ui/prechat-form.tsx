/**
 * @module The pre-chat form (per inbox: name, e-mail optional or required, an optional
 * phone when the inbox asks for it, and an opt-in checkbox with the inbox's own sentence
 * when it offers one, unticked by default: consent is never assumed), shown before the
 * first message when the inbox asks for it and the visitor is not known yet.
 */
import { useState } from "preact/hooks";
import { useStrings } from "../i18n";
import { useSubmit } from "./hooks";

/** Enough to catch typos; the server validates for real. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The server's rule (WidgetContactBody's Phone). */
const PHONE = /^\+?[0-9 ()-]{6,24}$/;

type Field = "name" | "email" | "phone";

export function PrechatForm(props: {
  requireEmail: boolean;
  /** Offer an optional phone field. */
  askPhone?: boolean;
  initial: { name: string | null; email: string | null; phone?: string | null };
  /** The inbox's opt-in sentence in the visitor's language; absent: no checkbox. */
  consentText?: string | null;
  /** `consent`: the box was ticked, with this form's id and the sentence shown. */
  onSubmit: (details: { name: string; email?: string; phone?: string }, consent: { formId: string; textShown: string } | null) => Promise<void>;
}) {
  const s = useStrings();
  const [name, setName] = useState(props.initial.name ?? "");
  const [email, setEmail] = useState(props.initial.email ?? "");
  const [phone, setPhone] = useState(props.initial.phone ?? "");
  const [problem, setProblem] = useState<{ field: Field; message: string } | null>(null);
  const [consented, setConsented] = useState(false);
  // One id per form: a resend after a failure records the consent once (the server keys it).
  const [formId] = useState(() => crypto.randomUUID());

  const { busy, failed, onSubmit } = useSubmit(async () => {
    const cleanName = name.trim();
    const cleanEmail = email.trim();
    if (!cleanName) return setProblem({ field: "name", message: s.required });
    if (props.requireEmail && !cleanEmail) return setProblem({ field: "email", message: s.required });
    if (cleanEmail && !EMAIL.test(cleanEmail)) return setProblem({ field: "email", message: s.invalidEmail });
    const cleanPhone = props.askPhone ? phone.trim() : "";
    if (cleanPhone && !PHONE.test(cleanPhone)) return setProblem({ field: "phone", message: s.invalidPhone });
    setProblem(null);
    const consent = props.consentText && consented ? { formId, textShown: props.consentText } : null;
    await props.onSubmit({ name: cleanName, ...(cleanEmail ? { email: cleanEmail } : {}), ...(cleanPhone ? { phone: cleanPhone } : {}) }, consent);
  });

  // The field's error, wired to the input so a screen reader reads it with the field.
  const invalid = (field: Field) => ({
    "aria-invalid": problem?.field === field,
    "aria-describedby": problem?.field === field ? `sb-${field}-error` : undefined,
  });
  const errorOf = (field: Field) =>
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
      <p id="sb-prechat-intro">{s.prechatIntro}</p>
      <label class="sb-field">
        <span>{s.name}</span>
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
          {s.email} {!props.requireEmail && <span class="sb-muted">{s.optional}</span>}
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
      {props.askPhone && (
        <label class="sb-field">
          <span>
            {s.phone} <span class="sb-muted">{s.optional}</span>
          </span>
          <input
            class="sb-text"
            type="tel"
            name="phone"
            autoComplete="tel"
            maxLength={24}
            {...invalid("phone")}
            value={phone}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
          {errorOf("phone")}
        </label>
      )}
      {props.consentText && (
        <label class="sb-consent">
          <input type="checkbox" name="consent" checked={consented} onChange={(e) => setConsented(e.currentTarget.checked)} />
          {/* The inbox's sentence, as text: it is what the customer agrees to, word for word. */}
          <span>{props.consentText}</span>
        </label>
      )}
      {failed && (
        <p class="sb-problem" role="alert">
          {s.failed}
        </p>
      )}
      <button type="submit" class="sb-primary" disabled={busy}>
        {s.startChat}
      </button>
    </form>
  );
}
