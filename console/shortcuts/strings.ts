/**
 * @module The shortcut help's words in English and Brazilian Portuguese.
 */
import { pick } from "../i18n";
import type { ShortcutAction } from "./keymap";

const en = {
  title: "Keyboard shortcuts",
  open: "Keyboard shortcuts",
  close: "Close",
  intro: "Shortcuts work anywhere except while typing in a field.",
  or: "or",
  actions: {
    next: "Next conversation",
    previous: "Previous conversation",
    search: "Search",
    help: "Show this list",
    resolve: "Resolve the open conversation",
    "resolve-and-next": "Resolve and open the next one",
    "note-mode": "Private note (n again: back to reply)",
    "focus-composer": "Reply to the customer (leaves note mode)",
  } satisfies Record<ShortcutAction, string>,
  escape: "Close a dialog or clear the search",
};

export type ShortcutStrings = typeof en;

const ptBR: ShortcutStrings = {
  title: "Atalhos de teclado",
  open: "Atalhos de teclado",
  close: "Fechar",
  intro: "Os atalhos funcionam em qualquer lugar, exceto enquanto você digita em um campo.",
  or: "ou",
  actions: {
    next: "Próxima conversa",
    previous: "Conversa anterior",
    search: "Buscar",
    help: "Mostrar esta lista",
    resolve: "Resolver a conversa aberta",
    "resolve-and-next": "Resolver e abrir a próxima",
    "note-mode": "Nota privada (n de novo: volta para resposta)",
    "focus-composer": "Responder ao cliente (sai do modo nota)",
  },
  escape: "Fechar um diálogo ou limpar a busca",
};

export const SHORTCUT_STRINGS = { en, "pt-BR": ptBR };
export const shortcutStrings: ShortcutStrings = pick(SHORTCUT_STRINGS);
