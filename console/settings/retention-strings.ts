/**
 * @module Strings of Settings → Inboxes → Retention (issue 16, LGPD), in all three languages.
 */
import { pick, type Locale } from "../i18n";

const en = {
  heading: "Retention (LGPD)",
  intro: "Resolved conversations of this inbox have their message text and files erased this many days after they were resolved. Conversations keep their shape for reports. Leave empty to keep them.",
  days: "Days after resolution",
  daysInvalid: (max: number) => `A whole number of days from 1 to ${max}, or empty.`,
  save: "Save retention",
  saved: "Saved.",
  loadFailed: "Could not load the retention period.",
};

export type RetentionStrings = typeof en;

const ptBR: RetentionStrings = {
  heading: "Retenção (LGPD)",
  intro: "As conversas resolvidas desta caixa têm o texto das mensagens e os arquivos apagados este número de dias depois de resolvidas. As conversas mantêm a estrutura para os relatórios. Deixe vazio para guardá-las.",
  days: "Dias após a resolução",
  daysInvalid: (max) => `Um número inteiro de dias de 1 a ${max}, ou vazio.`,
  save: "Salvar retenção",
  saved: "Salvo.",
  loadFailed: "Não foi possível carregar o período de retenção.",
};

const es: RetentionStrings = {
  heading: "Retención (LGPD)",
  intro: "Las conversaciones resueltas de esta bandeja tienen el texto de los mensajes y los archivos borrados esta cantidad de días después de resolverse. Las conversaciones conservan su estructura para los informes. Déjalo vacío para conservarlas.",
  days: "Días tras la resolución",
  daysInvalid: (max) => `Un número entero de días de 1 a ${max}, o vacío.`,
  save: "Guardar retención",
  saved: "Guardado.",
  loadFailed: "No se pudo cargar el período de retención.",
};

export const RETENTION_STRINGS: Record<Locale, RetentionStrings> = { en, "pt-BR": ptBR, es };
export const rs: RetentionStrings = pick(RETENTION_STRINGS);
