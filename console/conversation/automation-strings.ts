/**
 * @module How the timeline says an automation rule ran (issue 15), and the names of the
 * rules' actions, in en, pt-BR and es. The action names are shared with Settings →
 * Automation.
 */
import type { AutomationActionType } from "../../worker/protocol";
import { pick, type Locale } from "../i18n";

const en = {
  ran: (rule: string, actions: string) => `Automation “${rule}” ran: ${actions}`,
  failed: (error: string) => `failed: ${error}`,
  actionNames: {
    assign_team: "assign team",
    assign_agent: "assign agent",
    add_tag: "add tag",
    set_type: "set type",
    set_priority: "set contact priority",
    send_canned_response: "send canned response",
    send_note: "private note",
    send_article: "send help center article",
    resolve: "resolve",
    snooze: "snooze",
    call_webhook: "call webhook",
  } as Record<AutomationActionType, string>,
};

export type AutomationLineStrings = typeof en;

const ptBR: AutomationLineStrings = {
  ran: (rule, actions) => `Automação “${rule}” executada: ${actions}`,
  failed: (error) => `falhou: ${error}`,
  actionNames: {
    assign_team: "atribuir equipe",
    assign_agent: "atribuir agente",
    add_tag: "adicionar etiqueta",
    set_type: "definir tipo",
    set_priority: "definir prioridade do contato",
    send_canned_response: "enviar resposta pronta",
    send_note: "nota privada",
    send_article: "enviar artigo da central de ajuda",
    resolve: "resolver",
    snooze: "adiar",
    call_webhook: "chamar webhook",
  },
};

const es: AutomationLineStrings = {
  ran: (rule, actions) => `Automatización “${rule}” ejecutada: ${actions}`,
  failed: (error) => `falló: ${error}`,
  actionNames: {
    assign_team: "asignar equipo",
    assign_agent: "asignar agente",
    add_tag: "agregar etiqueta",
    set_type: "definir tipo",
    set_priority: "definir prioridad del contacto",
    send_canned_response: "enviar respuesta predefinida",
    send_note: "nota privada",
    send_article: "enviar artículo del centro de ayuda",
    resolve: "resolver",
    snooze: "posponer",
    call_webhook: "llamar webhook",
  },
};

export const AUTOMATION_LINE_STRINGS: Record<Locale, AutomationLineStrings> = { en, "pt-BR": ptBR, es };
export const al: AutomationLineStrings = pick(AUTOMATION_LINE_STRINGS);
