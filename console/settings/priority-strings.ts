/**
 * @module The words of contact priority (issue 14): Settings → Priority rules and the
 * contact panel's queue priority, in English, Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../i18n";

const en = {
  tab: "Priority rules",
  heading: "Priority rules",
  intro: "Customers matching a rule wait ahead of others in their team's queue (after web chat and channel priority). A contact's priority is the higher of its own and every rule it matches.",
  add: "Add rule",
  empty: "No priority rules yet.",
  noun: "rule",
  kind: "Matches",
  kinds: { tag: "Contacts with a tag", attribute: "Contacts with an attribute value" },
  tag: "Tag",
  chooseTag: "Choose a tag",
  key: "Attribute",
  value: "Value",
  valueHint: "Compared exactly, as text: 42, true, gold.",
  priority: "Priority",
  priorityHint: "1 to 100; higher waits ahead.",
  priorityInvalid: "A whole number from 1 to 100.",
  tagInvalid: "Choose a tag.",
  keyInvalid: "Give the attribute's name (1–64 characters).",
  valueInvalid: "Give a value (1–500 characters).",
  unknownTag: "(deleted tag)",
  ruleName: { tag: (tag: string) => `tag ${tag}`, attribute: (key: string, value: string) => `${key} = ${value}` },
  contact: {
    priority: "Queue priority",
    own: (n: number) => `Own: ${n}`,
    lifted: (n: number) => `${n} by a priority rule`,
    edit: "Edit queue priority",
    hint: "0 to 100; higher waits ahead in the queue.",
    invalid: "A whole number from 0 to 100.",
    save: "Save",
    cancel: "Cancel",
  },
};

type PriorityStrings = typeof en;

const ptBR: PriorityStrings = {
  tab: "Regras de prioridade",
  heading: "Regras de prioridade",
  intro: "Clientes que atendem a uma regra esperam à frente dos outros na fila da equipe (depois do chat do site e da prioridade do canal). A prioridade de um contato é a maior entre a dele e a de cada regra que ele atende.",
  add: "Adicionar regra",
  empty: "Nenhuma regra de prioridade ainda.",
  noun: "regra",
  kind: "Atende",
  kinds: { tag: "Contatos com uma etiqueta", attribute: "Contatos com um valor de atributo" },
  tag: "Etiqueta",
  chooseTag: "Escolha uma etiqueta",
  key: "Atributo",
  value: "Valor",
  valueHint: "Comparado exatamente, como texto: 42, true, ouro.",
  priority: "Prioridade",
  priorityHint: "De 1 a 100; maior espera à frente.",
  priorityInvalid: "Um número inteiro de 1 a 100.",
  tagInvalid: "Escolha uma etiqueta.",
  keyInvalid: "Informe o nome do atributo (1–64 caracteres).",
  valueInvalid: "Informe um valor (1–500 caracteres).",
  unknownTag: "(etiqueta excluída)",
  ruleName: { tag: (tag) => `etiqueta ${tag}`, attribute: (key, value) => `${key} = ${value}` },
  contact: {
    priority: "Prioridade na fila",
    own: (n) => `Própria: ${n}`,
    lifted: (n) => `${n} por uma regra de prioridade`,
    edit: "Editar prioridade na fila",
    hint: "De 0 a 100; maior espera à frente na fila.",
    invalid: "Um número inteiro de 0 a 100.",
    save: "Salvar",
    cancel: "Cancelar",
  },
};

const es: PriorityStrings = {
  tab: "Reglas de prioridad",
  heading: "Reglas de prioridad",
  intro: "Los clientes que cumplen una regla esperan por delante de los demás en la cola del equipo (después del chat web y de la prioridad del canal). La prioridad de un contacto es la mayor entre la suya y la de cada regla que cumple.",
  add: "Añadir regla",
  empty: "Todavía no hay reglas de prioridad.",
  noun: "regla",
  kind: "Cumplen",
  kinds: { tag: "Contactos con una etiqueta", attribute: "Contactos con un valor de atributo" },
  tag: "Etiqueta",
  chooseTag: "Elige una etiqueta",
  key: "Atributo",
  value: "Valor",
  valueHint: "Se compara exactamente, como texto: 42, true, oro.",
  priority: "Prioridad",
  priorityHint: "De 1 a 100; mayor espera por delante.",
  priorityInvalid: "Un número entero de 1 a 100.",
  tagInvalid: "Elige una etiqueta.",
  keyInvalid: "Indica el nombre del atributo (1–64 caracteres).",
  valueInvalid: "Indica un valor (1–500 caracteres).",
  unknownTag: "(etiqueta eliminada)",
  ruleName: { tag: (tag) => `etiqueta ${tag}`, attribute: (key, value) => `${key} = ${value}` },
  contact: {
    priority: "Prioridad en la cola",
    own: (n) => `Propia: ${n}`,
    lifted: (n) => `${n} por una regla de prioridad`,
    edit: "Editar prioridad en la cola",
    hint: "De 0 a 100; mayor espera por delante en la cola.",
    invalid: "Un número entero de 0 a 100.",
    save: "Guardar",
    cancel: "Cancelar",
  },
};

export const PRIORITY_STRINGS: Record<Locale, PriorityStrings> = { en, "pt-BR": ptBR, es };
export const priorityWords: PriorityStrings = pick(PRIORITY_STRINGS);
