/**
 * @module Strings of the API channel's inbox form, in English, Brazilian Portuguese and
 * Spanish.
 */
import { pick, type Locale } from "../i18n";

interface ApiInboxStrings {
  kindHint: string;
  name: string;
  url: string;
  urlHint: string;
  urlInvalid: string;
  nameInvalid: string;
  create: string;
  save: string;
  secret: string;
  secretHint: string;
  rollSecret: string;
  rollConfirm: string;
  inbound: (path: string) => string;
}

export const API_INBOX_STRINGS: Record<Locale, ApiInboxStrings> = {
  en: {
    kindHint: "Your own system sends customers' messages through the REST API and receives agents' replies at a URL.",
    name: "Inbox name",
    url: "Reply URL",
    urlHint: "Agents' replies are POSTed here as signed JSON (https).",
    urlInvalid: "Enter an https URL such as https://example.com/switchboard.",
    nameInvalid: "Give the inbox a name (up to 120 characters).",
    create: "Create API inbox",
    save: "Save",
    secret: "Signing secret (shown only now)",
    secretHint: "Check the Switchboard-Signature header of each reply with it. Copy it now: it is not shown again.",
    rollSecret: "New signing secret",
    rollConfirm: "The current secret stops working at once. Make a new one?",
    inbound: (path) => `Send customers' messages to POST ${path} with an API token (messages:write).`,
  },
  "pt-BR": {
    kindHint: "Seu próprio sistema envia as mensagens dos clientes pela API REST e recebe as respostas dos atendentes numa URL.",
    name: "Nome da caixa de entrada",
    url: "URL das respostas",
    urlHint: "As respostas dos atendentes são enviadas por POST para cá, em JSON assinado (https).",
    urlInvalid: "Informe uma URL https, como https://exemplo.com.br/switchboard.",
    nameInvalid: "Dê um nome à caixa de entrada (até 120 caracteres).",
    create: "Criar caixa de entrada de API",
    save: "Salvar",
    secret: "Segredo de assinatura (mostrado só agora)",
    secretHint: "Use-o para conferir o cabeçalho Switchboard-Signature de cada resposta. Copie agora: ele não aparece de novo.",
    rollSecret: "Novo segredo de assinatura",
    rollConfirm: "O segredo atual deixa de valer na hora. Criar um novo?",
    inbound: (path) => `Envie as mensagens dos clientes para POST ${path} com um token de API (messages:write).`,
  },
  es: {
    kindHint: "Tu propio sistema envía los mensajes de los clientes por la API REST y recibe las respuestas de los agentes en una URL.",
    name: "Nombre de la bandeja",
    url: "URL de respuestas",
    urlHint: "Las respuestas de los agentes se envían aquí por POST como JSON firmado (https).",
    urlInvalid: "Escribe una URL https, como https://ejemplo.com/switchboard.",
    nameInvalid: "Ponle un nombre a la bandeja (hasta 120 caracteres).",
    create: "Crear bandeja de API",
    save: "Guardar",
    secret: "Secreto de firma (se muestra solo ahora)",
    secretHint: "Úsalo para verificar el encabezado Switchboard-Signature de cada respuesta. Cópialo ahora: no se vuelve a mostrar.",
    rollSecret: "Nuevo secreto de firma",
    rollConfirm: "El secreto actual deja de funcionar de inmediato. ¿Crear uno nuevo?",
    inbound: (path) => `Envía los mensajes de los clientes a POST ${path} con un token de API (messages:write).`,
  },
};

export const as: ApiInboxStrings = pick(API_INBOX_STRINGS);
