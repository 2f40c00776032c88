/**
 * @module Strings of the contact panel's LGPD section (issue 16: export and erasure), in a
 * table of their own with all three languages.
 */
import { pick, type Locale } from "../../i18n";

const en = {
  title: "Data (LGPD)",
  export: "Export everything (ZIP)",
  exportHint: "Profile, conversations on every channel, files, consent records and ratings. Private notes stay out.",
  erase: "Erase personal data…",
  eraseWarning: (word: string) => `This removes the contact's name, e-mail, phone, attributes, identities, consent records, every message's text and every file, on every channel. Conversations keep their shape for reports. It cannot be undone. Type ${word} to confirm.`,
  confirmLabel: "Confirmation",
  confirm: "Erase now",
  cancel: "Cancel",
  erasing: "Erasing…",
  erased: "Erased. The audit log records that it happened.",
  pending: "Recorded; a step failed and will be completed automatically within minutes.",
  failed: (reason: string) => `Could not erase: ${reason}`,
};

export type RightsStrings = typeof en;

const ptBR: RightsStrings = {
  title: "Dados (LGPD)",
  export: "Exportar tudo (ZIP)",
  exportHint: "Perfil, conversas em todos os canais, arquivos, registros de consentimento e avaliações. Notas privadas ficam de fora.",
  erase: "Apagar dados pessoais…",
  eraseWarning: (word) => `Isto remove nome, e-mail, telefone, atributos, identidades, registros de consentimento, o texto de todas as mensagens e todos os arquivos do contato, em todos os canais. As conversas mantêm a estrutura para os relatórios. Não pode ser desfeito. Digite ${word} para confirmar.`,
  confirmLabel: "Confirmação",
  confirm: "Apagar agora",
  cancel: "Cancelar",
  erasing: "Apagando…",
  erased: "Apagado. O registro de auditoria guarda que isso aconteceu.",
  pending: "Registrado; uma etapa falhou e será concluída automaticamente em minutos.",
  failed: (reason) => `Não foi possível apagar: ${reason}`,
};

const es: RightsStrings = {
  title: "Datos (LGPD)",
  export: "Exportar todo (ZIP)",
  exportHint: "Perfil, conversaciones en todos los canales, archivos, registros de consentimiento y valoraciones. Las notas privadas quedan fuera.",
  erase: "Borrar datos personales…",
  eraseWarning: (word) => `Esto elimina el nombre, el correo, el teléfono, los atributos, las identidades, los registros de consentimiento, el texto de todos los mensajes y todos los archivos del contacto, en todos los canales. Las conversaciones conservan su estructura para los informes. No se puede deshacer. Escribe ${word} para confirmar.`,
  confirmLabel: "Confirmación",
  confirm: "Borrar ahora",
  cancel: "Cancelar",
  erasing: "Borrando…",
  erased: "Borrado. El registro de auditoría guarda que ocurrió.",
  pending: "Registrado; un paso falló y se completará automáticamente en minutos.",
  failed: (reason) => `No se pudo borrar: ${reason}`,
};

export const RIGHTS_STRINGS: Record<Locale, RightsStrings> = { en, "pt-BR": ptBR, es };
export const s: RightsStrings = pick(RIGHTS_STRINGS);
