/**
 * @module The list's words — views, filters, rows, channels — in English and Brazilian
 * Portuguese. Both tables share the English one's type, so a missing translation is a
 * type error, not a blank label.
 */
import type { ChannelKind, ConversationStatus, ConversationView } from "../../worker/protocol";
import { pick } from "../i18n";

const en = {
  title: "Conversations",
  viewsLabel: "Views",
  views: { mine: "Mine", unassigned: "Unassigned", all: "All", starred: "Starred", resolved: "Resolved" } satisfies Record<ConversationView, string>,
  unreadInView: (n: number) => `${n} unread`,
  filters: {
    toggle: "Filters",
    active: (n: number) => `Filters (${n})`,
    status: "Status",
    assignee: "Assignee",
    inbox: "Inbox",
    channel: "Channel",
    team: "Team",
    tag: "Tag",
    any: "Any",
    me: "Me",
    nobody: "Nobody",
    clear: "Clear filters",
  },
  status: { bot: "Bot", open: "Open", resolved: "Resolved", snoozed: "Snoozed" } satisfies Record<ConversationStatus, string>,
  channels: {
    webchat: "Web chat",
    whatsapp: "WhatsApp",
    telegram: "Telegram",
    messenger: "Messenger",
    instagram: "Instagram",
    sms: "SMS",
    email: "E-mail",
  } satisfies Record<ChannelKind, string>,
  live: { connecting: "Connecting…", online: "Live", offline: "Reconnecting…" },
  visitor: "Visitor",
  noMessages: "No messages yet",
  unread: (n: number) => `${n} unread`,
  star: (name: string) => `Star ${name}`,
  unstar: (name: string) => `Unstar ${name}`,
  assignedToYou: "Yours",
  empty: {
    mine: "Nothing assigned to you. Take one from Unassigned.",
    unassigned: "Nobody is waiting. Nice work.",
    all: "No open conversations.",
    starred: "Star a conversation to keep it here.",
    resolved: "No resolved conversations yet.",
    filtered: "No conversations match these filters.",
  } satisfies Record<ConversationView | "filtered", string>,
  loadingMore: "Loading more…",
  loadMore: "Load more",
  retry: "Try again",
  error: (message: string) => `Could not load the list: ${message}`,
  back: "Back to the list",
};

export type ListStrings = typeof en;

const ptBR: ListStrings = {
  title: "Conversas",
  viewsLabel: "Visões",
  views: { mine: "Minhas", unassigned: "Não atribuídas", all: "Todas", starred: "Favoritas", resolved: "Resolvidas" },
  unreadInView: (n: number) => `${n} não ${n === 1 ? "lida" : "lidas"}`,
  filters: {
    toggle: "Filtros",
    active: (n: number) => `Filtros (${n})`,
    status: "Status",
    assignee: "Responsável",
    inbox: "Caixa de entrada",
    channel: "Canal",
    team: "Equipe",
    tag: "Etiqueta",
    any: "Qualquer",
    me: "Eu",
    nobody: "Ninguém",
    clear: "Limpar filtros",
  },
  status: { bot: "Bot", open: "Aberta", resolved: "Resolvida", snoozed: "Adiada" },
  channels: {
    webchat: "Chat do site",
    whatsapp: "WhatsApp",
    telegram: "Telegram",
    messenger: "Messenger",
    instagram: "Instagram",
    sms: "SMS",
    email: "E-mail",
  },
  live: { connecting: "Conectando…", online: "Ao vivo", offline: "Reconectando…" },
  visitor: "Visitante",
  noMessages: "Nenhuma mensagem ainda",
  unread: (n: number) => `${n} não ${n === 1 ? "lida" : "lidas"}`,
  star: (name: string) => `Favoritar ${name}`,
  unstar: (name: string) => `Desfavoritar ${name}`,
  assignedToYou: "Sua",
  empty: {
    mine: "Nada atribuído a você. Pegue uma em Não atribuídas.",
    unassigned: "Ninguém está esperando. Bom trabalho.",
    all: "Nenhuma conversa aberta.",
    starred: "Favorite uma conversa para mantê-la aqui.",
    resolved: "Nenhuma conversa resolvida ainda.",
    filtered: "Nenhuma conversa corresponde a estes filtros.",
  },
  loadingMore: "Carregando mais…",
  loadMore: "Carregar mais",
  retry: "Tentar de novo",
  error: (message: string) => `Não foi possível carregar a lista: ${message}`,
  back: "Voltar para a lista",
};

export const LIST_STRINGS = { en, "pt-BR": ptBR };
export const listStrings: ListStrings = pick(LIST_STRINGS);
