/**
 * @module Settings → Customer portal (admins): the web chat inbox requests land in, the
 * e-mail inbox sign-in links leave from, and the request categories (an id routing rules
 * name, and a name in each language). Checked with the server's schema before it is sent.
 */
import { useEffect, useState } from "preact/hooks";
import { PortalSettings, PortalSettingsBody, type Inbox, type PortalCategory } from "../../worker/protocol";
import { call } from "../api";
import { checkFields } from "./form-errors";
import { Field, FormMessage } from "./form-field";
import { useSave } from "./use-save";
import { settingsApi } from "./settings-api";
import { portalWords as t } from "./portal-strings";
import type { SectionProps } from "./section-parts";
import { s } from "./strings";

const PATH = "/api/v1/portal-settings";
const LANGUAGES = [["pt-BR", "Português"], ["en", "English"], ["es", "Español"]] as const;

const blankCategory = (): PortalCategory => ({ id: "", names: { "pt-BR": "", en: "", es: "" } });

export function PortalSection(props: SectionProps) {
  const [settings, setSettings] = useState<PortalSettings | null>(null);
  const [inboxes, setInboxes] = useState<Inbox[]>([]);
  const [loadFailed, setLoadFailed] = useState(false);
  const save = useSave({ onForbidden: props.onForbidden });

  useEffect(() => {
    let live = true;
    Promise.all([call(PortalSettings, PATH), settingsApi.inboxes()]).then(
      ([loaded, list]) => {
        if (!live) return;
        setSettings(loaded);
        setInboxes(list);
      },
      () => live && setLoadFailed(true),
    );
    return () => void (live = false);
  }, []);

  if (loadFailed) return <p class="field-error">{t.loadFailed}</p>;
  if (!settings) return <p class="muted">{s.loading}</p>;

  const update = (next: Partial<PortalSettings>) => setSettings({ ...settings, ...next });
  const setCategory = (i: number, next: PortalCategory) => update({ categories: settings.categories.map((k, j) => (j === i ? next : k)) });

  const submit = (e: Event) => {
    e.preventDefault();
    const checked = checkFields(PortalSettingsBody, settings, { categories: t.categoriesInvalid });
    void save.run(checked, async (body) => {
      setSettings(await call(PortalSettings, PATH, { method: "PUT", body }));
      props.announce(t.saved);
    });
  };

  const ofKind = (kind: Inbox["kind"]) => inboxes.filter((i) => i.kind === kind);
  return (
    <form class="settings-form portal-form" aria-label={t.heading} noValidate onSubmit={submit}>
      <h2>{t.heading}</h2>
      <p class="muted">
        {t.intro} <a href="/portal" target="_blank" rel="noopener">{t.open}</a>
      </p>
      <Field label={t.inbox} hint={t.inboxHint} error={save.failure.fields.inboxId}>
        {(aria) => (
          <select {...aria} name="portal-inbox" value={settings.inboxId ?? ""} onChange={(e) => update({ inboxId: e.currentTarget.value || null })}>
            <option value="">{t.off}</option>
            {ofKind("webchat").map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.emailInbox} hint={t.emailInboxHint} error={save.failure.fields.emailInboxId}>
        {(aria) => (
          <select {...aria} name="portal-email-inbox" value={settings.emailInboxId ?? ""} onChange={(e) => update({ emailInboxId: e.currentTarget.value || null })}>
            <option value="">{t.none}</option>
            {ofKind("email").map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset class="portal-categories">
        <legend>{t.categories}</legend>
        <p class="muted">{t.categoriesHint}</p>
        {settings.categories.map((k, i) => (
          <div class="portal-category" key={i}>
            <Field label={t.categoryId}>
              {(aria) => <input {...aria} name={`portal-category-${i}-id`} value={k.id} maxLength={40} onInput={(e) => setCategory(i, { ...k, id: e.currentTarget.value })} />}
            </Field>
            {LANGUAGES.map(([code, language]) => (
              <Field key={code} label={t.categoryName(language)}>
                {(aria) => <input {...aria} name={`portal-category-${i}-${code}`} value={k.names[code]} maxLength={80} onInput={(e) => setCategory(i, { ...k, names: { ...k.names, [code]: e.currentTarget.value } })} />}
              </Field>
            ))}
            <button type="button" onClick={() => update({ categories: settings.categories.filter((_, j) => j !== i) })}>
              {t.removeCategory(k.id)}
            </button>
          </div>
        ))}
        <p class="field-error">{save.failure.fields.categories}</p>
        <button type="button" onClick={() => update({ categories: [...settings.categories, blankCategory()] })}>
          {t.addCategory}
        </button>
      </fieldset>
      <FormMessage message={save.failure.form} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? s.saving : t.save}
        </button>
      </div>
    </form>
  );
}
