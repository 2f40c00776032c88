/**
 * @module "New conversation" from the contact panel (issue 16): the agent picks a
 * WhatsApp, SMS or e-mail inbox and a consent purpose, then an approved template with its
 * parameters (WhatsApp), a text (SMS) or a subject and text (e-mail), and sends
 * (POST /api/v1/conversations/outbound). A refusal — no consent, no address on the
 * channel, opted out — is shown in the dialog by its code, in the agent's language.
 */
import { useEffect, useId, useState } from "preact/hooks";
import type { ChannelTemplate, ConsentPurpose, ErrorCode, Inbox, OutboundResult } from "../../worker/protocol";
import { ApiError, errorMessage } from "../api";
import { paneApi } from "../conversation/api";
import { fillTemplate } from "../conversation/composer/template-picker";
import { conversationPath, navigate } from "../router";
import { Modal } from "../shell/modal";
import { outboundApi } from "./outbound-api";
import { ow } from "./outbound-strings";
import "./outbound.css";

const CAN_START = new Set(["whatsapp", "sms", "email"]);

type Outcome = { state: "idle" } | { state: "sending" } | { state: "sent"; result: OutboundResult } | { state: "failed"; why: string };

/** The refusal in the agent's words when the code is one we explain, else the server's. */
export function refusalText(err: unknown): string {
  if (err instanceof ApiError) return ow.refusal[err.code as ErrorCode] ?? ow.failed(err.message);
  return ow.failed(errorMessage(err));
}

export function NewConversationDialog(props: { contactId: string; contactName: string; inboxes: readonly Inbox[]; onClose: () => void }) {
  const id = useId();
  const inboxes = props.inboxes.filter((i) => CAN_START.has(i.kind));
  const [inboxId, setInboxId] = useState(inboxes.length === 1 ? inboxes[0]!.id : "");
  const [purposes, setPurposes] = useState<ConsentPurpose[] | { failed: string } | null>(null);
  const [purposeId, setPurposeId] = useState("");
  const [templates, setTemplates] = useState<ChannelTemplate[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [params, setParams] = useState<string[]>([]);
  const [text, setText] = useState("");
  const [subject, setSubject] = useState("");
  const [outcome, setOutcome] = useState<Outcome>({ state: "idle" });
  // One id per message: a retry after a lost answer is the same message.
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const inbox = inboxes.find((i) => i.id === inboxId) ?? null;

  useEffect(() => {
    outboundApi.purposes().then(setPurposes, (err: unknown) => setPurposes({ failed: errorMessage(err) }));
  }, []);
  useEffect(() => {
    setTemplates([]);
    setChosen(null);
    if (inbox?.kind !== "whatsapp") return;
    let live = true;
    paneApi.templates(inbox.id).then((r) => live && setTemplates(r.templates), () => live && setTemplates([]));
    return () => {
      live = false;
    };
  }, [inbox?.id]);

  const changed = () => {
    setClientId(crypto.randomUUID());
    if (outcome.state !== "sending") setOutcome({ state: "idle" });
  };
  const template = chosen === null ? null : (templates[chosen] ?? null);
  const message =
    inbox?.kind === "whatsapp"
      ? template && { template: { name: template.name, language: template.language, parameters: params.map((p) => p.trim()) } }
      : inbox?.kind === "email"
        ? subject.trim() && text.trim() && { subject: subject.trim(), text }
        : text.trim() && { text };
  const ready = Boolean(inbox && purposeId && message && params.every((p) => p.trim() !== ""));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready || !message || outcome.state === "sending") return;
    setOutcome({ state: "sending" });
    try {
      const result = await outboundApi.start({ contactId: props.contactId, inboxId, purposeId, clientId, message });
      setOutcome({ state: "sent", result });
    } catch (err) {
      setOutcome({ state: "failed", why: refusalText(err) });
    }
  };

  return (
    <Modal title={ow.dialogTitle(props.contactName)} closeLabel={ow.cancel} onClose={props.onClose}>
      <form class="new-conversation" onSubmit={(e) => void submit(e)}>
        {inboxes.length === 0 && <p class="muted">{ow.noInboxes}</p>}
        <label for={`${id}-inbox`}>{ow.inbox}</label>
        <select id={`${id}-inbox`} value={inboxId} onChange={(e) => (setInboxId(e.currentTarget.value), changed())}>
          <option value="">{ow.chooseInbox}</option>
          {inboxes.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        <label for={`${id}-purpose`}>{ow.purpose}</label>
        {purposes && "failed" in purposes ? (
          <p class="error" role="alert">
            {ow.purposesFailed(purposes.failed)}
          </p>
        ) : (
          <select id={`${id}-purpose`} value={purposeId} onChange={(e) => (setPurposeId(e.currentTarget.value), changed())}>
            <option value="">{ow.choosePurpose}</option>
            {(purposes ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
        {inbox?.kind === "whatsapp" && (
          <>
            <label for={`${id}-template`}>{ow.template}</label>
            <select
              id={`${id}-template`}
              value={chosen === null ? "" : String(chosen)}
              onChange={(e) => {
                const index = e.currentTarget.value === "" ? null : Number(e.currentTarget.value);
                setChosen(index);
                setParams(Array.from({ length: index === null ? 0 : (templates[index]?.parameterCount ?? 0) }, () => ""));
                changed();
              }}
            >
              <option value="">{ow.chooseTemplate}</option>
              {templates.map((t, i) => (
                <option key={`${t.name}:${t.language}`} value={String(i)}>{`${t.name} (${t.language})`}</option>
              ))}
            </select>
            {params.map((value, i) => (
              <label key={i} class="template-field">
                <span>{ow.parameter(i + 1)}</span>
                <input type="text" required value={value} onInput={(e) => (setParams((list) => list.map((p, j) => (j === i ? e.currentTarget.value : p))), changed())} />
              </label>
            ))}
            {template && <p class="template-preview">{fillTemplate(template.body, params)}</p>}
          </>
        )}
        {inbox?.kind === "email" && (
          <>
            <label for={`${id}-subject`}>{ow.subject}</label>
            <input id={`${id}-subject`} type="text" maxLength={998} value={subject} onInput={(e) => (setSubject(e.currentTarget.value), changed())} />
          </>
        )}
        {inbox && inbox.kind !== "whatsapp" && (
          <>
            <label for={`${id}-text`}>{ow.text}</label>
            <textarea id={`${id}-text`} rows={5} value={text} onInput={(e) => (setText(e.currentTarget.value), changed())} />
          </>
        )}
        {outcome.state === "failed" && (
          <p class="error" role="alert">
            {outcome.why}
          </p>
        )}
        {outcome.state === "sent" && (
          <p role="status">
            {ow.started} {outcome.result.basis === "service_window" && ow.viaWindow}{" "}
            <a
              href={conversationPath(outcome.result.conversationId)}
              onClick={(e) => {
                e.preventDefault();
                props.onClose();
                navigate(conversationPath(outcome.result.conversationId));
              }}
            >
              {ow.openConversation}
            </a>
          </p>
        )}
        <div class="modal-actions">
          <button type="button" onClick={props.onClose}>
            {ow.cancel}
          </button>
          <button type="submit" class="primary" disabled={!ready || outcome.state === "sending" || outcome.state === "sent"}>
            {outcome.state === "sending" ? ow.sending : ow.send}
          </button>
        </div>
      </form>
    </Modal>
  );
}
