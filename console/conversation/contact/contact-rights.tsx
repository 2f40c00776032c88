/**
 * @module The contact panel's LGPD section (issue 16), for admins and owners: download
 * everything stored about the contact, and erase their personal data after typing the
 * confirmation word (the API refuses the erasure without it, so a stray click can never
 * erase). All text is rendered as text.
 */
import { useState } from "preact/hooks";
import { ContactErasure, ERASE_CONFIRMATION } from "../../../worker/protocol";
import { call, errorMessage } from "../../api";
import { s } from "./rights-strings";

type Phase = { kind: "idle" } | { kind: "confirming"; typed: string } | { kind: "erasing" } | { kind: "done"; pending: boolean } | { kind: "failed"; reason: string };

export function ContactRights(props: { contactId: string; onErased: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const path = `/api/v1/contacts/${encodeURIComponent(props.contactId)}`;
  const erase = async () => {
    setPhase({ kind: "erasing" });
    try {
      const result = await call(ContactErasure, `${path}/erase`, { method: "POST", body: { confirm: ERASE_CONFIRMATION } });
      setPhase({ kind: "done", pending: result.completedAt === null });
      props.onErased();
    } catch (err) {
      setPhase({ kind: "failed", reason: errorMessage(err) });
    }
  };
  return (
    <section class="contact-section contact-rights" aria-labelledby="contact-rights">
      <h4 id="contact-rights">{s.title}</h4>
      <p>
        <a class="button" href={`${path}/export`} download>
          {s.export}
        </a>
      </p>
      <p class="muted">{s.exportHint}</p>
      {phase.kind === "idle" && (
        <button type="button" class="danger" onClick={() => setPhase({ kind: "confirming", typed: "" })}>
          {s.erase}
        </button>
      )}
      {phase.kind === "confirming" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (phase.typed === ERASE_CONFIRMATION) void erase();
          }}
        >
          <p role="alert">{s.eraseWarning(ERASE_CONFIRMATION)}</p>
          <label>
            {s.confirmLabel}
            <input type="text" autocomplete="off" value={phase.typed} onInput={(e) => setPhase({ kind: "confirming", typed: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="submit" class="danger" disabled={phase.typed !== ERASE_CONFIRMATION}>
            {s.confirm}
          </button>
          <button type="button" onClick={() => setPhase({ kind: "idle" })}>
            {s.cancel}
          </button>
        </form>
      )}
      {phase.kind === "erasing" && <p class="muted">{s.erasing}</p>}
      {phase.kind === "done" && <p role="status">{phase.pending ? s.pending : s.erased}</p>}
      {phase.kind === "failed" && (
        <p class="error" role="alert">
          {s.failed(phase.reason)}
        </p>
      )}
    </section>
  );
}
