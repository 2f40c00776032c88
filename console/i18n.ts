/**
 * @module The console's language. `locale` is chosen once per page load (the agent's
 * saved choice, else the browser's); each area of the console keeps its own
 * `Record<Locale, …>` string table beside its components and exports its part for this
 * page, picked with `pick`, as `s` (the name components read strings by everywhere,
 * the widget's `const s = useStrings()` included). A language missing from a table, or a
 * key missing from a language, fails the typecheck; adding a language is one more entry
 * in `Locale` and one more object per table.
 * This file holds the strings of the app frame itself: setup, sign-in, the inbox prompt
 * and generic errors.
 */

export type Locale = "en" | "pt-BR" | "es";
export const LOCALES: readonly Locale[] = ["en", "pt-BR", "es"];
const LOCALE_KEY = "switchboard:console-locale";

/** Picks a language: a saved choice wins, then the browser's first known one (any `pt*`
 * means pt-BR, any `es*` Spanish), then English. Pure, so tests can feed it any storage
 * and browser language. */
export function chooseLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if ((LOCALES as readonly string[]).includes(saved ?? "")) return saved as Locale;
  for (const language of browserLanguages) {
    if (/^pt\b/i.test(language)) return "pt-BR";
    if (/^es\b/i.test(language)) return "es";
    if (/^en\b/i.test(language)) return "en";
  }
  return "en";
}

function savedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_KEY);
  } catch {
    return null; // Storage blocked (privacy mode): fall back to the browser's language.
  }
}

/** The console's language for this page load. */
export const locale: Locale = chooseLocale(
  typeof localStorage === "undefined" ? null : savedLocale(),
  typeof navigator === "undefined" ? [] : navigator.languages?.length ? navigator.languages : [navigator.language],
);

/** Saves the choice; the caller reloads, so every area switches at once and no component
 * has to re-render on a language change. */
export function saveLocale(next: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, next);
  } catch {
    // Not remembered; nothing else to do.
  }
}

/** This page's part of an area's string table. */
export function pick<T>(table: Readonly<Record<Locale, T>>): T {
  return table[locale];
}

const en = {
  appName: "Switchboard",
  loading: "Loading…",
  setup: {
    title: "Create the owner account",
    intro: "This Switchboard has no agents yet. The first account owns it.",
    submit: "Create owner account",
  },
  login: {
    title: "Sign in",
    submit: "Sign in",
  },
  fields: {
    name: "Name",
    email: "E-mail",
    password: "Password",
    passwordHint: (min: number) => `At least ${min} characters.`,
  },
  inbox: {
    missing: "There is no web chat inbox yet. Create one to put the chat on a website.",
    missingAgent: "There is no web chat inbox yet. Ask an administrator to create one.",
    create: "Create web chat inbox",
    defaultName: "Website",
    created: (name: string) => `Web chat inbox “${name}” is ready.`,
    tryIt: "Open the demo page",
    snippet: "Embed code",
    otherChannels: "WhatsApp, Messenger and Instagram are connected under",
  },
  errors: {
    generic: (message: string) => `Something went wrong: ${message}`,
  },
};

export type Strings = typeof en;

const ptBR: Strings = {
  appName: "Switchboard",
  loading: "Carregando…",
  setup: {
    title: "Crie a conta do proprietário",
    intro: "Este Switchboard ainda não tem agentes. A primeira conta será a proprietária.",
    submit: "Criar conta do proprietário",
  },
  login: {
    title: "Entrar",
    submit: "Entrar",
  },
  fields: {
    name: "Nome",
    email: "E-mail",
    password: "Senha",
    passwordHint: (min: number) => `No mínimo ${min} caracteres.`,
  },
  inbox: {
    missing: "Ainda não há uma caixa de entrada de chat. Crie uma para colocar o chat em um site.",
    missingAgent: "Ainda não há uma caixa de entrada de chat. Peça a um administrador para criar uma.",
    create: "Criar caixa de entrada de chat",
    defaultName: "Site",
    created: (name: string) => `A caixa de entrada de chat “${name}” está pronta.`,
    tryIt: "Abrir a página de demonstração",
    snippet: "Código de incorporação",
    otherChannels: "WhatsApp, Messenger e Instagram são conectados em",
  },
  errors: {
    generic: (message: string) => `Algo deu errado: ${message}`,
  },
};

const es: Strings = {
  appName: "Switchboard",
  loading: "Cargando…",
  setup: {
    title: "Crea la cuenta del propietario",
    intro: "Este Switchboard aún no tiene agentes. La primera cuenta será la propietaria.",
    submit: "Crear cuenta del propietario",
  },
  login: {
    title: "Iniciar sesión",
    submit: "Iniciar sesión",
  },
  fields: {
    name: "Nombre",
    email: "Correo electrónico",
    password: "Contraseña",
    passwordHint: (min: number) => `Al menos ${min} caracteres.`,
  },
  inbox: {
    missing: "Aún no hay una bandeja de chat web. Crea una para poner el chat en un sitio web.",
    missingAgent: "Aún no hay una bandeja de chat web. Pide a un administrador que cree una.",
    create: "Crear bandeja de chat web",
    defaultName: "Sitio web",
    created: (name: string) => `La bandeja de chat web “${name}” está lista.`,
    tryIt: "Abrir la página de demostración",
    snippet: "Código para insertar",
    otherChannels: "WhatsApp, Messenger e Instagram se conectan en",
  },
  errors: {
    generic: (message: string) => `Algo salió mal: ${message}`,
  },
};

export const STRINGS: Record<Locale, Strings> = { en, "pt-BR": ptBR, es };

/** The app frame's strings in this page's language. */
export const s: Strings = pick(STRINGS);
