/**
 * @module The signed-in agent's profile at /console/profile (the name in the top bar
 * leads here): name, avatar, console language and alert preferences, then the password
 * change. A saved language that differs from the page's reloads the console in it.
 *
 *   <ProfilePage me={me} />
 */
import { useState } from "preact/hooks";
import type { Locale, Me, NotificationPrefs } from "../../worker/protocol";
import { ApiError, errorMessage } from "../api";
import { Field, FormMessage } from "../settings/form-field";
import { adoptLanguage, announceMe, profileApi } from "./profile-api";
import { PasswordForm } from "./password-form";
import { s } from "./strings";
import "../settings/settings.css";
import "../settings/inbox-settings.css";
import "./profile.css";

const LANGUAGES: readonly Locale[] = ["en", "pt-BR", "es"];
const PREF_KEYS = ["sound", "desktop", "newMessage", "newConversation"] as const;
const HTTPS_URL = /^https:\/\/\S+$/i;

export function ProfilePage({ me }: { me: Me }) {
  const [name, setName] = useState(me.agent.name);
  const [avatarUrl, setAvatarUrl] = useState(me.profile.avatarUrl ?? "");
  const [language, setLanguage] = useState<Locale | "">(me.profile.language ?? "");
  const [prefs, setPrefs] = useState<NotificationPrefs>(me.profile.notifications);
  const [errors, setErrors] = useState<Partial<Record<"name" | "avatarUrl", string>>>({});
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const clean = { name: name.trim(), avatarUrl: avatarUrl.trim() };
    const found: typeof errors = {};
    if (clean.name.length < 1 || clean.name.length > 120) found.name = s.nameInvalid;
    if (clean.avatarUrl && !HTTPS_URL.test(clean.avatarUrl)) found.avatarUrl = s.avatarInvalid;
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const saved = await profileApi.update({ name: clean.name, avatarUrl: clean.avatarUrl || null, language: language || null, notifications: prefs });
      announceMe(saved);
      setMessage({ text: s.saved, ok: true });
      if (adoptLanguage(saved.profile.language)) location.reload();
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues : [];
      if (issues.some((i) => i.path[0] === "avatarUrl")) setErrors({ avatarUrl: s.avatarInvalid });
      setMessage({ text: s.failed(errorMessage(err)), ok: false });
    } finally {
      setBusy(false);
    }
  };

  const preview = HTTPS_URL.test(avatarUrl.trim()) ? avatarUrl.trim() : null;
  return (
    <div class="settings profile">
      <div class="settings-title">
        <h1>{s.title}</h1>
        <p role="status" class="settings-status">
          {message?.ok ? message.text : ""}
        </p>
      </div>
      <form class="settings-form" aria-label={s.details} noValidate onSubmit={submit}>
        <Field label={s.name} hint={s.nameHint} error={errors.name}>
          {(aria) => <input {...aria} name="name" autoComplete="name" maxLength={120} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Field label={s.avatar} hint={s.avatarHint} error={errors.avatarUrl}>
          {(aria) => <input {...aria} name="avatarUrl" type="url" inputMode="url" maxLength={2048} value={avatarUrl} onInput={(e) => setAvatarUrl(e.currentTarget.value)} />}
        </Field>
        {/* An https image only: it can show a picture, never run anything. */}
        {preview && <img class="avatar-preview" src={preview} alt={s.avatarPreview} width={48} height={48} referrerpolicy="no-referrer" />}
        <Field label={s.language}>
          {(aria) => (
            <select {...aria} name="language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Locale | "")}>
              <option value="">{s.languageBrowser}</option>
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {s.languageNames[code]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset class="inbox-group">
          <legend>{s.alerts}</legend>
          <p class="muted">{s.alertsHint}</p>
          {PREF_KEYS.map((key) => (
            <label key={key} class="check">
              <input type="checkbox" name={key} checked={prefs[key]} onChange={(e) => setPrefs({ ...prefs, [key]: e.currentTarget.checked })} /> {s[key]}
            </label>
          ))}
        </fieldset>
        <FormMessage message={message && !message.ok ? message.text : null} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? s.saving : s.save}
          </button>
        </div>
      </form>
      <PasswordForm />
    </div>
  );
}
