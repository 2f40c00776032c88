/**
 * @module The alerts' words in English, Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../i18n";

const en = {
  bell: "Alerts",
  bellOn: "Alerts are on: a sound and a notification for new messages in your conversations, new conversations in the queue and conversations assigned to you.",
  bellOff: "Alerts are off. Turn them on for a sound and a notification on new messages.",
  blocked: "Alerts are on, but this browser blocks notifications for this site: sound only.",
  newConversation: (name: string) => `New conversation: ${name}`,
  newMessage: (name: string) => `New message from ${name}`,
  assignedToYou: (name: string) => `Assigned to you: ${name}`,
  visitor: "Visitor",
  noPreview: "(attachment)",
};

export type NotifyStrings = typeof en;

const ptBR: NotifyStrings = {
  bell: "Alertas",
  bellOn: "Alertas ligados: som e notificação para novas mensagens nas suas conversas, novas conversas na fila e conversas atribuídas a você.",
  bellOff: "Alertas desligados. Ligue-os para ter som e notificação em novas mensagens.",
  blocked: "Alertas ligados, mas este navegador bloqueia notificações deste site: só som.",
  newConversation: (name: string) => `Nova conversa: ${name}`,
  newMessage: (name: string) => `Nova mensagem de ${name}`,
  assignedToYou: (name: string) => `Atribuída a você: ${name}`,
  visitor: "Visitante",
  noPreview: "(anexo)",
};

const es: NotifyStrings = {
  bell: "Alertas",
  bellOn: "Alertas activadas: sonido y notificación para mensajes nuevos en tus conversaciones, conversaciones nuevas en la cola y conversaciones asignadas a ti.",
  bellOff: "Alertas desactivadas. Actívalas para recibir sonido y notificación con los mensajes nuevos.",
  blocked: "Alertas activadas, pero este navegador bloquea las notificaciones de este sitio: solo sonido.",
  newConversation: (name: string) => `Nueva conversación: ${name}`,
  newMessage: (name: string) => `Nuevo mensaje de ${name}`,
  assignedToYou: (name: string) => `Asignada a ti: ${name}`,
  visitor: "Visitante",
  noPreview: "(archivo adjunto)",
};

export const NOTIFY_STRINGS: Record<Locale, NotifyStrings> = { en, "pt-BR": ptBR, es };
export const s: NotifyStrings = pick(NOTIFY_STRINGS);
