/**
 * @module Settings → Inboxes → Agent bot: an inbox's external bot (URL, name, handoff
 * words and text), checked against the protocol's schema before it is sent; the signing
 * secret is shown once, in the answer to the save that made it.
 */
import { useEffect, useState } from "preact/hooks";
import { AgentBot, AgentBotAnswer, type SaveAgentBotBody } from "../../worker/protocol";
import { call } from "../api";
import { abs } from "./agent-bot-strings";
import { CopyField } from "./copy-field";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { useSave } from "./use-save";
import { s } from "./strings";

const path = (inboxId: string) => `/api/v1/inboxes/${encodeURIComponent(inboxId)}/agent-bot`;
const agentBotApi = {
  get: (inboxId: string) => call(AgentBotAnswer, path(inboxId)),
  save: (inboxId: string, body: SaveAgentBotBody) => call(AgentBotAnswer, path(inboxId), { method: "PUT", body }),
};

export function AgentBotSection(props: { inboxId: string; onForbidden: () => void }) {
  const [bot, setBot] = useState<AgentBot | null>(null);
  const [words, setWords] = useState("");
  const [roll, setRoll] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const save = useSave({ onForbidden: props.onForbidden });
  const errors = save.failure.fields;

  useEffect(() => {
    let live = true;
    agentBotApi.get(props.inboxId).then(
      (answer) => {
        if (!live) return;
        const shown = answer.bot ?? { enabled: false, name: abs.defaultName, url: "", handoffWords: ["atendente", "humano", "human", "agente"], handoffText: null };
        setBot(shown);
        setWords(shown.handoffWords.join(", "));
      },
      () => live && setLoadFailed(true),
    );
    return () => void (live = false);
  }, [props.inboxId]);

  if (loadFailed) return <p class="field-error">{abs.loadFailed}</p>;
  if (!bot) return <p class="muted">{s.loading}</p>;
  const set = <K extends keyof AgentBot>(key: K, value: AgentBot[K]) => {
    setSaved(false);
    setBot({ ...bot, [key]: value });
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const handoffWords = words.split(",").map((w) => w.trim()).filter(Boolean);
    const checked = checkFields(AgentBot, { ...bot, handoffWords, handoffText: bot.handoffText?.trim() ? bot.handoffText : null }, {
      name: abs.nameInvalid,
      url: abs.urlInvalid,
      handoffWords: abs.wordsInvalid,
      handoffText: abs.textInvalid,
    });
    void save.run(checked, async (body) => {
      const answer = await agentBotApi.save(props.inboxId, { ...body, ...(roll ? { rollSecret: true } : {}) });
      setBot(answer.bot);
      setSecret(answer.secret ?? null);
      setRoll(false);
      setSaved(true);
    });
  };

  return (
    <form class="settings-form bot-form" aria-label={abs.heading} noValidate onSubmit={submit}>
      <h3>{abs.heading}</h3>
      <p class="muted">{abs.intro}</p>
      <label class="check">
        <input type="checkbox" name="agent-bot-enabled" checked={bot.enabled} onChange={(e) => set("enabled", e.currentTarget.checked)} /> {abs.enabled}
      </label>
      <Field label={abs.name} error={errors.name}>
        {(aria) => <input {...aria} name="agent-bot-name" value={bot.name} maxLength={60} onInput={(e) => set("name", e.currentTarget.value)} />}
      </Field>
      <Field label={abs.url} hint={abs.urlHint} error={errors.url}>
        {(aria) => <input {...aria} name="agent-bot-url" type="url" inputMode="url" value={bot.url} maxLength={2048} onInput={(e) => set("url", e.currentTarget.value)} />}
      </Field>
      <Field label={abs.handoffWords} hint={abs.handoffWordsHint} error={errors.handoffWords}>
        {(aria) => <input {...aria} name="agent-bot-words" value={words} onInput={(e) => setWords(e.currentTarget.value)} />}
      </Field>
      <Field label={abs.handoffText} hint={abs.handoffTextHint} error={errors.handoffText}>
        {(aria) => <textarea {...aria} name="agent-bot-handoff" rows={2} value={bot.handoffText ?? ""} onInput={(e) => set("handoffText", e.currentTarget.value)} />}
      </Field>
      <label class="check">
        <input type="checkbox" name="agent-bot-roll" checked={roll} onChange={(e) => setRoll(e.currentTarget.checked)} /> {abs.rollSecret}
      </label>
      <FormMessage message={save.failure.form} />
      {saved && <p role="status">{abs.saved}</p>}
      {secret && <CopyField label={abs.secret} hint={abs.secretHint} value={secret} rows={1} class="agent-bot-secret" />}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? s.saving : abs.save}
        </button>
      </div>
    </form>
  );
}
