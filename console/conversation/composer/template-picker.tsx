/**
 * @module The template picker shown while WhatsApp's 24-hour window is closed: the
 * inbox's approved templates (GET /api/v1/inboxes/{id}/templates), one input per
 * parameter ({{1}}, {{2}}…), a preview as text, and the send, over HTTP
 * (POST /api/v1/conversations/{id}/messages with `template`). The message then arrives
 * in the timeline like any other, through the room's socket.
 */
import { useEffect, useId, useState } from "preact/hooks";
import { TemplateContent, type ChannelTemplate } from "../../../worker/protocol";
import { ApiError, errorMessage } from "../../api";
import { paneApi } from "../api";
import { c } from "../channel-strings";

/** The protocol's bound on one parameter's text, so the input stops where the API would refuse. */
const MAX_PARAMETER_CHARS = TemplateContent.shape.parameters.element.maxLength ?? undefined;

type Load = { state: "loading" } | { state: "failed"; why: string } | { state: "ready"; templates: ChannelTemplate[] };
type Send = { state: "idle" } | { state: "sending" } | { state: "sent" } | { state: "failed"; why: string };

/** The template's body with each {{n}} that has a value filled in; the rest stay visible. */
export function fillTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1]?.trim() || whole);
}

export function TemplatePicker(props: { inboxId: string; conversationId: string; onRefused: () => void }) {
  const selectId = `${useId()}-template`;
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [chosen, setChosen] = useState<number | null>(null);
  const [params, setParams] = useState<string[]>([]);
  const [send, setSend] = useState<Send>({ state: "idle" });
  // One id per message: sending again after a lost answer is the same message (the room
  // stores it once); a different template or different parameters are a new one.
  const [clientId, setClientId] = useState(() => crypto.randomUUID());

  useEffect(() => {
    let live = true;
    paneApi.templates(props.inboxId).then(
      (r) => live && setLoad({ state: "ready", templates: r.templates }),
      (err: unknown) => live && setLoad({ state: "failed", why: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [props.inboxId]);

  const templates = load.state === "ready" ? load.templates : [];
  const template = chosen === null ? null : (templates[chosen] ?? null);
  const complete = template !== null && params.every((p) => p.trim() !== "");
  const sending = send.state === "sending";

  const choose = (value: string) => {
    const index = value === "" ? null : Number(value);
    setChosen(index);
    setParams(Array.from({ length: index === null ? 0 : (templates[index]?.parameterCount ?? 0) }, () => ""));
    setClientId(crypto.randomUUID());
    setSend({ state: "idle" });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!template || !complete || sending) return;
    setSend({ state: "sending" });
    try {
      await paneApi.postMessage(props.conversationId, {
        clientId,
        template: { name: template.name, language: template.language, parameters: params.map((p) => p.trim()) },
      });
      setSend({ state: "sent" });
      setChosen(null);
      setParams([]);
      setClientId(crypto.randomUUID());
    } catch (err) {
      if (err instanceof ApiError && err.code === "outside_service_window") props.onRefused();
      setSend({ state: "failed", why: errorMessage(err) });
    }
  };

  return (
    <form class="template-picker" onSubmit={(e) => void submit(e)}>
      {load.state === "loading" && <p class="muted">{c.templates.loading}</p>}
      {load.state === "failed" && (
        <p class="error" role="alert">
          {c.templates.loadFailed(load.why)}
        </p>
      )}
      {load.state === "ready" && templates.length === 0 && <p class="muted">{c.templates.none}</p>}
      {templates.length > 0 && (
        <div class="template-fields">
          <div class="template-field">
            <label for={selectId}>{c.templates.label}</label>
            <select id={selectId} value={chosen === null ? "" : String(chosen)} disabled={sending} onChange={(e) => choose(e.currentTarget.value)}>
              <option value="">{c.templates.choose}</option>
              {templates.map((t, i) => (
                <option key={`${t.name}:${t.language}`} value={String(i)}>
                  {`${t.name} (${t.language})`}
                </option>
              ))}
            </select>
          </div>
          {params.map((value, i) => (
            <label key={i} class="template-field">
              <span>{c.templates.parameter(i + 1)}</span>
              <input
                type="text"
                required
                value={value}
                maxLength={MAX_PARAMETER_CHARS}
                disabled={sending}
                onInput={(e) => {
                  const next = e.currentTarget.value;
                  setParams((list) => list.map((p, j) => (j === i ? next : p)));
                  setClientId(crypto.randomUUID());
                }}
              />
            </label>
          ))}
        </div>
      )}
      {template && (
        <>
          <p class="template-preview">
            <span class="muted">{c.templates.preview}:</span> {fillTemplate(template.body, params)}
          </p>
          <button type="submit" class="send-button" disabled={!complete || sending}>
            {sending ? c.templates.sending : c.templates.send}
          </button>
        </>
      )}
      {send.state === "sent" && (
        <p class="template-sent" role="status">
          {c.templates.sent}
        </p>
      )}
      {send.state === "failed" && (
        <p class="error" role="alert">
          {c.templates.failed(send.why)}
        </p>
      )}
    </form>
  );
}
