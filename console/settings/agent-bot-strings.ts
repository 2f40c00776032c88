/**
 * @module Strings of Settings → Inboxes → Agent bot, in English, Brazilian Portuguese and
 * Spanish.
 */
import { pick, type Locale } from "../i18n";

interface AgentBotStrings {
  heading: string;
  intro: string;
  enabled: string;
  name: string;
  url: string;
  urlHint: string;
  handoffWords: string;
  handoffWordsHint: string;
  handoffText: string;
  handoffTextHint: string;
  save: string;
  saved: string;
  rollSecret: string;
  secret: string;
  secretHint: string;
  loadFailed: string;
  nameInvalid: string;
  urlInvalid: string;
  wordsInvalid: string;
  textInvalid: string;
  defaultName: string;
}

export const AGENT_BOT_STRINGS: Record<Locale, AgentBotStrings> = {
  en: {
    heading: "Agent bot",
    intro: "An external bot answers first: each customer message is POSTed to its URL, signed; it replies through the API with a token limited to this inbox. Off while the menu bot is on.",
    enabled: "Agent bot on",
    name: "Name",
    url: "Bot URL",
    urlHint: "https only. Verify the Switchboard-Signature header with the signing secret.",
    handoffWords: "Words that ask for a person",
    handoffWordsHint: "Separated by commas; whole words, case and accents ignored.",
    handoffText: "Said when a word hands over (optional)",
    handoffTextHint: "Leave empty to say nothing.",
    save: "Save agent bot",
    saved: "Agent bot saved.",
    rollSecret: "Make a new signing secret on save",
    secret: "Signing secret (shown only now)",
    secretHint: "Copy it now: it is not shown again.",
    loadFailed: "The agent bot could not be loaded.",
    nameInvalid: "Give the bot a name (up to 60 characters).",
    urlInvalid: "Enter an https URL.",
    wordsInvalid: "Up to 20 words, each up to 40 characters.",
    textInvalid: "Up to 1,000 characters.",
    defaultName: "Assistant",
  },
  "pt-BR": {
    heading: "Bot externo",
    intro: "Um bot externo responde primeiro: cada mensagem do cliente é enviada por POST, assinada, para a URL dele; ele responde pela API com um token limitado a esta caixa de entrada. Não pode ficar ligado junto com o bot de menu.",
    enabled: "Bot externo ligado",
    name: "Nome",
    url: "URL do bot",
    urlHint: "Somente https. Confira o cabeçalho Switchboard-Signature com o segredo de assinatura.",
    handoffWords: "Palavras que pedem um atendente",
    handoffWordsHint: "Separadas por vírgulas; palavras inteiras, sem diferença de maiúsculas e acentos.",
    handoffText: "Dito quando uma palavra transfere (opcional)",
    handoffTextHint: "Deixe vazio para não dizer nada.",
    save: "Salvar bot externo",
    saved: "Bot externo salvo.",
    rollSecret: "Criar um novo segredo de assinatura ao salvar",
    secret: "Segredo de assinatura (mostrado só agora)",
    secretHint: "Copie agora: ele não aparece de novo.",
    loadFailed: "Não foi possível carregar o bot externo.",
    nameInvalid: "Dê um nome ao bot (até 60 caracteres).",
    urlInvalid: "Informe uma URL https.",
    wordsInvalid: "Até 20 palavras, cada uma com até 40 caracteres.",
    textInvalid: "Até 1.000 caracteres.",
    defaultName: "Assistente",
  },
  es: {
    heading: "Bot externo",
    intro: "Un bot externo responde primero: cada mensaje del cliente se envía por POST, firmado, a su URL; responde por la API con un token limitado a esta bandeja. No puede estar activo junto con el bot de menú.",
    enabled: "Bot externo activo",
    name: "Nombre",
    url: "URL del bot",
    urlHint: "Solo https. Verifica el encabezado Switchboard-Signature con el secreto de firma.",
    handoffWords: "Palabras que piden una persona",
    handoffWordsHint: "Separadas por comas; palabras completas, sin distinguir mayúsculas ni acentos.",
    handoffText: "Se dice cuando una palabra transfiere (opcional)",
    handoffTextHint: "Déjalo vacío para no decir nada.",
    save: "Guardar bot externo",
    saved: "Bot externo guardado.",
    rollSecret: "Crear un nuevo secreto de firma al guardar",
    secret: "Secreto de firma (se muestra solo ahora)",
    secretHint: "Cópialo ahora: no se vuelve a mostrar.",
    loadFailed: "No se pudo cargar el bot externo.",
    nameInvalid: "Ponle un nombre al bot (hasta 60 caracteres).",
    urlInvalid: "Escribe una URL https.",
    wordsInvalid: "Hasta 20 palabras, de hasta 40 caracteres cada una.",
    textInvalid: "Hasta 1000 caracteres.",
    defaultName: "Asistente",
  },
};

export const abs: AgentBotStrings = pick(AGENT_BOT_STRINGS);
