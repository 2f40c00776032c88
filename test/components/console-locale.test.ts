/**
 * The console's language: the saved choice, else the browser's, else English; and every
 * string table is complete in every language and actually translated.
 */
import { describe, expect, it } from "vitest";
import { LOCALES, STRINGS, chooseLocale, type Locale } from "../../console/i18n";
import { PANE_STRINGS } from "../../console/conversation/strings";
import { SETTINGS_STRINGS } from "../../console/settings/strings";
import { LANGUAGE_NAMES } from "../../console/shell/strings";
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
    expect(chooseLocale("es", ["pt-BR"])).toBe("es");
    expect(chooseLocale(null, ["es-MX", "en"])).toBe("es");
    expect(chooseLocale(null, ["de", "es-419"])).toBe("es");
    expect(chooseLocale(null, ["en-US", "es"])).toBe("en");
  });

  it("offers Spanish in the language menu, under its own name", () => {
    expect(LOCALES).toEqual(["en", "pt-BR", "es"]);
    expect(LANGUAGE_NAMES.es).toBe("Español");
  });
});

/** Every leaf of a table as [path, text], functions called with sample arguments. */
function leaves(value: unknown, path = ""): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  // A string sample: it serves as a name and (via toLocaleString) as a number.
  if (typeof value === "function") return [[path, String((value as (...a: unknown[]) => unknown)("3", false))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

/** Every string table in the console, found in the tree rather than listed by hand, so a
 * new table cannot escape these checks: each strings module's exports that have exactly
 * the console's languages as keys. */
const modules = import.meta.glob<Record<string, unknown>>(["../../console/**/strings.ts", "../../console/**/*-strings.ts", "../../console/i18n.ts"], { eager: true });
const isTable = (value: unknown): value is Record<Locale, unknown> =>
  typeof value === "object" && value !== null && Object.keys(value).sort().join() === [...LOCALES].sort().join();
const TABLES: Array<[string, Record<Locale, unknown>]> = Object.entries(modules).flatMap(([path, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, Record<Locale, unknown>] => isTable(entry[1]))
    .map(([name, table]): [string, Record<Locale, unknown>] => [`${path.replace("../../console/", "")} ${name}`, table]),
);

it("finds every console string table, those the checks once listed by hand among them", () => {
  const found = TABLES.map(([, table]) => table);
  for (const table of [STRINGS, LIST_STRINGS, SEARCH_STRINGS, NOTIFY_STRINGS, SHELL_STRINGS, SHORTCUT_STRINGS, PANE_STRINGS, SETTINGS_STRINGS, LANGUAGE_NAMES]) {
    expect(found).toContain(table);
  }
});

describe.each(TABLES.filter(([, table]) => table !== LANGUAGE_NAMES))("the %s strings", (_area, table) => {
  it.each(["pt-BR", "es"] as const)("have the same keys in %s as in English, none empty", (other) => {
    const en = leaves(table.en);
    const them = leaves(table[other]);
    expect(them.map(([p]) => p)).toEqual(en.map(([p]) => p));
    for (const [path, text] of them) expect(text.trim(), path).not.toBe("");
  });

  it.each(["pt-BR", "es"] as const)("are translated into %s, not copied", (other) => {
    const en = new Map(leaves(table.en));
    const them = leaves(table[other]);
    // Names that are the same in every language: product and channel names, "E-mail", "Status", "Bot"…
    const translated = them.filter(([path, text]) => en.get(path) !== text);
    expect(translated.length / them.length).toBeGreaterThan(0.7);
  });
});

describe("the Portuguese words agents look for", () => {
  it("names the views and actions as a Brazilian agent expects", () => {
    const pt = LIST_STRINGS["pt-BR"];
    expect(pt.views).toEqual({ mine: "Minhas", unassigned: "Não atribuídas", all: "Todas abertas", starred: "Favoritas", snoozed: "Adiadas", resolved: "Resolvidas" });
    expect(pt.title).toBe("Conversas");
    expect(SHELL_STRINGS["pt-BR"].logout).toBe("Sair");
    expect(STRINGS["pt-BR"].login.title).toBe("Entrar");
    expect(SEARCH_STRINGS["pt-BR"].label).toBe("Buscar conversas");
  });
});

describe("the Spanish words agents look for", () => {
  it("names the views for what they show", () => {
    expect(LIST_STRINGS.es.views).toEqual({ mine: "Mías", unassigned: "Sin asignar", all: "Todas abiertas", starred: "Destacadas", snoozed: "Pospuestas", resolved: "Resueltas" });
    expect(LIST_STRINGS.en.views.all).toBe("All open");
    expect(LIST_STRINGS.es.empty.all).toBe("No hay conversaciones abiertas.");
    expect(STRINGS.es.login.title).toBe("Iniciar sesión");
    expect(PANE_STRINGS.es.actions.resolve).toBe("Resolver");
  });

  it('conjugates a system line for the agent themself ("Pospusiste", not "Tú pospuso")', () => {
    const lines = PANE_STRINGS.es.timeline.system_;
    const you = PANE_STRINGS.es.timeline.you;
    expect(lines.resolved(you)).toBe("Resolviste la conversación");
    expect(lines.snoozed(you, "lun 9:00")).toBe("Pospusiste la conversación hasta lun 9:00");
    expect(lines.resolved("Bruno")).toBe("Bruno resolvió la conversación");
  });
});
