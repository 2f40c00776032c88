/**
 * @module The public site's own words in each locale a portal may offer. A
 * `Record<HcLocale, …>` so the compiler lists any locale left out.
 */
import type { HcLocale } from "../../protocol";

export interface SiteStrings {
  search: string;
  searchPlaceholder: string;
  searchResults: (q: string) => string;
  noResults: string;
  categories: string;
  articles: string;
  popular: string;
  noArticles: string;
  home: string;
  fallback: (locale: string) => string;
  helpful: string;
  yes: string;
  no: string;
  commentLabel: string;
  send: string;
  thanks: string;
  tooMany: string;
  stillNeedHelp: string;
  chatWithUs: string;
  updated: (date: string) => string;
  notFound: string;
  notFoundText: string;
  customersOnly: string;
  customersOnlyText: string;
  signIn: string;
  languages: string;
}

export const LOCALE_NAMES: Record<HcLocale, string> = { "pt-BR": "Português (Brasil)", en: "English", es: "Español" };

export const SITE_STRINGS: Record<HcLocale, SiteStrings> = {
  "pt-BR": {
    search: "Buscar",
    searchPlaceholder: "Como podemos ajudar?",
    searchResults: (q) => `Resultados para “${q}”`,
    noResults: "Nenhum artigo encontrado. Tente outras palavras.",
    categories: "Categorias",
    articles: "Artigos",
    popular: "Artigos mais vistos",
    noArticles: "Ainda não há artigos aqui.",
    home: "Início",
    fallback: (locale) => `Este artigo ainda não foi traduzido; mostrando a versão em ${locale}.`,
    helpful: "Este artigo foi útil?",
    yes: "Sim",
    no: "Não",
    commentLabel: "Comentário (opcional)",
    send: "Enviar",
    thanks: "Obrigado pela sua opinião!",
    tooMany: "Recebemos muitas respostas deste endereço. Tente mais tarde.",
    stillNeedHelp: "Ainda precisa de ajuda?",
    chatWithUs: "Fale com a gente",
    updated: (date) => `Atualizado em ${date}`,
    notFound: "Página não encontrada",
    notFoundText: "Este artigo não existe ou não está disponível para você.",
    customersOnly: "Central de ajuda para clientes",
    customersOnlyText: "Entre no portal do cliente para ler estes artigos.",
    signIn: "Entrar",
    languages: "Idiomas",
  },
  en: {
    search: "Search",
    searchPlaceholder: "How can we help?",
    searchResults: (q) => `Results for “${q}”`,
    noResults: "No articles found. Try other words.",
    categories: "Categories",
    articles: "Articles",
    popular: "Most read articles",
    noArticles: "No articles here yet.",
    home: "Home",
    fallback: (locale) => `This article is not translated yet; showing the ${locale} version.`,
    helpful: "Was this article helpful?",
    yes: "Yes",
    no: "No",
    commentLabel: "Comment (optional)",
    send: "Send",
    thanks: "Thanks for your feedback!",
    tooMany: "We received many answers from your address. Please try again later.",
    stillNeedHelp: "Still need help?",
    chatWithUs: "Chat with us",
    updated: (date) => `Updated ${date}`,
    notFound: "Page not found",
    notFoundText: "This article does not exist or is not available to you.",
    customersOnly: "Customer help center",
    customersOnlyText: "Sign in to the customer portal to read these articles.",
    signIn: "Sign in",
    languages: "Languages",
  },
  es: {
    search: "Buscar",
    searchPlaceholder: "¿Cómo podemos ayudarte?",
    searchResults: (q) => `Resultados para “${q}”`,
    noResults: "No se encontraron artículos. Prueba con otras palabras.",
    categories: "Categorías",
    articles: "Artículos",
    popular: "Artículos más leídos",
    noArticles: "Todavía no hay artículos aquí.",
    home: "Inicio",
    fallback: (locale) => `Este artículo aún no está traducido; se muestra la versión en ${locale}.`,
    helpful: "¿Te resultó útil este artículo?",
    yes: "Sí",
    no: "No",
    commentLabel: "Comentario (opcional)",
    send: "Enviar",
    thanks: "¡Gracias por tu opinión!",
    tooMany: "Recibimos muchas respuestas desde tu dirección. Inténtalo más tarde.",
    stillNeedHelp: "¿Todavía necesitas ayuda?",
    chatWithUs: "Habla con nosotros",
    updated: (date) => `Actualizado el ${date}`,
    notFound: "Página no encontrada",
    notFoundText: "Este artículo no existe o no está disponible para ti.",
    customersOnly: "Centro de ayuda para clientes",
    customersOnlyText: "Inicia sesión en el portal de clientes para leer estos artículos.",
    signIn: "Iniciar sesión",
    languages: "Idiomas",
  },
};
