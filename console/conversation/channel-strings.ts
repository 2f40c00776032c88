/**
 * @module The pane's words for what channels bring — reactions, edits, unsends, quoted
 * replies, structured content, the messaging windows and the template picker — in
 * English, Brazilian Portuguese and Spanish. Beside strings.ts rather than in it, to keep
 * each table readable; the type is the English one's, so a missing key fails the build.
 */
import { pick, type Locale } from "../i18n";

const en = {
  edited: "Edited",
  editedAt: (when: string) => `Edited: ${when}`,
  unsent: "Unsent by the customer",
  reactions: "Reactions",
  reacted: (names: string, emoji: string) => `${names} reacted with ${emoji}`,
  reply: {
    to: (name: string) => `Reply to ${name}`,
    missing: "Reply to a message not shown here",
    unsent: "an unsent message",
    show: "Show the quoted message",
  },
  content: {
    location: "Location",
    openMap: "Open in OpenStreetMap",
    contacts: "Shared contacts",
    phone: "Phone",
    email: "E-mail",
    chose: (title: string) => `Chose: ${title}`,
    template: (name: string) => `Template ${name}`,
    parameters: "Parameters",
    storyReply: "Replied to your story",
    storyMention: "Mentioned you in their story",
    openStory: "Open the story",
    sticker: "Sticker",
    unsupported: (reason: string) => `Not shown: ${reason}`,
  },
  window: {
    label: "Messaging window",
    closed: "The 24-hour window is closed: only an approved template can be sent",
    metaLate: "More than 24 hours since the customer's last message: Meta may refuse replies unless the page has the Human Agent feature (up to 7 days).",
    metaClosed: "The messaging window is closed: Meta refuses replies until the customer writes again.",
  },
  sms: {
    count: (units: number, segments: number) => `${units} ${units === 1 ? "character" : "characters"} · ${segments} ${segments === 1 ? "segment" : "segments"}`,
    unicode: (chars: string) => `${chars} changed the encoding to Unicode (UCS-2): 70 characters per SMS instead of 160.`,
    perSegment: (n: number) => `Long messages go out in segments of ${n} characters, each billed as one SMS.`,
  },
  templates: {
    label: "Template",
    choose: "Choose a template",
    loading: "Loading templates…",
    loadFailed: (why: string) => `Could not load the templates: ${why}`,
    none: "This inbox has no approved templates. Create them in WhatsApp Manager.",
    parameter: (n: number) => `Parameter {{${n}}}`,
    preview: "Preview",
    send: "Send template",
    sending: "Sending…",
    sent: "Template sent.",
    failed: (why: string) => `The template was not sent: ${why}`,
  },
};

export type ChannelStrings = typeof en;

const ptBR: ChannelStrings = {
  edited: "Editada",
  editedAt: (when) => `Editada: ${when}`,
  unsent: "Envio cancelado pelo cliente",
  reactions: "Reações",
  reacted: (names, emoji) => `${names} reagiu com ${emoji}`,
  reply: {
    to: (name) => `Resposta a ${name}`,
    missing: "Resposta a uma mensagem que não aparece aqui",
    unsent: "uma mensagem com envio cancelado",
    show: "Mostrar a mensagem citada",
  },
  content: {
    location: "Localização",
    openMap: "Abrir no OpenStreetMap",
    contacts: "Contatos compartilhados",
    phone: "Telefone",
    email: "E-mail",
    chose: (title) => `Escolheu: ${title}`,
    template: (name) => `Modelo ${name}`,
    parameters: "Parâmetros",
    storyReply: "Respondeu ao seu story",
    storyMention: "Mencionou você no story dele",
    openStory: "Abrir o story",
    sticker: "Figurinha",
    unsupported: (reason) => `Não exibida: ${reason}`,
  },
  window: {
    label: "Janela de mensagens",
    closed: "A janela de 24 horas está fechada: só é possível enviar um modelo aprovado",
    metaLate: "Mais de 24 horas desde a última mensagem do cliente: a Meta pode recusar respostas, a menos que a página tenha o recurso Agente Humano (até 7 dias).",
    metaClosed: "A janela de mensagens está fechada: a Meta recusa respostas até o cliente escrever de novo.",
  },
  sms: {
    count: (units, segments) => `${units} ${units === 1 ? "caractere" : "caracteres"} · ${segments} ${segments === 1 ? "segmento" : "segmentos"}`,
    unicode: (chars) => `${chars} mudou a codificação para Unicode (UCS-2): 70 caracteres por SMS em vez de 160.`,
    perSegment: (n) => `Mensagens longas saem em segmentos de ${n} caracteres, cada um cobrado como um SMS.`,
  },
  templates: {
    label: "Modelo",
    choose: "Escolha um modelo",
    loading: "Carregando modelos…",
    loadFailed: (why) => `Não foi possível carregar os modelos: ${why}`,
    none: "Esta caixa de entrada não tem modelos aprovados. Crie-os no Gerenciador do WhatsApp.",
    parameter: (n) => `Parâmetro {{${n}}}`,
    preview: "Prévia",
    send: "Enviar modelo",
    sending: "Enviando…",
    sent: "Modelo enviado.",
    failed: (why) => `O modelo não foi enviado: ${why}`,
  },
};

const es: ChannelStrings = {
  edited: "Editado",
  editedAt: (when) => `Editado: ${when}`,
  unsent: "Envío anulado por el cliente",
  reactions: "Reacciones",
  reacted: (names, emoji) => `${names} reaccionó con ${emoji}`,
  reply: {
    to: (name) => `Respuesta a ${name}`,
    missing: "Respuesta a un mensaje que no aparece aquí",
    unsent: "un mensaje con envío anulado",
    show: "Mostrar el mensaje citado",
  },
  content: {
    location: "Ubicación",
    openMap: "Abrir en OpenStreetMap",
    contacts: "Contactos compartidos",
    phone: "Teléfono",
    email: "Correo electrónico",
    chose: (title) => `Eligió: ${title}`,
    template: (name) => `Plantilla ${name}`,
    parameters: "Parámetros",
    storyReply: "Respondió a tu historia",
    storyMention: "Te mencionó en su historia",
    openStory: "Abrir la historia",
    sticker: "Sticker",
    unsupported: (reason) => `No se muestra: ${reason}`,
  },
  window: {
    label: "Ventana de mensajes",
    closed: "La ventana de 24 horas está cerrada: solo se puede enviar una plantilla aprobada",
    metaLate: "Pasaron más de 24 horas desde el último mensaje del cliente: Meta puede rechazar las respuestas, salvo que la página tenga la función Agente humano (hasta 7 días).",
    metaClosed: "La ventana de mensajes está cerrada: Meta rechaza las respuestas hasta que el cliente vuelva a escribir.",
  },
  sms: {
    count: (units, segments) => `${units} ${units === 1 ? "carácter" : "caracteres"} · ${segments} ${segments === 1 ? "segmento" : "segmentos"}`,
    unicode: (chars) => `${chars} cambió la codificación a Unicode (UCS-2): 70 caracteres por SMS en lugar de 160.`,
    perSegment: (n) => `Los mensajes largos salen en segmentos de ${n} caracteres, y cada uno se cobra como un SMS.`,
  },
  templates: {
    label: "Plantilla",
    choose: "Elige una plantilla",
    loading: "Cargando plantillas…",
    loadFailed: (why) => `No se pudieron cargar las plantillas: ${why}`,
    none: "Esta bandeja no tiene plantillas aprobadas. Créalas en el Administrador de WhatsApp.",
    parameter: (n) => `Parámetro {{${n}}}`,
    preview: "Vista previa",
    send: "Enviar plantilla",
    sending: "Enviando…",
    sent: "Plantilla enviada.",
    failed: (why) => `La plantilla no se envió: ${why}`,
  },
};

export const CHANNEL_STRINGS: Record<Locale, ChannelStrings> = { en, "pt-BR": ptBR, es };
export const c: ChannelStrings = pick(CHANNEL_STRINGS);
