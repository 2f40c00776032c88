/**
 * @module Strings of the contact panel's web visitor parts (where they are, on what,
 * from where, their local time; the generated-name hint; the web chat identity), in a
 * table of their own with all three languages.
 */
import { pick, type Locale } from "../../i18n";

const en = {
  title: "Visitor",
  page: "Page",
  cameFrom: "Came from",
  browser: "Browser",
  browserOn: (browser: string, os: string) => `${browser} on ${os}`,
  location: "Location",
  localTime: "Local time",
  generatedName: "Generated name: the customer has not given theirs yet.",
  webVisitor: "Website visitor",
};

export type VisitorStrings = typeof en;

const ptBR: VisitorStrings = {
  title: "Visitante",
  page: "Página",
  cameFrom: "Veio de",
  browser: "Navegador",
  browserOn: (browser, os) => `${browser} no ${os}`,
  location: "Local",
  localTime: "Hora local",
  generatedName: "Nome gerado: o cliente ainda não informou o dele.",
  webVisitor: "Visitante do site",
};

const es: VisitorStrings = {
  title: "Visitante",
  page: "Página",
  cameFrom: "Llegó desde",
  browser: "Navegador",
  browserOn: (browser, os) => `${browser} en ${os}`,
  location: "Ubicación",
  localTime: "Hora local",
  generatedName: "Nombre generado: el cliente aún no ha dado el suyo.",
  webVisitor: "Visitante del sitio",
};

export const VISITOR_STRINGS: Record<Locale, VisitorStrings> = { en, "pt-BR": ptBR, es };
export const s: VisitorStrings = pick(VISITOR_STRINGS);
