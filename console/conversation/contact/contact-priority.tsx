/**
 * @module The contact's queue priority in the contact panel: the effective value (what
 * the queue orders by) and, when a segment rule lifts it above the contact's own, both.
 * Admins and owners edit the own priority in place (the server refuses it to agents, so
 * agents see no edit button); the value is checked with the protocol's own schema first.
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { ContactPriority as PrioritySchema } from "../../../worker/protocol";
import { Icon } from "../../shared/icon";
import { useEditMode } from "../../shell/use-edit-mode";
import { priorityWords } from "../../settings/priority-strings";

const t = priorityWords.contact;

export function ContactPriority(props: {
  priority: number;
  effective: number;
  canEdit: boolean;
  /** Saves the own priority; resolves to an error message, or null. */
  onSave: (priority: number) => Promise<string | null>;
}) {
  const { editing, setEditing, editRef } = useEditMode();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);

  const start = () => {
    setDraft(String(props.priority));
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    const parsed = PrioritySchema.safeParse(draft.trim() === "" ? Number.NaN : Number(draft));
    if (!parsed.success) return setError(t.invalid);
    if (parsed.data === props.priority) return setEditing(false);
    setSaving(true);
    const problem = await props.onSave(parsed.data);
    setSaving(false);
    if (problem) setError(problem);
    else setEditing(false);
  };

  return (
    <div class="contact-field contact-priority">
      <dt>{t.priority}</dt>
      <dd>
        {editing ? (
          <form
            class="contact-edit"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              e.preventDefault();
              e.stopPropagation();
              setEditing(false);
            }}
          >
            <input ref={input} type="number" min={0} max={100} step={1} inputMode="numeric" aria-label={t.priority} aria-invalid={error !== null} title={t.hint} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
            <button type="submit" disabled={saving}>
              {t.save}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t.cancel}
            </button>
            {error && (
              <p class="error" role="alert">
                {error}
              </p>
            )}
          </form>
        ) : (
          <>
            <span class="contact-value">
              <strong>{props.effective}</strong>
              {props.effective > props.priority && (
                <small class="contact-hint">
                  {t.lifted(props.effective)} · {t.own(props.priority)}
                </small>
              )}
            </span>
            {props.canEdit && (
              <button ref={editRef} type="button" class="icon-button" aria-label={t.edit} title={t.edit} onClick={start}>
                <Icon name="pencil" />
              </button>
            )}
          </>
        )}
      </dd>
    </div>
  );
}
