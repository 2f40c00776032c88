/**
 * @module One endpoint's delivery log (Settings → Webhooks): each delivery's event,
 * status, last HTTP code, latency, attempts and the receiver's response excerpt (as
 * text: it is whatever the receiver answered), newest first, with "Send again".
 */
import { useEffect, useState } from "preact/hooks";
import type { WebhookDelivery } from "../../worker/protocol";
import { errorMessage } from "../api";
import { formatDateTime } from "../conversation/format";
import { webhooksApi } from "./webhooks-api";
import { webhookWords as t } from "./webhook-strings";

export function WebhookLog(props: { endpointId: string; announce: (message: string) => void }) {
  const [rows, setRows] = useState<WebhookDelivery[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (after: string | null) => {
    try {
      const page = await webhooksApi.deliveries(props.endpointId, after);
      setRows((before) => [...(after ? (before ?? []) : []), ...page.deliveries]);
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useEffect(() => void load(null), [props.endpointId]);

  const resend = async (id: string) => {
    try {
      await webhooksApi.resend(id);
      props.announce(t.resent);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  if (error) return <p role="alert" class="form-error">{error}</p>;
  if (rows === null) return <p role="status" class="muted">…</p>;
  if (rows.length === 0) return <p class="muted">{t.logEmpty}</p>;
  return (
    <div class="webhook-log">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.columns.when}</th>
            <th scope="col">{t.columns.event}</th>
            <th scope="col">{t.columns.status}</th>
            <th scope="col">{t.columns.code}</th>
            <th scope="col">{t.columns.latency}</th>
            <th scope="col">{t.columns.attempts}</th>
            <th scope="col">{t.columns.response}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-delivery={d.id}>
              <td>{formatDateTime(d.createdAt)}</td>
              <td>
                <code>{d.event}</code>
              </td>
              <td class={`webhook-status-${d.status}`}>{t.statuses[d.status]}</td>
              <td>{d.lastStatusCode ?? t.noCode}</td>
              <td>{d.latencyMs === null ? t.noCode : t.ms(d.latencyMs)}</td>
              <td>{d.attempts}</td>
              {/* The receiver's words, rendered as text (never as markup). */}
              <td class="webhook-excerpt">{d.responseExcerpt ?? ""}</td>
              <td>
                <button type="button" onClick={() => resend(d.id)}>
                  {t.resend}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
          {t.more}
        </button>
      )}
    </div>
  );
}
