/**
 * @module The alerts' words in English and Brazilian Portuguese.
 */
import { pick } from "../i18n";

const en = {
  bell: "Alerts",
  bellOn: "Alerts are on: a sound and a notification for new messages in your conversations and new conversations in the queue.",
  bellOff: "Alerts are off. Turn them on for a sound and a notification on new messages.",
  blocked: "Alerts are on, but this browser blocks notifications for this site: sound only.",
  newConversation: (name: string) => `New conversation: ${name}`,
  newMessage: (name: string) => `New message from ${name}`,
  visitor: "Visitor",
  noPreview: "(attachment)",
};

export type NotifyStrings = typeof en;

const ptBR: NotifyStrings = {
  bell: "Alertas",
  bellOn: "Alertas ligados: som e notificação para novas mensagens nas suas conversas e novas conversas na fila.",
  bellOff: "Alertas desligados. Ligue-os para ter som e notificação em novas mensagens.",
  blocked: "Alertas ligados, mas este navegador bloqueia notificações deste site: só som.",
  newConversation: (name: string) => `Nova conversa: ${name}`,
  newMessage: (name: string) => `Nova mensagem de ${name}`,
  visitor: "Visitante",
  noPreview: "(anexo)",
};

export const NOTIFY_STRINGS = { en, "pt-BR": ptBR };
export const notifyStrings: NotifyStrings = pick(NOTIFY_STRINGS);
