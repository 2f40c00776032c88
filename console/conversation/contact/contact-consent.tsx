/**
 * @module The contact panel's consent ledger (issue 16, LGPD): the current state per
 * channel and purpose, the history — who recorded what, when, how, on what evidence,
 * with the exact text shown — and a small form to record a grant or a revocation the
 * customer gave elsewhere. Records are never edited here or anywhere: a mistake is
 * corrected by a new record. Every customer-written value (text shown, evidence) is
 * rendered as text.
 */
import { useEffect, useState } from "preact/hooks";
import { ChannelKind, RecordedConsentSource, type ConsentChannel, type ConsentPurpose, type ContactConsent, type RecordConsentBody } from "../../../worker/protocol";
import { errorMessage } from "../../api";
import { s as listStrings } from "../../list/strings";
import { formatDateTime } from "../format";
import { consentApi } from "./consent-api";
import { s } from "./consent-strings";

const CHANNELS: ConsentChannel[] = ["any", ...ChannelKind.options];
const channelName = (channel: ConsentChannel) => (channel === "any" ? s.anyChannel : listStrings.channels[channel]);
const purposeName = (purposes: readonly ConsentPurpose[], id: string) => {
  const p = purposes.find((x) => x.id === id);
  if (!p) return id;
  return p.archivedAt === null ? p.name : s.archived(p.name);
};

export function ContactConsentSection(props: { contactId: string }) {
  const [ledger, setLedger] = useState<ContactConsent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    consentApi.ledger(props.contactId).then(
      (l) => {
        setLedger(l);
        setError(null);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  useEffect(() => {
    setLedger(null);
    void load();
  }, [props.contactId]);

  return (
    <section class="contact-section contact-consent" aria-labelledby="contact-consent">
      <h4 id="contact-consent">{s.title}</h4>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {ledger && <ConsentStates ledger={ledger} />}
      {ledger && ledger.records.length > 0 && <ConsentHistory ledger={ledger} />}
      {ledger && <RecordConsentForm contactId={props.contactId} purposes={ledger.purposes} onRecorded={load} />}
    </section>
  );
}

function ConsentStates({ ledger }: { ledger: ContactConsent }) {
  if (ledger.states.length === 0) return <p class="muted">{s.none}</p>;
  return (
    <>
      <h5>{s.current}</h5>
      <ul class="consent-states">
        {ledger.states.map((st) => (
          <li key={`${st.channel}:${st.purposeId}`} data-granted={st.granted}>
            <span>{s.stateLine(purposeName(ledger.purposes, st.purposeId), channelName(st.channel))}</span>{" "}
            <strong class={st.granted ? "consent-granted" : "consent-revoked"}>{st.granted ? s.granted : s.revoked}</strong>{" "}
            <span class="muted">{s.since(formatDateTime(st.at))}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function ConsentHistory({ ledger }: { ledger: ContactConsent }) {
  return (
    <>
      <h5>{s.history}</h5>
      <ol class="consent-history">
        {ledger.records.map((r) => {
          const who = r.recordedBy.type === "contact" ? s.recorders.contact : `${s.recorders[r.recordedBy.type]} ${r.recordedBy.name ?? ""}`.trim();
          return (
            <li key={r.id}>
              <p>
                <strong>{s.recordLine(r.action === "grant" ? s.grantedBy : s.revokedBy, purposeName(ledger.purposes, r.purposeId), channelName(r.channel))}</strong>
              </p>
              <p class="muted">
                {formatDateTime(r.at)} · {s.by(who)}
              </p>
              <dl class="consent-facts">
                <dt>{s.how}</dt>
                <dd>{s.sources[r.source]}</dd>
                {r.evidence && (
                  <>
                    <dt>{s.evidence}</dt>
                    <dd>{r.evidence}</dd>
                  </>
                )}
                {r.textShown && (
                  <>
                    <dt>{s.textShown}</dt>
                    <dd>
                      <q>{r.textShown}</q>
                    </dd>
                  </>
                )}
                {r.ip && (
                  <>
                    <dt>{s.ip}</dt>
                    <dd>{r.ip}</dd>
                  </>
                )}
              </dl>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function RecordConsentForm(props: { contactId: string; purposes: readonly ConsentPurpose[]; onRecorded: () => Promise<void> }) {
  const usable = props.purposes.filter((p) => p.archivedAt === null);
  const [action, setAction] = useState<RecordConsentBody["action"]>("grant");
  const [purposeId, setPurposeId] = useState(usable[0]?.id ?? "");
  const [channel, setChannel] = useState<ConsentChannel>("whatsapp");
  const [source, setSource] = useState<RecordConsentBody["source"]>("agent");
  const [evidence, setEvidence] = useState("");
  const [textShown, setTextShown] = useState("");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      await consentApi.record(props.contactId, {
        action,
        purposeId,
        channel,
        source,
        ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        ...(textShown.trim() ? { textShown: textShown.trim() } : {}),
      });
      setEvidence("");
      setTextShown("");
      await props.onRecorded();
      setStatus({ ok: true, text: s.saved });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="consent-record">
      <summary>{s.record}</summary>
      <form class="consent-form" onSubmit={submit}>
        <p class="muted">{s.recordIntro}</p>
        <label>
          {s.action}
          <select name="action" value={action} onChange={(e) => setAction(e.currentTarget.value as RecordConsentBody["action"])}>
            <option value="grant">{s.grant}</option>
            <option value="revoke">{s.revoke}</option>
          </select>
        </label>
        <label>
          {s.purpose}
          <select name="purposeId" value={purposeId} onChange={(e) => setPurposeId(e.currentTarget.value)}>
            {usable.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.channel}
          <select name="channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value as ConsentChannel)}>
            {CHANNELS.map((ch) => (
              <option key={ch} value={ch}>
                {channelName(ch)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.source}
          <select name="source" value={source} onChange={(e) => setSource(e.currentTarget.value as RecordConsentBody["source"])}>
            {RecordedConsentSource.options.map((src) => (
              <option key={src} value={src}>
                {s.sources[src]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.evidence}
          <input name="evidence" value={evidence} maxLength={200} placeholder={s.evidenceHint} onInput={(e) => setEvidence(e.currentTarget.value)} />
        </label>
        <label>
          {s.textShown}
          <textarea name="textShown" value={textShown} maxLength={2000} rows={2} placeholder={s.textHint} onInput={(e) => setTextShown(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || !purposeId}>
          {s.save}
        </button>
        {status && (
          <p class={status.ok ? "muted" : "error"} role={status.ok ? "status" : "alert"}>
            {status.text}
          </p>
        )}
      </form>
    </details>
  );
}
