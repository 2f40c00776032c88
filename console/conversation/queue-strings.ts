/**
 * @module The pane's strings for issue 14's queue work, in English, Brazilian Portuguese
 * and Spanish: scheduling a callback (header action and chip) and the timeline's lines
 * for callbacks and for assignments the queue made (Next, automatic, returns, reopen).
 * Its own table so strings.ts stays readable; the type is the English table's.
 */
import { pick, type Locale } from "../i18n";

const en = {
  header: {
    schedule: "Schedule callback",
    scheduleTitle: "Call the customer back at",
    when: "Date and time",
    submit: "Schedule",
    past: "Pick a time in the future.",
    tooFar: "Pick a time within a year.",
    chip: (when: string) => `Callback at ${when}`,
    cancel: "Cancel callback",
    overCapacity: (load: number, capacity: number) => `Assigned, over capacity: they now have ${load} open conversations (capacity ${capacity}).`,
  },
  timeline: {
    scheduled: (who: string, when: string) => `${who} scheduled a callback for ${when}`,
    cancelled: (who: string) => `${who} cancelled the callback`,
    next: (who: string) => `${who} took the conversation with Next`,
    auto: (to: string) => `Assigned automatically to ${to}`,
    offline: (agent: string) => `Back to the queue: ${agent} went offline`,
    timeout: (agent: string) => `Back to the queue: ${agent} did not answer in time`,
    deactivated: (agent: string) => `Back to the queue: ${agent} was deactivated`,
    reopenedTo: (to: string) => `Reopened: back to ${to}`,
    reopenedToQueue: "Reopened: back to the queue",
    waitingCallback: "Waiting for a callback",
    /** The agent who had it, when the loaded log cannot say. */
    theAgent: "the agent",
  },
};

export type QueuePaneStrings = typeof en;

const ptBR: QueuePaneStrings = {
  header: {
    schedule: "Agendar retorno",
    scheduleTitle: "Retornar ao cliente em",
    when: "Data e hora",
    submit: "Agendar",
    past: "Escolha um horário no futuro.",
    tooFar: "Escolha um horário dentro de um ano.",
    chip: (when) => `Retorno às ${when}`,
    cancel: "Cancelar retorno",
    overCapacity: (load, capacity) => `Atribuída acima da capacidade: agora são ${load} conversas abertas (capacidade ${capacity}).`,
  },
  timeline: {
    scheduled: (who, when) => `${who} agendou um retorno para ${when}`,
    cancelled: (who) => `${who} cancelou o retorno`,
    next: (who) => `${who} pegou a conversa com Próximo`,
    auto: (to) => `Atribuída automaticamente a ${to}`,
    offline: (agent) => `De volta à fila: ${agent} ficou offline`,
    timeout: (agent) => `De volta à fila: ${agent} não respondeu a tempo`,
    deactivated: (agent) => `De volta à fila: ${agent} foi desativado(a)`,
    reopenedTo: (to) => `Reaberta: de volta para ${to}`,
    reopenedToQueue: "Reaberta: de volta à fila",
    waitingCallback: "Aguardando retorno",
    theAgent: "o agente",
  },
};

/** "Tú" in a line: Spanish conjugates for it ("tomaste"), as strings-es.ts does. */
const YOU_ES = "Tú";

const es: QueuePaneStrings = {
  header: {
    schedule: "Programar devolución de llamada",
    scheduleTitle: "Devolver la llamada al cliente el",
    when: "Fecha y hora",
    submit: "Programar",
    past: "Elige una hora en el futuro.",
    tooFar: "Elige una hora dentro de un año.",
    chip: (when) => `Devolución de llamada a las ${when}`,
    cancel: "Cancelar devolución de llamada",
    overCapacity: (load, capacity) => `Asignada por encima de la capacidad: ahora tiene ${load} conversaciones abiertas (capacidad ${capacity}).`,
  },
  timeline: {
    scheduled: (who, when) => (who === YOU_ES ? `Programaste una devolución de llamada para ${when}` : `${who} programó una devolución de llamada para ${when}`),
    cancelled: (who) => (who === YOU_ES ? "Cancelaste la devolución de llamada" : `${who} canceló la devolución de llamada`),
    next: (who) => (who === YOU_ES ? "Tomaste la conversación con Siguiente" : `${who} tomó la conversación con Siguiente`),
    auto: (to) => `Asignada automáticamente a ${to}`,
    offline: (agent) => `De vuelta a la cola: ${agent} se desconectó`,
    timeout: (agent) => `De vuelta a la cola: ${agent} no respondió a tiempo`,
    deactivated: (agent) => `De vuelta a la cola: ${agent} fue desactivado(a)`,
    reopenedTo: (to) => `Reabierta: de vuelta a ${to}`,
    reopenedToQueue: "Reabierta: de vuelta a la cola",
    waitingCallback: "Esperando una devolución de llamada",
    theAgent: "el agente",
  },
};

export const QUEUE_PANE_STRINGS: Record<Locale, QueuePaneStrings> = { en, "pt-BR": ptBR, es };

export const q: QueuePaneStrings = pick(QUEUE_PANE_STRINGS);
