/**
 * @module The search's words in English, Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../i18n";

const en = {
  label: "Search conversations",
  placeholder: "Search messages and contacts…",
  shortcutHint: "Press / to search",
  clear: "Clear search",
  heading: (q: string) => `Results for “${q}”`,
  searching: "Searching…",
  none: (q: string) => `Nothing found for “${q}”.`,
  count: (n: number, more: boolean) => (more ? `${n}+ results` : n === 1 ? "1 result" : `${n} results`),
  contactHit: "Contact",
  messageHit: "Message",
  visitor: "Visitor",
  error: (message: string) => `Search failed: ${message}`,
  loadMore: "More results",
  loadingMore: "Loading more results…",
  retry: "Try again",
};

export type SearchStrings = typeof en;

const ptBR: SearchStrings = {
  label: "Buscar conversas",
  placeholder: "Buscar mensagens e contatos…",
  shortcutHint: "Pressione / para buscar",
  clear: "Limpar busca",
  heading: (q: string) => `Resultados para “${q}”`,
  searching: "Buscando…",
  none: (q: string) => `Nada encontrado para “${q}”.`,
  count: (n: number, more: boolean) => (more ? `${n}+ resultados` : n === 1 ? "1 resultado" : `${n} resultados`),
  contactHit: "Contato",
  messageHit: "Mensagem",
  visitor: "Visitante",
  error: (message: string) => `A busca falhou: ${message}`,
  loadMore: "Mais resultados",
  loadingMore: "Carregando mais resultados…",
  retry: "Tentar de novo",
};

const es: SearchStrings = {
  label: "Buscar conversaciones",
  placeholder: "Buscar mensajes y contactos…",
  shortcutHint: "Pulsa / para buscar",
  clear: "Borrar búsqueda",
  heading: (q: string) => `Resultados para “${q}”`,
  searching: "Buscando…",
  none: (q: string) => `No se encontró nada para “${q}”.`,
  count: (n: number, more: boolean) => (more ? `${n}+ resultados` : n === 1 ? "1 resultado" : `${n} resultados`),
  contactHit: "Contacto",
  messageHit: "Mensaje",
  visitor: "Visitante",
  error: (message: string) => `La búsqueda falló: ${message}`,
  loadMore: "Más resultados",
  loadingMore: "Cargando más resultados…",
  retry: "Reintentar",
};

export const SEARCH_STRINGS: Record<Locale, SearchStrings> = { en, "pt-BR": ptBR, es };
export const s: SearchStrings = pick(SEARCH_STRINGS);
