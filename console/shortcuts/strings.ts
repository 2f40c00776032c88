/**
 * @module The shortcut help's words in English, Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../i18n";
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
    "take-next": "Take the next waiting customer (the queue's Next)",
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
    "take-next": "Pegar o próximo cliente da fila (Próximo)",
    search: "Buscar",
    help: "Mostrar esta lista",
    resolve: "Resolver a conversa aberta",
    "resolve-and-next": "Resolver e abrir a próxima",
    "note-mode": "Nota privada (n de novo: volta para resposta)",
    "focus-composer": "Responder ao cliente (sai do modo nota)",
  },
  escape: "Fechar um diálogo ou limpar a busca",
};

const es: ShortcutStrings = {
  title: "Atajos de teclado",
  open: "Atajos de teclado",
  close: "Cerrar",
  intro: "Los atajos funcionan en cualquier lugar, salvo mientras escribes en un campo.",
  or: "o",
  actions: {
    next: "Conversación siguiente",
    previous: "Conversación anterior",
    "take-next": "Tomar el siguiente cliente en espera (Siguiente de la cola)",
    search: "Buscar",
    help: "Mostrar esta lista",
    resolve: "Resolver la conversación abierta",
    "resolve-and-next": "Resolver y abrir la siguiente",
    "note-mode": "Nota privada (n otra vez: vuelve a respuesta)",
    "focus-composer": "Responder al cliente (sale del modo nota)",
  },
  escape: "Cerrar un diálogo o borrar la búsqueda",
};

export const SHORTCUT_STRINGS: Record<Locale, ShortcutStrings> = { en, "pt-BR": ptBR, es };
export const s: ShortcutStrings = pick(SHORTCUT_STRINGS);
