/**
 * @module The words of the Telegram and Twilio setup that Meta's channels do not have:
 * Twilio's media and sender rules, what happens at Telegram (the server registers the
 * webhook itself) and what to paste where at Twilio, and what each connection test asks.
 * English, Brazilian Portuguese and Spanish; Twilio's Console screen names stay English,
 * as Twilio shows them.
 */
import { pick, type Locale } from "../i18n";

const en = {
  mediums: { sms: "SMS and MMS", whatsapp: "WhatsApp through Twilio" },
  formats: {
    from: "A phone number in international form: + and the country code, like +5511912345678.",
    messagingServiceSid: "MG followed by 32 hexadecimal characters.",
    publicBaseUrl: "An https:// address with nothing after the host, like https://support.example.com.",
    accountSid: "AC followed by 32 hexadecimal characters.",
    botToken: "A bot token as @BotFather gives it: the bot's number, a colon, then letters, digits, - and _.",
  },
  oneSender: "Enter a sender number or a Messaging Service SID.",
  oneSenderOnly: "Enter a sender number or a Messaging Service SID, not both.",
  createdTelegram: (name: string) => `Inbox “${name}” created, and its webhook registered with Telegram. Test the connection to see Telegram's side.`,
  createdTwilio: (name: string) => `Inbox “${name}” created. Paste its webhook URL at Twilio, then test the connection.`,
  atTelegram: "At Telegram",
  atTelegramIntro:
    "Nothing to paste: this server registered the webhook below with Telegram when you saved (setWebhook, with a secret token Telegram sends back with every update). Saving a new bot token registers it again; deleting the inbox removes it.",
  atTwilio: "At Twilio",
  atTwilioNumber: "Twilio Console → Phone Numbers → Manage → Active numbers → your number → Messaging Configuration: under “A message comes in”, choose Webhook, paste the URL below, and keep HTTP POST.",
  atTwilioService: "Twilio Console → Messaging → Services → your service → Integration: under “Incoming Messages”, choose “Send a webhook” and paste the URL below (HTTP POST).",
  atTwilioWhatsapp: "Twilio Console → Messaging → Senders → WhatsApp senders → your sender: paste the URL below as the webhook for incoming messages (HTTP POST).",
  statusCallback: "Delivery updates need nothing at Twilio: every message sent from here carries its own status callback URL.",
  testIntro: {
    telegram: "Asks Telegram for the webhook's state: updates waiting to be delivered and the last delivery error, if any.",
    sms: "Asks Twilio for the account, with the saved Account SID and auth token.",
  },
};

export type TwilioTelegramStrings = typeof en;

const ptBR: TwilioTelegramStrings = {
  mediums: { sms: "SMS e MMS", whatsapp: "WhatsApp pelo Twilio" },
  formats: {
    from: "Um número de telefone no formato internacional: + e o código do país, como +5511912345678.",
    messagingServiceSid: "MG seguido de 32 caracteres hexadecimais.",
    publicBaseUrl: "Um endereço https:// sem nada depois do host, como https://suporte.exemplo.com.br.",
    accountSid: "AC seguido de 32 caracteres hexadecimais.",
    botToken: "Um token de bot como o @BotFather o entrega: o número do bot, dois-pontos, depois letras, dígitos, - e _.",
  },
  oneSender: "Informe um número remetente ou um SID de Messaging Service.",
  oneSenderOnly: "Informe um número remetente ou um SID de Messaging Service, não os dois.",
  createdTelegram: (name) => `Caixa “${name}” criada, e seu webhook registrado no Telegram. Teste a conexão para ver o lado do Telegram.`,
  createdTwilio: (name) => `Caixa “${name}” criada. Cole a URL do webhook no Twilio e depois teste a conexão.`,
  atTelegram: "No Telegram",
  atTelegramIntro:
    "Nada a colar: este servidor registrou o webhook abaixo no Telegram quando você salvou (setWebhook, com um token secreto que o Telegram devolve em cada atualização). Salvar um novo token do bot o registra de novo; excluir a caixa o remove.",
  atTwilio: "No Twilio",
  atTwilioNumber: "Twilio Console → Phone Numbers → Manage → Active numbers → seu número → Messaging Configuration: em “A message comes in”, escolha Webhook, cole a URL abaixo e mantenha HTTP POST.",
  atTwilioService: "Twilio Console → Messaging → Services → seu serviço → Integration: em “Incoming Messages”, escolha “Send a webhook” e cole a URL abaixo (HTTP POST).",
  atTwilioWhatsapp: "Twilio Console → Messaging → Senders → WhatsApp senders → seu remetente: cole a URL abaixo como webhook das mensagens recebidas (HTTP POST).",
  statusCallback: "As atualizações de entrega não precisam de nada no Twilio: cada mensagem enviada daqui leva sua própria URL de status callback.",
  testIntro: {
    telegram: "Pergunta ao Telegram o estado do webhook: atualizações esperando entrega e o último erro de entrega, se houver.",
    sms: "Pergunta ao Twilio pela conta, com o Account SID e o token de autenticação salvos.",
  },
};

const es: TwilioTelegramStrings = {
  mediums: { sms: "SMS y MMS", whatsapp: "WhatsApp a través de Twilio" },
  formats: {
    from: "Un número de teléfono en formato internacional: + y el código del país, como +5511912345678.",
    messagingServiceSid: "MG seguido de 32 caracteres hexadecimales.",
    publicBaseUrl: "Una dirección https:// sin nada después del host, como https://soporte.ejemplo.com.",
    accountSid: "AC seguido de 32 caracteres hexadecimales.",
    botToken: "Un token de bot tal como lo da @BotFather: el número del bot, dos puntos y luego letras, dígitos, - y _.",
  },
  oneSender: "Indica un número remitente o un SID de Messaging Service.",
  oneSenderOnly: "Indica un número remitente o un SID de Messaging Service, no ambos.",
  createdTelegram: (name) => `Bandeja “${name}” creada, y su webhook registrado en Telegram. Prueba la conexión para ver el lado de Telegram.`,
  createdTwilio: (name) => `Bandeja “${name}” creada. Pega la URL del webhook en Twilio y luego prueba la conexión.`,
  atTelegram: "En Telegram",
  atTelegramIntro:
    "Nada que pegar: este servidor registró el webhook de abajo en Telegram al guardar (setWebhook, con un token secreto que Telegram devuelve en cada actualización). Guardar un nuevo token del bot lo registra de nuevo; eliminar la bandeja lo quita.",
  atTwilio: "En Twilio",
  atTwilioNumber: "Twilio Console → Phone Numbers → Manage → Active numbers → tu número → Messaging Configuration: en “A message comes in”, elige Webhook, pega la URL de abajo y deja HTTP POST.",
  atTwilioService: "Twilio Console → Messaging → Services → tu servicio → Integration: en “Incoming Messages”, elige “Send a webhook” y pega la URL de abajo (HTTP POST).",
  atTwilioWhatsapp: "Twilio Console → Messaging → Senders → WhatsApp senders → tu remitente: pega la URL de abajo como webhook de los mensajes entrantes (HTTP POST).",
  statusCallback: "Las actualizaciones de entrega no necesitan nada en Twilio: cada mensaje enviado desde aquí lleva su propia URL de status callback.",
  testIntro: {
    telegram: "Pregunta a Telegram el estado del webhook: actualizaciones pendientes de entrega y el último error de entrega, si lo hay.",
    sms: "Pregunta a Twilio por la cuenta, con el Account SID y el token de autenticación guardados.",
  },
};

export const TWILIO_TELEGRAM_STRINGS: Record<Locale, TwilioTelegramStrings> = { en, "pt-BR": ptBR, es };
export const s: TwilioTelegramStrings = pick(TWILIO_TELEGRAM_STRINGS);
