/**
 * @module Strings of company-initiated messages in the console (issue 16): the contact
 * panel's "New conversation" dialog and Settings → Campaigns, in en, pt-BR and es. A
 * refusal is shown by its code (`refusal`), so the reason reads in the agent's language
 * whatever the server's message says.
 */
import { pick, type Locale } from "../i18n";
import type { CampaignStatus, ErrorCode, RecipientReason, RecipientState } from "../../worker/protocol";

type Refusals = Partial<Record<ErrorCode, string>>;

interface Words {
  newConversation: string;
  dialogTitle: (contact: string) => string;
  inbox: string;
  chooseInbox: string;
  noInboxes: string;
  purpose: string;
  choosePurpose: string;
  purposesFailed: (why: string) => string;
  template: string;
  chooseTemplate: string;
  parameter: (n: number) => string;
  text: string;
  subject: string;
  send: string;
  sending: string;
  cancel: string;
  started: string;
  openConversation: string;
  viaWindow: string;
  refusal: Refusals;
  failed: (why: string) => string;
  campaigns: {
    tab: string;
    heading: string;
    intro: string;
    name: string;
    segmentKind: string;
    byTag: string;
    byAttribute: string;
    tagId: string;
    attributeKey: string;
    attributeValue: string;
    templateName: string;
    templateLanguage: string;
    parameters: string;
    parametersHint: string;
    create: string;
    created: (name: string) => string;
    start: string;
    startConfirm: (name: string) => string;
    startedNote: (name: string) => string;
    empty: string;
    status: Record<CampaignStatus, string>;
    counts: Record<RecipientState, string>;
    report: Record<"sent" | "delivered" | "read" | "failed" | "replied" | "optedOut", string>;
    skippedList: string;
    reason: Record<RecipientReason, string>;
    refresh: string;
  };
}

const en: Words = {
  newConversation: "New conversation",
  dialogTitle: (contact) => `New conversation with ${contact}`,
  inbox: "Inbox",
  chooseInbox: "Choose an inbox",
  noInboxes: "No WhatsApp, SMS or e-mail inbox can start conversations yet.",
  purpose: "Purpose",
  choosePurpose: "Choose a purpose",
  purposesFailed: (why) => `The consent purposes could not be loaded: ${why}`,
  template: "Approved template",
  chooseTemplate: "Choose a template",
  parameter: (n) => `Parameter {{${n}}}`,
  text: "Message",
  subject: "Subject",
  send: "Send",
  sending: "Sending…",
  cancel: "Cancel",
  started: "Sent: the message is on its way.",
  openConversation: "Open the conversation",
  viaWindow: "No consent on record: it went as a reply, the customer wrote in the last 24 hours.",
  refusal: {
    consent_required: "Not sent: this contact has not consented to this purpose on this channel (or revoked it). Record their consent first.",
    no_identity_on_channel: "Not sent: the contact has no address on this channel. Add their phone or e-mail first.",
    channel_not_supported: "This inbox cannot start conversations.",
    outbound_content_mismatch: "This channel needs different content: WhatsApp a template, SMS a text, e-mail a subject and a text.",
    recipient_unreachable: "Not sent: the contact opted out of this inbox (STOP) or blocked it.",
    outside_service_window: "Not sent: outside WhatsApp's 24-hour window only an approved template may go.",
  },
  failed: (why) => `Not sent: ${why}`,
  campaigns: {
    tab: "Campaigns",
    heading: "Campaigns",
    intro: "Send one message to a segment of contacts for a purpose. Only contacts who consent receive it; the others are listed with the reason.",
    name: "Name",
    segmentKind: "Contacts",
    byTag: "with the tag",
    byAttribute: "whose attribute equals",
    tagId: "Tag",
    attributeKey: "Attribute",
    attributeValue: "Value",
    templateName: "Template name",
    templateLanguage: "Language",
    parameters: "Parameters",
    parametersHint: "One per line, in order ({{1}}, {{2}}…).",
    create: "Create draft",
    created: (name) => `Draft ${name} created.`,
    start: "Start",
    startConfirm: (name) => `Start ${name}? Messages go out right away.`,
    startedNote: (name) => `${name} started.`,
    empty: "No campaigns yet.",
    status: { draft: "Draft", running: "Sending", completed: "Completed" },
    counts: { pending: "to send", skipped: "skipped", sent: "sent", failed: "failed" },
    report: { sent: "Sent", delivered: "Delivered", read: "Read", failed: "Failed", replied: "Replied", optedOut: "Opted out" },
    skippedList: "Skipped contacts",
    reason: {
      no_consent: "no consent",
      consent_revoked: "consent revoked",
      no_identity_on_channel: "no address on the channel",
      recipient_unreachable: "opted out or blocked",
      send_refused: "refused",
    },
    refresh: "Refresh",
  },
};

const ptBR: Words = {
  newConversation: "Nova conversa",
  dialogTitle: (contact) => `Nova conversa com ${contact}`,
  inbox: "Caixa de entrada",
  chooseInbox: "Escolha uma caixa de entrada",
  noInboxes: "Nenhuma caixa de WhatsApp, SMS ou e-mail pode iniciar conversas ainda.",
  purpose: "Finalidade",
  choosePurpose: "Escolha uma finalidade",
  purposesFailed: (why) => `Não foi possível carregar as finalidades de consentimento: ${why}`,
  template: "Modelo aprovado",
  chooseTemplate: "Escolha um modelo",
  parameter: (n) => `Parâmetro {{${n}}}`,
  text: "Mensagem",
  subject: "Assunto",
  send: "Enviar",
  sending: "Enviando…",
  cancel: "Cancelar",
  started: "Enviada: a mensagem está a caminho.",
  openConversation: "Abrir a conversa",
  viaWindow: "Sem consentimento registrado: foi como resposta, o cliente escreveu nas últimas 24 horas.",
  refusal: {
    consent_required: "Não enviada: este contato não consentiu com esta finalidade neste canal (ou revogou). Registre o consentimento primeiro.",
    no_identity_on_channel: "Não enviada: o contato não tem endereço neste canal. Adicione o telefone ou e-mail primeiro.",
    channel_not_supported: "Esta caixa de entrada não pode iniciar conversas.",
    outbound_content_mismatch: "Este canal pede outro conteúdo: WhatsApp um modelo, SMS um texto, e-mail assunto e texto.",
    recipient_unreachable: "Não enviada: o contato saiu desta caixa de entrada (STOP) ou a bloqueou.",
    outside_service_window: "Não enviada: fora da janela de 24 horas do WhatsApp só um modelo aprovado pode ir.",
  },
  failed: (why) => `Não enviada: ${why}`,
  campaigns: {
    tab: "Campanhas",
    heading: "Campanhas",
    intro: "Envie uma mensagem a um segmento de contatos para uma finalidade. Só quem consentiu recebe; os demais aparecem com o motivo.",
    name: "Nome",
    segmentKind: "Contatos",
    byTag: "com a etiqueta",
    byAttribute: "cujo atributo é igual a",
    tagId: "Etiqueta",
    attributeKey: "Atributo",
    attributeValue: "Valor",
    templateName: "Nome do modelo",
    templateLanguage: "Idioma",
    parameters: "Parâmetros",
    parametersHint: "Um por linha, em ordem ({{1}}, {{2}}…).",
    create: "Criar rascunho",
    created: (name) => `Rascunho ${name} criado.`,
    start: "Iniciar",
    startConfirm: (name) => `Iniciar ${name}? As mensagens saem na hora.`,
    startedNote: (name) => `${name} iniciada.`,
    empty: "Nenhuma campanha ainda.",
    status: { draft: "Rascunho", running: "Enviando", completed: "Concluída" },
    counts: { pending: "a enviar", skipped: "ignorados", sent: "enviadas", failed: "com falha" },
    report: { sent: "Enviadas", delivered: "Entregues", read: "Lidas", failed: "Com falha", replied: "Respondidas", optedOut: "Descadastrados" },
    skippedList: "Contatos ignorados",
    reason: {
      no_consent: "sem consentimento",
      consent_revoked: "consentimento revogado",
      no_identity_on_channel: "sem endereço no canal",
      recipient_unreachable: "saiu ou bloqueou",
      send_refused: "recusada",
    },
    refresh: "Atualizar",
  },
};

const es: Words = {
  newConversation: "Nueva conversación",
  dialogTitle: (contact) => `Nueva conversación con ${contact}`,
  inbox: "Bandeja de entrada",
  chooseInbox: "Elija una bandeja de entrada",
  noInboxes: "Ninguna bandeja de WhatsApp, SMS o correo puede iniciar conversaciones todavía.",
  purpose: "Finalidad",
  choosePurpose: "Elija una finalidad",
  purposesFailed: (why) => `No se pudieron cargar las finalidades de consentimiento: ${why}`,
  template: "Plantilla aprobada",
  chooseTemplate: "Elija una plantilla",
  parameter: (n) => `Parámetro {{${n}}}`,
  text: "Mensaje",
  subject: "Asunto",
  send: "Enviar",
  sending: "Enviando…",
  cancel: "Cancelar",
  started: "Enviado: el mensaje está en camino.",
  openConversation: "Abrir la conversación",
  viaWindow: "Sin consentimiento registrado: salió como respuesta, el cliente escribió en las últimas 24 horas.",
  refusal: {
    consent_required: "No enviado: este contacto no consintió esta finalidad en este canal (o lo revocó). Registre su consentimiento primero.",
    no_identity_on_channel: "No enviado: el contacto no tiene dirección en este canal. Agregue su teléfono o correo primero.",
    channel_not_supported: "Esta bandeja de entrada no puede iniciar conversaciones.",
    outbound_content_mismatch: "Este canal necesita otro contenido: WhatsApp una plantilla, SMS un texto, correo asunto y texto.",
    recipient_unreachable: "No enviado: el contacto se dio de baja de esta bandeja (STOP) o la bloqueó.",
    outside_service_window: "No enviado: fuera de la ventana de 24 horas de WhatsApp solo puede ir una plantilla aprobada.",
  },
  failed: (why) => `No enviado: ${why}`,
  campaigns: {
    tab: "Campañas",
    heading: "Campañas",
    intro: "Envíe un mensaje a un segmento de contactos para una finalidad. Solo lo reciben quienes consintieron; los demás aparecen con el motivo.",
    name: "Nombre",
    segmentKind: "Contactos",
    byTag: "con la etiqueta",
    byAttribute: "cuyo atributo es igual a",
    tagId: "Etiqueta",
    attributeKey: "Atributo",
    attributeValue: "Valor",
    templateName: "Nombre de la plantilla",
    templateLanguage: "Idioma",
    parameters: "Parámetros",
    parametersHint: "Uno por línea, en orden ({{1}}, {{2}}…).",
    create: "Crear borrador",
    created: (name) => `Borrador ${name} creado.`,
    start: "Iniciar",
    startConfirm: (name) => `¿Iniciar ${name}? Los mensajes salen de inmediato.`,
    startedNote: (name) => `${name} iniciada.`,
    empty: "Todavía no hay campañas.",
    status: { draft: "Borrador", running: "Enviando", completed: "Completada" },
    counts: { pending: "por enviar", skipped: "omitidos", sent: "enviados", failed: "con error" },
    report: { sent: "Enviados", delivered: "Entregados", read: "Leídos", failed: "Con error", replied: "Respondidos", optedOut: "Dados de baja" },
    skippedList: "Contactos omitidos",
    reason: {
      no_consent: "sin consentimiento",
      consent_revoked: "consentimiento revocado",
      no_identity_on_channel: "sin dirección en el canal",
      recipient_unreachable: "se dio de baja o bloqueó",
      send_refused: "rechazado",
    },
    refresh: "Actualizar",
  },
};

export const TABLE: Record<Locale, Words> = { en, "pt-BR": ptBR, es };
export const ow = pick(TABLE);
