/**
 * @module Settings → Inboxes → Retention (issue 16, LGPD): how many days after resolution
 * the inbox's conversations keep their text and files (empty: forever). Checked against
 * the protocol's schema before it is sent; the cron does the erasing
 * (worker/rights/retention.ts).
 */
import { useEffect, useState } from "preact/hooks";
import { InboxRetention, InboxRetentionBody, MAX_RETENTION_DAYS } from "../../worker/protocol";
import { call } from "../api";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { useSave } from "./use-save";
import { rs } from "./retention-strings";
import { s } from "./strings";

const path = (inboxId: string) => `/api/v1/inboxes/${encodeURIComponent(inboxId)}/retention`;

export function RetentionSection(props: { inboxId: string; onForbidden: () => void }) {
  const [days, setDays] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const save = useSave({ onForbidden: props.onForbidden });

  useEffect(() => {
    let live = true;
    call(InboxRetention, path(props.inboxId)).then(
      (r) => live && setDays(r.retentionDays === null ? "" : String(r.retentionDays)),
      () => live && setLoadFailed(true),
    );
    return () => void (live = false);
  }, [props.inboxId]);

  if (loadFailed) return <p class="field-error">{rs.loadFailed}</p>;
  if (days === null) return <p class="muted">{s.loading}</p>;

  const submit = (e: Event) => {
    e.preventDefault();
    const value = days.trim() === "" ? null : Number(days);
    const checked = checkFields(InboxRetentionBody, { retentionDays: value }, { retentionDays: rs.daysInvalid(MAX_RETENTION_DAYS) });
    void save.run(checked, async (body) => {
      const answer = await call(InboxRetention, path(props.inboxId), { method: "PUT", body });
      setDays(answer.retentionDays === null ? "" : String(answer.retentionDays));
      setSaved(true);
    });
  };

  return (
    <form class="settings-form retention-form" aria-label={rs.heading} noValidate onSubmit={submit}>
      <h3>{rs.heading}</h3>
      <p class="muted">{rs.intro}</p>
      <Field label={rs.days} error={save.failure.fields.retentionDays}>
        {(aria) => (
          <input
            {...aria}
            name="retention-days"
            type="number"
            min={1}
            max={MAX_RETENTION_DAYS}
            step={1}
            value={days}
            onInput={(e) => {
              setSaved(false);
              setDays(e.currentTarget.value);
            }}
          />
        )}
      </Field>
      <FormMessage message={save.failure.form} />
      {saved && <p role="status">{rs.saved}</p>}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? s.saving : rs.save}
        </button>
      </div>
    </form>
  );
}
