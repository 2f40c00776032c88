/**
 * The widget speaks pt-BR, en and es, completely, and picks the visitor's language.
 */
import { describe, expect, it } from "vitest";
import { STRINGS } from "../../widget/i18n";
import { pickLocale } from "../../widget/locale";

describe("language", () => {
  it("follows setLocale, then the browser's languages, then English", () => {
    expect(pickLocale("es", ["pt-BR"])).toBe("es");
    expect(pickLocale(null, ["pt-BR", "en"])).toBe("pt-BR");
    expect(pickLocale(null, ["pt-PT"])).toBe("pt-BR");
    expect(pickLocale(null, ["es-MX"])).toBe("es");
    expect(pickLocale("fr", ["de", "es-AR"])).toBe("es");
    expect(pickLocale(null, ["de"])).toBe("en");
  });

  it("has every string in every language, none empty, and not left in English", () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const [locale, strings] of Object.entries(STRINGS)) {
      expect(Object.keys(strings).sort(), locale).toEqual(keys);
      for (const [key, value] of Object.entries(strings)) {
        const text = typeof value === "function" ? (value as (...a: unknown[]) => string)("X", "Y") : value;
        expect(text.trim(), `${locale}.${key}`).not.toBe("");
      }
    }
    // Spot checks that the translations are translations.
    expect(STRINGS["pt-BR"].placeholder).toBe("Escreva uma mensagem…");
    expect(STRINGS.es.send).toBe("Enviar");
    expect(STRINGS["pt-BR"].talkToHuman).not.toBe(STRINGS.en.talkToHuman);
  });
});
