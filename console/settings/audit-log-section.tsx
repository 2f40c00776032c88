/**
 * @module Settings → Audit log (owners): who did what, to what, when and from where,
 * newest first, filtered by action, actor, target and days, a page at a time ("Load
 * more" follows the server's cursor). Read-only: the log has no edit anywhere. Everything
 * an entry holds — names an admin typed, e-mails tried at sign-in — is rendered as text.
 */
import { useEffect, useId, useState } from "preact/hooks";
import { AuditAction, type AuditEntry } from "../../worker/protocol";
import { ApiError, errorMessage } from "../api";
import { intlLocale } from "../conversation/strings";
import { auditLogApi, type AuditFilters } from "./audit-log-api";
import { auditWords as t } from "./audit-log-strings";
import type { SectionProps } from "./section-parts";

const when = new Intl.DateTimeFormat(intlLocale, { dateStyle: "short", timeStyle: "medium" });

/** A chosen day's first or last millisecond, local time; undefined when none is chosen. */
function dayBound(day: string, end: boolean): number | undefined {
  return day === "" ? undefined : new Date(`${day}T${end ? "23:59:59.999" : "00:00:00"}`).getTime();
}

type Loaded = { entries: AuditEntry[]; next: string | null };

export function AuditLogSection(props: SectionProps) {
  const [draft, setDraft] = useState({ action: "", actorId: "", targetId: "", from: "", to: "" });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const load = async (cursor: string | null) => {
    try {
      const page = await auditLogApi.page(filters, cursor);
      setLoaded((before) => ({ entries: [...(cursor && before ? before.entries : []), ...page.entries], next: page.next }));
      setError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) props.onForbidden();
      else setError(errorMessage(err));
    }
  };
  useEffect(() => {
    setLoaded(null);
    void load(null);
  }, [filters]);

  const apply = (e: Event) => {
    e.preventDefault();
    const action = AuditAction.safeParse(draft.action);
    setFilters({
      ...(action.success ? { action: action.data } : {}),
      ...(draft.actorId.trim() ? { actorId: draft.actorId.trim() } : {}),
      ...(draft.targetId.trim() ? { targetId: draft.targetId.trim() } : {}),
      from: dayBound(draft.from, false),
      to: dayBound(draft.to, true),
    });
  };
  const clear = () => {
    setDraft({ action: "", actorId: "", targetId: "", from: "", to: "" });
    setFilters({});
  };
  const set = (key: keyof typeof draft) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <section class="settings-section" aria-labelledby="settings-audit-heading">
      <h2 id="settings-audit-heading">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      <form class="audit-filters" aria-label={t.filters} onSubmit={apply}>
        <span>
          <label for={`${ids}-action`}>{t.action}</label>
          <select id={`${ids}-action`} value={draft.action} onChange={set("action")}>
            <option value="">{t.anyAction}</option>
            {AuditAction.options.map((a) => (
              <option key={a} value={a}>
                {t.actions[a]}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label for={`${ids}-actor`}>{t.actor}</label>
          <input id={`${ids}-actor`} value={draft.actorId} maxLength={64} onInput={set("actorId")} />
        </span>
        <span>
          <label for={`${ids}-target`}>{t.target}</label>
          <input id={`${ids}-target`} value={draft.targetId} maxLength={128} onInput={set("targetId")} />
        </span>
        <span>
          <label for={`${ids}-from`}>{t.from}</label>
          <input id={`${ids}-from`} type="date" value={draft.from} onInput={set("from")} />
        </span>
        <span>
          <label for={`${ids}-to`}>{t.to}</label>
          <input id={`${ids}-to`} type="date" value={draft.to} onInput={set("to")} />
        </span>
        <button type="submit">{t.apply}</button>
        <button type="button" onClick={clear}>
          {t.clear}
        </button>
      </form>
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : loaded === null ? (
        <p role="status" class="muted">
          {t.loading}
        </p>
      ) : loaded.entries.length === 0 ? (
        <p class="muted">{t.empty}</p>
      ) : (
        <AuditTable loaded={loaded} onMore={() => void load(loaded.next)} />
      )}
    </section>
  );
}

function AuditTable(props: { loaded: Loaded; onMore: () => void }) {
  return (
    <div class="audit-log">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.columns.when}</th>
            <th scope="col">{t.columns.action}</th>
            <th scope="col">{t.columns.actor}</th>
            <th scope="col">{t.columns.target}</th>
            <th scope="col">{t.columns.ip}</th>
            <th scope="col">{t.columns.details}</th>
          </tr>
        </thead>
        <tbody>
          {props.loaded.entries.map((e) => (
            <tr key={e.id} data-entry={e.id}>
              <td>
                <time dateTime={new Date(e.at).toISOString()}>{when.format(e.at)}</time>
              </td>
              <td>{t.actions[e.action]}</td>
              <td>
                {t.actorTypes[e.actor.type]}
                {e.actor.name ? `: ${e.actor.name}` : ""}
                {e.actor.id ? <span class="muted audit-id"> {e.actor.id}</span> : null}
              </td>
              <td>
                {e.targetType ?? "—"}
                {e.targetId ? <span class="muted audit-id"> {e.targetId}</span> : null}
              </td>
              <td>{e.ip ?? "—"}</td>
              <td>
                <Details details={e.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.loaded.next ? (
        <button type="button" onClick={props.onMore}>
          {t.more}
        </button>
      ) : null}
    </div>
  );
}

/** Each detail as "key: value" text; a settings area by its name in the console's language. */
function Details(props: { details: Record<string, unknown> }) {
  const entries = Object.entries(props.details);
  if (entries.length === 0) return <>—</>;
  const shown = (key: string, value: unknown) => {
    if (key === "area" && typeof value === "string" && value in t.areas) return t.areas[value as keyof typeof t.areas];
    if (Array.isArray(value)) return value.join(", ");
    return typeof value === "string" ? value : JSON.stringify(value);
  };
  return (
    <dl class="audit-details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{shown(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
