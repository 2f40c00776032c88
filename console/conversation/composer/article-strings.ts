/**
 * @module The composer's article picker words in English, Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../../i18n";

const en = {
  button: "Insert a help center article",
  search: "Search articles",
  none: "No article matches.",
  link: "Link",
  text: "Text",
  linkOf: (title: string) => `Insert a link to “${title}”`,
  textOf: (title: string) => `Insert the text of “${title}”`,
  internal: "agents only",
};
type ArticlePickerStrings = typeof en;
const ptBR: ArticlePickerStrings = {
  button: "Inserir artigo da central de ajuda",
  search: "Buscar artigos",
  none: "Nenhum artigo encontrado.",
  link: "Link",
  text: "Texto",
  linkOf: (title: string) => `Inserir um link para “${title}”`,
  textOf: (title: string) => `Inserir o texto de “${title}”`,
  internal: "só agentes",
};
const es: ArticlePickerStrings = {
  button: "Insertar un artículo del centro de ayuda",
  search: "Buscar artículos",
  none: "Ningún artículo coincide.",
  link: "Enlace",
  text: "Texto",
  linkOf: (title: string) => `Insertar un enlace a «${title}»`,
  textOf: (title: string) => `Insertar el texto de «${title}»`,
  internal: "solo agentes",
};
export const ARTICLE_PICKER_STRINGS: Record<Locale, ArticlePickerStrings> = { en, "pt-BR": ptBR, es };
export const s = pick(ARTICLE_PICKER_STRINGS);
