/**
 * @module The language picker in the header. A change is saved and the page reloads, so
 * every area (each with its own string table) switches at once.
 */
import { LOCALES, locale, saveLocale, type Locale } from "../i18n";
import { LANGUAGE_NAMES, s } from "./strings";

export function LanguageSwitch({ onChange = () => location.reload() }: { onChange?: (next: Locale) => void }) {
  return (
    <div class="language-switch">
      <label for="console-language" class="visually-hidden">
        {s.language}
      </label>
      <select
        id="console-language"
        value={locale}
        title={s.language}
        onChange={(e) => {
          const next = e.currentTarget.value as Locale;
          if (next === locale) return;
          saveLocale(next);
          onChange(next);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
