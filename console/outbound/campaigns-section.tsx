/**
 * @module Settings → Campaigns (admins and owners; issue 16): write a draft — name,
 * WhatsApp/SMS/e-mail inbox, purpose, the contacts (by tag or attribute), the template
 * or text — start it, and follow each campaign: progress (to send, sent, skipped,
 * failed), the report (delivered, read, replied, opted out) and who was skipped and why.
 * Names and reasons render as text, never as HTML.
 */
import { useEffect, useState } from "preact/hooks";
import { CreateCampaignBody, type Campaign, type CampaignDetail, type CampaignRecipient, type ConsentPurpose } from "../../worker/protocol";
import { errorMessage } from "../api";
import { useDirectory } from "../shared/use-directory";
import { Field, FormMessage } from "../settings/form-field";
import { checkFields } from "../settings/form-errors";
import { ListStatus, type SectionProps } from "../settings/section-parts";
import { useSave } from "../settings/use-save";
import { useSettingsList } from "../settings/use-settings-list";
import { outboundApi } from "./outbound-api";
import { ow } from "./outbound-strings";
import "./outbound.css";

const t = ow.campaigns;
const CAN_START = new Set(["whatsapp", "sms", "email"]);
const newestFirst = (a: Campaign, b: Campaign) => b.createdAt - a.createdAt;

export function CampaignsSection(props: SectionProps) {
  const list = useSettingsList(outboundApi.campaigns, newestFirst, props.onForbidden);
  return (
    <section class="settings-section" aria-labelledby="settings-campaigns-heading">
      <h2 id="settings-campaigns-heading">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      <CreateForm
        onForbidden={props.onForbidden}
        onCreated={(c) => {
          list.put(c);
          props.announce(t.created(c.name));
        }}
      />
      <ListStatus state={list.state} empty={t.empty} onRetry={list.reload}>
        {(campaigns) => (
          <ul class="settings-list">
            {campaigns.map((c) => (
              <CampaignRow key={c.id} campaign={c} onChanged={list.put} announce={props.announce} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function CreateForm(props: { onForbidden: () => void; onCreated: (c: Campaign) => void }) {
  const { inboxes, tags } = useDirectory();
  const senders = inboxes.filter((i) => CAN_START.has(i.kind));
  const [purposes, setPurposes] = useState<ConsentPurpose[]>([]);
  const [form, setForm] = useState({ name: "", inboxId: "", purposeId: "", by: "tag", tagId: "", key: "", value: "", templateName: "", language: "pt_BR", parameters: "", subject: "", text: "" });
  const save = useSave({ onForbidden: props.onForbidden });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const kind = senders.find((i) => i.id === form.inboxId)?.kind;

  useEffect(() => {
    outboundApi.purposes().then(setPurposes, () => setPurposes([]));
  }, []);

  const submit = (e: Event) => {
    e.preventDefault();
    const message =
      kind === "whatsapp"
        ? { template: { name: form.templateName.trim(), language: form.language.trim(), parameters: form.parameters.split("\n").map((p) => p.trim()).filter(Boolean) } }
        : { text: form.text, ...(kind === "email" ? { subject: form.subject } : {}) };
    const condition = form.by === "tag" ? { kind: "tag", tagId: form.tagId } : { kind: "attribute", key: form.key, value: form.value };
    const body = { name: form.name, inboxId: form.inboxId, purposeId: form.purposeId, message, segment: { all: [condition] } };
    void save.run(checkFields(CreateCampaignBody, body, {}), async (data) => {
      props.onCreated(await outboundApi.createCampaign(data));
      set({ name: "", text: "", subject: "", parameters: "" });
    });
  };

  const error = (field: string) => save.failure.fields[field];
  return (
    <form class="settings-form" onSubmit={submit}>
      <Field label={t.name} error={error("name")}>
        {(aria) => <input {...aria} type="text" maxLength={120} value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />}
      </Field>
      <Field label={ow.inbox} error={error("inboxId")}>
        {(aria) => (
          <select {...aria} value={form.inboxId} onChange={(e) => set({ inboxId: e.currentTarget.value })}>
            <option value="">{ow.chooseInbox}</option>
            {senders.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={ow.purpose} error={error("purposeId")}>
        {(aria) => (
          <select {...aria} value={form.purposeId} onChange={(e) => set({ purposeId: e.currentTarget.value })}>
            <option value="">{ow.choosePurpose}</option>
            {purposes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.segmentKind} error={error("segment")}>
        {(aria) => (
          <div class="campaign-segment">
            <select {...aria} value={form.by} onChange={(e) => set({ by: e.currentTarget.value })}>
              <option value="tag">{t.byTag}</option>
              <option value="attribute">{t.byAttribute}</option>
            </select>
            {form.by === "tag" ? (
              <select aria-label={t.tagId} value={form.tagId} onChange={(e) => set({ tagId: e.currentTarget.value })}>
                <option value="" />
                {tags.map((tag) => (
                  <option key={tag.id} value={tag.id}>
                    {tag.name}
                  </option>
                ))}
              </select>
            ) : (
              <>
                <input aria-label={t.attributeKey} placeholder={t.attributeKey} type="text" value={form.key} onInput={(e) => set({ key: e.currentTarget.value })} />
                <input aria-label={t.attributeValue} placeholder={t.attributeValue} type="text" value={form.value} onInput={(e) => set({ value: e.currentTarget.value })} />
              </>
            )}
          </div>
        )}
      </Field>
      {kind === "whatsapp" && (
        <>
          <Field label={t.templateName}>{(aria) => <input {...aria} type="text" value={form.templateName} onInput={(e) => set({ templateName: e.currentTarget.value })} />}</Field>
          <Field label={t.templateLanguage}>{(aria) => <input {...aria} type="text" value={form.language} onInput={(e) => set({ language: e.currentTarget.value })} />}</Field>
          <Field label={t.parameters} hint={t.parametersHint}>
            {(aria) => <textarea {...aria} rows={3} value={form.parameters} onInput={(e) => set({ parameters: e.currentTarget.value })} />}
          </Field>
        </>
      )}
      {kind === "email" && <Field label={ow.subject}>{(aria) => <input {...aria} type="text" maxLength={998} value={form.subject} onInput={(e) => set({ subject: e.currentTarget.value })} />}</Field>}
      {kind && kind !== "whatsapp" && <Field label={ow.text}>{(aria) => <textarea {...aria} rows={4} value={form.text} onInput={(e) => set({ text: e.currentTarget.value })} />}</Field>}
      <FormMessage message={save.failure.form ?? (error("message") || null)} />
      <button type="submit" class="primary" disabled={save.busy}>
        {t.create}
      </button>
    </form>
  );
}

function CampaignRow(props: { campaign: Campaign; onChanged: (c: Campaign) => void; announce: (text: string) => void }) {
  const c = props.campaign;
  const [detail, setDetail] = useState<CampaignDetail | null>(null);
  const [skipped, setSkipped] = useState<CampaignRecipient[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  const refresh = async () => {
    try {
      const next = await outboundApi.campaign(c.id);
      setDetail(next);
      props.onChanged(next);
      if (next.counts.skipped > 0) setSkipped((await outboundApi.recipients(c.id, "skipped")).recipients);
      setProblem(null);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  const start = async () => {
    setAsking(false);
    try {
      const next = await outboundApi.startCampaign(c.id);
      setDetail(next);
      props.onChanged(next);
      props.announce(t.startedNote(c.name));
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };

  const counts = detail?.counts ?? c.counts;
  return (
    <li class="campaign-row">
      <div class="settings-row-head">
        <strong>{c.name}</strong> <span class="muted">{t.status[detail?.status ?? c.status]}</span>
        <span class="campaign-counts">{(["sent", "pending", "skipped", "failed"] as const).map((k) => `${counts[k]} ${t.counts[k]}`).join(" · ")}</span>
        <button type="button" onClick={() => void refresh()}>
          {t.refresh}
        </button>
        {(detail?.status ?? c.status) === "draft" &&
          (asking ? (
            <span role="group">
              {t.startConfirm(c.name)}{" "}
              <button type="button" class="primary" onClick={() => void start()}>
                {t.start}
              </button>
              <button type="button" onClick={() => setAsking(false)}>
                {ow.cancel}
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setAsking(true)}>
              {t.start}
            </button>
          ))}
      </div>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {detail && (
        <dl class="campaign-report">
          {(Object.keys(t.report) as Array<keyof typeof t.report>).map((k) => (
            <div key={k}>
              <dt>{t.report[k]}</dt>
              <dd>{detail.report[k]}</dd>
            </div>
          ))}
        </dl>
      )}
      {skipped && skipped.length > 0 && (
        <details>
          <summary>{t.skippedList}</summary>
          <ul>
            {skipped.map((r) => (
              <li key={r.contactId}>
                {r.contactName ?? r.contactId} — {r.reason ? t.reason[r.reason] : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
