/**
 * @module The frame's words — header, language, settings link, empty pane — in English,
 * Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../i18n";

const en = {
  skipToList: "Skip to the conversation list",
  signedInAs: (name: string) => `Signed in as ${name}`,
  logout: "Log out",
  settings: "Settings",
  reports: "Reports",
  helpCenter: "Help center",
  inbox: "Inbox",
  language: "Language",
  shortcuts: "Keyboard shortcuts (?)",
  nonePicked: "Pick a conversation from the list.",
  noneHint: "Tip: press j and k to move through the list, ? for every shortcut.",
  backToList: "Conversations",
  dismiss: "Dismiss",
  partFailed: "This part of the console did not load.",
  retry: "Try again",
};

export type ShellStrings = typeof en;

const ptBR: ShellStrings = {
  skipToList: "Pular para a lista de conversas",
  signedInAs: (name: string) => `Conectado como ${name}`,
  logout: "Sair",
  settings: "Configurações",
  reports: "Relatórios",
  helpCenter: "Central de ajuda",
  inbox: "Caixa de entrada",
  language: "Idioma",
  shortcuts: "Atalhos de teclado (?)",
  nonePicked: "Escolha uma conversa na lista.",
  noneHint: "Dica: use j e k para percorrer a lista e ? para ver todos os atalhos.",
  backToList: "Conversas",
  dismiss: "Fechar",
  partFailed: "Esta parte do console não carregou.",
  retry: "Tentar de novo",
};

const es: ShellStrings = {
  skipToList: "Ir a la lista de conversaciones",
  signedInAs: (name: string) => `Sesión iniciada como ${name}`,
  logout: "Cerrar sesión",
  settings: "Configuración",
  reports: "Informes",
  helpCenter: "Centro de ayuda",
  inbox: "Bandeja de entrada",
  language: "Idioma",
  shortcuts: "Atajos de teclado (?)",
  nonePicked: "Elige una conversación de la lista.",
  noneHint: "Consejo: usa j y k para recorrer la lista y ? para ver todos los atajos.",
  backToList: "Conversaciones",
  dismiss: "Cerrar",
  partFailed: "Esta parte de la consola no se cargó.",
  retry: "Reintentar",
};

export const SHELL_STRINGS: Record<Locale, ShellStrings> = { en, "pt-BR": ptBR, es };
export const s: ShellStrings = pick(SHELL_STRINGS);

/** Each language's name in itself, so an agent can find theirs whatever is showing. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", "pt-BR": "Português (Brasil)", es: "Español" };
