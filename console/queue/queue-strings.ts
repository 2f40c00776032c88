/**
 * @module The words of the console's queue panel (per-team waiting figures and the Next
 * button) in English, Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../i18n";

/** A wait as agents say it: under a minute, minutes, then hours and minutes. */
function span(ms: number, unit: { lessThanMinute: string; min: string; h: string }): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return unit.lessThanMinute;
  if (minutes < 60) return `${minutes} ${unit.min}`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} ${unit.h}` : `${Math.floor(minutes / 60)} ${unit.h} ${rest} ${unit.min}`;
}

const en = {
  panelLabel: "Waiting customers",
  waiting: (n: number) => `${n} waiting`,
  oldest: (ms: number) => `oldest ${span(ms, { lessThanMinute: "<1 min", min: "min", h: "h" })}`,
  next: "Next",
  nextTitle: "Take the customer who has waited longest in your teams",
  priority: "A priority customer is waiting",
  empty: "Nobody is waiting",
  failed: "The next conversation could not be taken. Try again.",
};

export type QueueStrings = typeof en;

const ptBR: QueueStrings = {
  panelLabel: "Clientes aguardando",
  waiting: (n) => `${n} aguardando`,
  oldest: (ms) => `mais antigo há ${span(ms, { lessThanMinute: "<1 min", min: "min", h: "h" })}`,
  next: "Próximo",
  nextTitle: "Atender o cliente que está aguardando há mais tempo nas suas equipes",
  priority: "Um cliente prioritário está aguardando",
  empty: "Ninguém aguardando",
  failed: "Não foi possível pegar a próxima conversa. Tente de novo.",
};

const es: QueueStrings = {
  panelLabel: "Clientes en espera",
  waiting: (n) => `${n} esperando`,
  oldest: (ms) => `el más antiguo hace ${span(ms, { lessThanMinute: "<1 min", min: "min", h: "h" })}`,
  next: "Siguiente",
  nextTitle: "Atender al cliente que lleva más tiempo esperando en tus equipos",
  priority: "Un cliente prioritario está esperando",
  empty: "Nadie esperando",
  failed: "No se pudo tomar la siguiente conversación. Inténtalo de nuevo.",
};

export const QUEUE_STRINGS: Record<Locale, QueueStrings> = { en, "pt-BR": ptBR, es };
export const qs: QueueStrings = pick(QUEUE_STRINGS);
