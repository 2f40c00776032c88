/**
 * @module The widget's help panel words in pt-BR, en and es (in the help chunk, so the
 * chat UI's first load does not carry them).
 */
import type { Locale } from "../locale";

const en = {
  heading: "Find an answer",
  search: "Search help articles",
  placeholder: "Type your question…",
  none: "No article matches. Chat with us instead.",
  suggested: "Articles that may help",
  back: "Back",
  helpful: "Was this helpful?",
  yes: "Yes",
  no: "No",
  thanks: "Thanks for your feedback!",
  openPage: "Open in a new tab",
  chat: "Chat with us",
  fallback: "Not translated yet: shown in another language.",
  failed: "Could not load. Try again.",
};
export type HelpStrings = typeof en;

const ptBR: HelpStrings = {
  heading: "Encontre uma resposta",
  search: "Buscar artigos de ajuda",
  placeholder: "Digite sua dúvida…",
  none: "Nenhum artigo encontrado. Fale com a gente.",
  suggested: "Artigos que podem ajudar",
  back: "Voltar",
  helpful: "Este artigo foi útil?",
  yes: "Sim",
  no: "Não",
  thanks: "Obrigado pela sua opinião!",
  openPage: "Abrir em outra aba",
  chat: "Falar com a gente",
  fallback: "Ainda não traduzido: mostrado em outro idioma.",
  failed: "Não foi possível carregar. Tente de novo.",
};

const es: HelpStrings = {
  heading: "Encuentra una respuesta",
  search: "Buscar artículos de ayuda",
  placeholder: "Escribe tu pregunta…",
  none: "Ningún artículo coincide. Habla con nosotros.",
  suggested: "Artículos que pueden ayudar",
  back: "Volver",
  helpful: "¿Te resultó útil?",
  yes: "Sí",
  no: "No",
  thanks: "¡Gracias por tu opinión!",
  openPage: "Abrir en otra pestaña",
  chat: "Habla con nosotros",
  fallback: "Aún no traducido: se muestra en otro idioma.",
  failed: "No se pudo cargar. Inténtalo de nuevo.",
};

export const HELP_STRINGS: Record<Locale, HelpStrings> = { en, "pt-BR": ptBR, es };
