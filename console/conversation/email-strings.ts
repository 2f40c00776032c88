/**
 * @module The pane's words for e-mail — a message's subject and addresses, the full
 * message and its formatted (HTML) version, remote images, the original download, and
 * the reply's To and Cc — in English, Brazilian Portuguese and Spanish. The type is the
 * English table's, so a missing key fails the build.
 */
import { pick, type Locale } from "../i18n";

const en = {
  subject: "Subject",
  noSubject: "(no subject)",
  from: "From",
  to: "To",
  cc: "Cc",
  showFull: "Show full message",
  hideFull: "Show only the new text",
  showHtml: "Show formatted version",
  hideHtml: "Hide formatted version",
  htmlTitle: (subject: string) => `Formatted version of “${subject}”`,
  htmlLoading: "Loading the formatted version…",
  htmlFailed: (why: string) => `Could not load the formatted version: ${why}`,
  htmlTooBig: "The formatted version is too large to show here. Download the original instead.",
  imagesBlocked: (n: number) => `${n} remote ${n === 1 ? "image was" : "images were"} not loaded, so the sender cannot tell you opened the message.`,
  loadImages: "Load images",
  original: "Download original (.eml)",
  reply: {
    to: "To",
    cc: "Cc",
    ccAdd: "Add a Cc address",
    ccAddButton: "Add",
    ccRemove: (address: string) => `Remove ${address} from Cc`,
    ccInvalid: (value: string) => `“${value}” is not an e-mail address.`,
    ccFull: (max: number) => `At most ${max} addresses in Cc.`,
    ccDuplicate: (address: string) => `${address} is already in Cc.`,
    sending: "Sending…",
    failed: (why: string) => `The reply was not sent: ${why}`,
  },
};

export type EmailStrings = typeof en;

const ptBR: EmailStrings = {
  subject: "Assunto",
  noSubject: "(sem assunto)",
  from: "De",
  to: "Para",
  cc: "Cc",
  showFull: "Mostrar mensagem completa",
  hideFull: "Mostrar só o texto novo",
  showHtml: "Mostrar versão formatada",
  hideHtml: "Ocultar versão formatada",
  htmlTitle: (subject) => `Versão formatada de “${subject}”`,
  htmlLoading: "Carregando a versão formatada…",
  htmlFailed: (why) => `Não foi possível carregar a versão formatada: ${why}`,
  htmlTooBig: "A versão formatada é grande demais para mostrar aqui. Baixe o original.",
  imagesBlocked: (n) => `${n} ${n === 1 ? "imagem externa não foi carregada" : "imagens externas não foram carregadas"}, para que o remetente não saiba que você abriu a mensagem.`,
  loadImages: "Carregar imagens",
  original: "Baixar original (.eml)",
  reply: {
    to: "Para",
    cc: "Cc",
    ccAdd: "Adicionar endereço em Cc",
    ccAddButton: "Adicionar",
    ccRemove: (address) => `Remover ${address} do Cc`,
    ccInvalid: (value) => `“${value}” não é um endereço de e-mail.`,
    ccFull: (max) => `No máximo ${max} endereços em Cc.`,
    ccDuplicate: (address) => `${address} já está em Cc.`,
    sending: "Enviando…",
    failed: (why) => `A resposta não foi enviada: ${why}`,
  },
};

const es: EmailStrings = {
  subject: "Asunto",
  noSubject: "(sin asunto)",
  from: "De",
  to: "Para",
  cc: "Cc",
  showFull: "Mostrar mensaje completo",
  hideFull: "Mostrar solo el texto nuevo",
  showHtml: "Mostrar versión con formato",
  hideHtml: "Ocultar versión con formato",
  htmlTitle: (subject) => `Versión con formato de “${subject}”`,
  htmlLoading: "Cargando la versión con formato…",
  htmlFailed: (why) => `No se pudo cargar la versión con formato: ${why}`,
  htmlTooBig: "La versión con formato es demasiado grande para mostrarla aquí. Descarga el original.",
  imagesBlocked: (n) => `${n} ${n === 1 ? "imagen externa no se cargó" : "imágenes externas no se cargaron"}, para que el remitente no sepa que abriste el mensaje.`,
  loadImages: "Cargar imágenes",
  original: "Descargar original (.eml)",
  reply: {
    to: "Para",
    cc: "Cc",
    ccAdd: "Añadir una dirección en Cc",
    ccAddButton: "Añadir",
    ccRemove: (address) => `Quitar ${address} de Cc`,
    ccInvalid: (value) => `“${value}” no es una dirección de correo.`,
    ccFull: (max) => `Como máximo ${max} direcciones en Cc.`,
    ccDuplicate: (address) => `${address} ya está en Cc.`,
    sending: "Enviando…",
    failed: (why) => `La respuesta no se envió: ${why}`,
  },
};

export const EMAIL_STRINGS: Record<Locale, EmailStrings> = { en, "pt-BR": ptBR, es };
export const e: EmailStrings = pick(EMAIL_STRINGS);
