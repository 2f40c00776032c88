/**
 * @module Settings → Inboxes → Bot: an inbox's built-in menu bot. Loads the stored bot
 * (or a new one with texts in the admin's language), checks it against the protocol's
 * schema before sending, and saves it whole.
 */
import { useEffect, useState } from "preact/hooks";
import { MAX_MENU_OPTIONS, MenuBot, defaultMenuBot, type MenuOption, type Team } from "../../worker/protocol";
import { locale } from "../i18n";
import { botApi } from "./bot-api";
import { BotOptionFields } from "./bot-option-fields";
import { bs } from "./bot-strings";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { inboxApi } from "./inbox-api";
import { useSave } from "./use-save";
import { s } from "./strings";

export function BotSection(props: { inboxId: string; onForbidden: () => void }) {
  const [bot, setBot] = useState<MenuBot | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [words, setWords] = useState("");
  const [loadFailed, setLoadFailed] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useSave({ onForbidden: props.onForbidden });
  const errors = save.failure.fields;

  useEffect(() => {
    let live = true;
    Promise.all([botApi.get(props.inboxId), inboxApi.teams()]).then(
      ([stored, list]) => {
        if (!live) return;
        const shown = stored ?? defaultMenuBot(locale);
        setBot(shown);
        setWords(shown.handoffWords.join(", "));
        setTeams(list);
      },
      () => live && setLoadFailed(true),
    );
    return () => void (live = false);
  }, [props.inboxId]);

  if (loadFailed) return <p class="field-error">{bs.loadFailed}</p>;
  if (!bot) return <p class="muted">{s.loading}</p>;
  const set = <K extends keyof MenuBot>(key: K, value: MenuBot[K]) => {
    setSaved(false);
    setBot({ ...bot, [key]: value });
  };
  const setOption = (i: number, option: MenuOption | null) => set("options", option ? bot.options.map((o, j) => (j === i ? option : o)) : bot.options.filter((_, j) => j !== i));

  const submit = (e: Event) => {
    e.preventDefault();
    const handoffWords = words.split(",").map((w) => w.trim()).filter(Boolean);
    const checked = checkFields(MenuBot, { ...bot, handoffWords }, {
      name: bs.textInvalid,
      greeting: bs.textInvalid,
      invalidText: bs.textInvalid,
      handoffText: bs.textInvalid,
      options: bs.labelInvalid,
      timeoutMinutes: bs.timeoutInvalid,
      handoffWords: bs.wordsInvalid,
    });
    void save.run(checked, async (body) => {
      setBot(await botApi.save(props.inboxId, body));
      setSaved(true);
    });
  };

  const text = (key: "name" | "greeting" | "invalidText" | "handoffText", label: string, rows = 2) => (
    <Field label={label} error={errors[key]}>
      {(aria) => (rows === 1 ? <input {...aria} name={key} value={bot[key]} onInput={(e) => set(key, e.currentTarget.value)} /> : <textarea {...aria} name={key} rows={rows} value={bot[key]} onInput={(e) => set(key, e.currentTarget.value)} />)}
    </Field>
  );
  return (
    <form class="settings-form bot-form" aria-label={bs.heading} noValidate onSubmit={submit}>
      <h3>{bs.heading}</h3>
      <p class="muted">{bs.intro}</p>
      <label class="check">
        <input type="checkbox" name="enabled" checked={bot.enabled} onChange={(e) => set("enabled", e.currentTarget.checked)} /> {bs.enabled}
      </label>
      {text("name", bs.name, 1)}
      {text("greeting", bs.greeting)}
      <fieldset class="inbox-group">
        <legend>{bs.options}</legend>
        {bot.options.map((o, i) => (
          <BotOptionFields key={i} index={i} option={o} teams={teams} onChange={(next) => setOption(i, next)} onRemove={() => setOption(i, null)} />
        ))}
        {errors.options && <p class="field-error">{errors.options}</p>}
        <button type="button" disabled={bot.options.length >= MAX_MENU_OPTIONS} onClick={() => set("options", [...bot.options, { label: "", action: { type: "human" } }])}>
          {bs.addOption}
        </button>
      </fieldset>
      {text("invalidText", bs.invalidText)}
      {text("handoffText", bs.handoffText)}
      <Field label={bs.timeout} error={errors.timeoutMinutes}>
        {(aria) => <input {...aria} name="timeoutMinutes" type="number" min={1} max={1440} value={bot.timeoutMinutes} onInput={(e) => set("timeoutMinutes", Number(e.currentTarget.value))} />}
      </Field>
      <Field label={bs.handoffWords} hint={bs.handoffWordsHint} error={errors.handoffWords}>
        {(aria) => <input {...aria} name="handoffWords" value={words} onInput={(e) => setWords(e.currentTarget.value)} />}
      </Field>
      <FormMessage message={save.failure.form} />
      {saved && <p role="status">{bs.saved}</p>}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? s.saving : bs.save}
        </button>
      </div>
    </form>
  );
}
