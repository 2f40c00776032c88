/**
 * The console's language: the saved choice, else the browser's, else English; and every
 * string table is complete in both languages and actually translated.
 */
import { describe, expect, it } from "vitest";
import { STRINGS, chooseLocale } from "../../console/i18n";
import { LIST_STRINGS } from "../../console/list/strings";
import { NOTIFY_STRINGS } from "../../console/notify/strings";
import { SEARCH_STRINGS } from "../../console/search/strings";
import { SHELL_STRINGS } from "../../console/shell/strings";
import { SHORTCUT_STRINGS } from "../../console/shortcuts/strings";

describe("choosing the language", () => {
  it("prefers the saved choice, then the browser's first known language, then English", () => {
    expect(chooseLocale("en", ["pt-BR"])).toBe("en");
    expect(chooseLocale("pt-BR", ["en-US"])).toBe("pt-BR");
    expect(chooseLocale(null, ["pt-BR", "en"])).toBe("pt-BR");
    expect(chooseLocale(null, ["pt-PT"])).toBe("pt-BR");
    expect(chooseLocale(null, ["de-DE", "en-GB", "pt-BR"])).toBe("en");
    expect(chooseLocale(null, ["fr", "pt"])).toBe("pt-BR");
    expect(chooseLocale("klingon", ["de"])).toBe("en");
    expect(chooseLocale(null, [])).toBe("en");
  });
});

/** Every leaf of a table as [path, text], functions called with sample arguments. */
function leaves(value: unknown, path = ""): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "function") return [[path, String((value as (...a: unknown[]) => unknown)(3, false))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe.each([
  ["app", STRINGS],
  ["list", LIST_STRINGS],
  ["search", SEARCH_STRINGS],
  ["notify", NOTIFY_STRINGS],
  ["shell", SHELL_STRINGS],
  ["shortcuts", SHORTCUT_STRINGS],
] as const)("the %s strings", (_area, table) => {
  it("have the same keys in both languages, none empty", () => {
    const en = leaves(table.en);
    const pt = leaves(table["pt-BR"]);
    expect(pt.map(([p]) => p)).toEqual(en.map(([p]) => p));
    for (const [path, text] of pt) expect(text.trim(), path).not.toBe("");
  });

  it("are translated, not copied", () => {
    const en = new Map(leaves(table.en));
    const pt = leaves(table["pt-BR"]);
    // Names that are the same in both languages: product and channel names, "E-mail", "Status", "Bot"…
    const translated = pt.filter(([path, text]) => en.get(path) !== text);
    expect(translated.length / pt.length).toBeGreaterThan(0.7);
  });
});

describe("the Portuguese words agents look for", () => {
  it("names the views and actions as a Brazilian agent expects", () => {
    const pt = LIST_STRINGS["pt-BR"];
    expect(pt.views).toEqual({ mine: "Minhas", unassigned: "Não atribuídas", all: "Todas", starred: "Favoritas", resolved: "Resolvidas" });
    expect(pt.title).toBe("Conversas");
    expect(SHELL_STRINGS["pt-BR"].logout).toBe("Sair");
    expect(STRINGS["pt-BR"].login.title).toBe("Entrar");
    expect(SEARCH_STRINGS["pt-BR"].label).toBe("Buscar conversas");
  });
});
