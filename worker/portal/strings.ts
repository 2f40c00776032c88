/**
 * @module The customer portal's words in pt-BR (the default), en and es: its pages and
 * its sign-in mail. One `Record<Locale, …>` per table, so a missing language or key fails
 * the typecheck.
 */
import type { ChannelKind, Locale, PortalConversation } from "../protocol";

export const mailStrings: Record<Locale, { subject: (company: string) => string; greeting: string; body: (company: string) => string; button: string; expiry: string; ignore: string }> = {
  "pt-BR": {
    subject: (company) => `Seu link de acesso a ${company}`,
    greeting: "Olá!",
    body: (company) => `Use o link abaixo para entrar no portal de atendimento de ${company} e acompanhar seus pedidos.`,
    button: "Entrar no portal",
    expiry: "O link vale por 15 minutos e só pode ser usado uma vez.",
    ignore: "Se você não pediu este acesso, ignore este e-mail.",
  },
  en: {
    subject: (company) => `Your sign-in link for ${company}`,
    greeting: "Hello!",
    body: (company) => `Use the link below to sign in to ${company}'s support portal and follow your requests.`,
    button: "Sign in to the portal",
    expiry: "The link works for 15 minutes and only once.",
    ignore: "If you did not ask for it, ignore this e-mail.",
  },
  es: {
    subject: (company) => `Tu enlace de acceso a ${company}`,
    greeting: "¡Hola!",
    body: (company) => `Usa el enlace de abajo para entrar en el portal de atención de ${company} y seguir tus solicitudes.`,
    button: "Entrar en el portal",
    expiry: "El enlace vale 15 minutos y se puede usar una sola vez.",
    ignore: "Si no lo pediste, ignora este correo.",
  },
};

export interface PageStrings {
  title: string;
  signInTitle: string;
  signInIntro: string;
  email: string;
  sendLink: string;
  linkSent: string;
  orPassword: string;
  password: string;
  signIn: string;
  continueTitle: string;
  continueIntro: string;
  continue: string;
  linkMissing: string;
  signOut: string;
  myRequests: string;
  newRequest: string;
  noConversations: string;
  subject: string;
  description: string;
  category: string;
  noCategory: string;
  attachments: string;
  send: string;
  reply: string;
  yourMessage: string;
  you: string;
  team: string;
  resolvedNote: string;
  back: string;
  setPassword: string;
  newPassword: string;
  passwordSaved: string;
  needsScript: string;
  notFound: string;
  portalOff: string;
  statusChanged: (status: PortalConversation["status"]) => string;
  status: Record<PortalConversation["status"], string>;
  channel: Record<ChannelKind, string>;
  lastActivity: string;
  /** Where a request opened on the portal came from, in place of its inbox's channel. */
  portalRequest: string;
}

const CHANNELS_PT: Record<ChannelKind, string> = { webchat: "Chat do site", whatsapp: "WhatsApp", telegram: "Telegram", messenger: "Messenger", instagram: "Instagram", sms: "SMS", email: "E-mail", api: "App" };
const CHANNELS_EN: Record<ChannelKind, string> = { webchat: "Website chat", whatsapp: "WhatsApp", telegram: "Telegram", messenger: "Messenger", instagram: "Instagram", sms: "SMS", email: "E-mail", api: "App" };
const CHANNELS_ES: Record<ChannelKind, string> = { webchat: "Chat del sitio", whatsapp: "WhatsApp", telegram: "Telegram", messenger: "Messenger", instagram: "Instagram", sms: "SMS", email: "Correo", api: "App" };

export const pageStrings: Record<Locale, PageStrings> = {
  "pt-BR": {
    title: "Portal de atendimento",
    signInTitle: "Entrar",
    signInIntro: "Informe o e-mail que você usa conosco. Enviaremos um link de acesso.",
    email: "E-mail",
    sendLink: "Enviar link de acesso",
    linkSent: "Se este e-mail for de um cliente, o link de acesso chegará em instantes. Ele vale por 15 minutos.",
    orPassword: "Ou entre com sua senha",
    password: "Senha",
    signIn: "Entrar",
    continueTitle: "Quase lá",
    continueIntro: "Clique para entrar no portal com o link que você recebeu.",
    continue: "Continuar",
    linkMissing: "Este link está incompleto. Peça um novo link de acesso.",
    signOut: "Sair",
    myRequests: "Minhas conversas",
    newRequest: "Novo pedido",
    noConversations: "Você ainda não tem conversas conosco.",
    subject: "Assunto",
    description: "Descrição",
    category: "Categoria",
    noCategory: "Outro assunto",
    attachments: "Anexos",
    send: "Enviar pedido",
    reply: "Responder",
    yourMessage: "Sua mensagem",
    you: "Você",
    team: "Equipe",
    resolvedNote: "Esta conversa foi resolvida. Para algo novo, abra um novo pedido.",
    back: "Voltar",
    setPassword: "Definir senha",
    newPassword: "Nova senha (mínimo de 10 caracteres)",
    passwordSaved: "Senha salva.",
    needsScript: "Para enviar, ative o JavaScript.",
    notFound: "Conversa não encontrada.",
    portalOff: "O portal ainda não recebe novos pedidos.",
    statusChanged: (status) => ({ open: "Conversa aberta", resolved: "Conversa resolvida", snoozed: "Conversa em espera" })[status],
    status: { open: "Aberta", resolved: "Resolvida", snoozed: "Em espera" },
    channel: CHANNELS_PT,
    lastActivity: "Última atividade",
    portalRequest: "Pedido pelo portal",
  },
  en: {
    title: "Support portal",
    signInTitle: "Sign in",
    signInIntro: "Enter the e-mail address you use with us. We will send you a sign-in link.",
    email: "E-mail",
    sendLink: "Send sign-in link",
    linkSent: "If this address belongs to a customer, a sign-in link is on its way. It works for 15 minutes.",
    orPassword: "Or sign in with your password",
    password: "Password",
    signIn: "Sign in",
    continueTitle: "Almost there",
    continueIntro: "Click to sign in to the portal with the link you received.",
    continue: "Continue",
    linkMissing: "This link is incomplete. Ask for a new sign-in link.",
    signOut: "Sign out",
    myRequests: "My conversations",
    newRequest: "New request",
    noConversations: "You have no conversations with us yet.",
    subject: "Subject",
    description: "Description",
    category: "Category",
    noCategory: "Something else",
    attachments: "Attachments",
    send: "Send request",
    reply: "Reply",
    yourMessage: "Your message",
    you: "You",
    team: "Team",
    resolvedNote: "This conversation is resolved. For something new, open a new request.",
    back: "Back",
    setPassword: "Set password",
    newPassword: "New password (at least 10 characters)",
    passwordSaved: "Password saved.",
    needsScript: "Turn on JavaScript to send.",
    notFound: "Conversation not found.",
    portalOff: "The portal takes no new requests yet.",
    statusChanged: (status) => ({ open: "Conversation opened", resolved: "Conversation resolved", snoozed: "Conversation on hold" })[status],
    status: { open: "Open", resolved: "Resolved", snoozed: "On hold" },
    channel: CHANNELS_EN,
    lastActivity: "Last activity",
    portalRequest: "Portal request",
  },
  es: {
    title: "Portal de atención",
    signInTitle: "Entrar",
    signInIntro: "Escribe el correo que usas con nosotros. Te enviaremos un enlace de acceso.",
    email: "Correo",
    sendLink: "Enviar enlace de acceso",
    linkSent: "Si este correo es de un cliente, el enlace de acceso llegará en instantes. Vale 15 minutos.",
    orPassword: "O entra con tu contraseña",
    password: "Contraseña",
    signIn: "Entrar",
    continueTitle: "Casi listo",
    continueIntro: "Haz clic para entrar en el portal con el enlace que recibiste.",
    continue: "Continuar",
    linkMissing: "Este enlace está incompleto. Pide un nuevo enlace de acceso.",
    signOut: "Salir",
    myRequests: "Mis conversaciones",
    newRequest: "Nueva solicitud",
    noConversations: "Aún no tienes conversaciones con nosotros.",
    subject: "Asunto",
    description: "Descripción",
    category: "Categoría",
    noCategory: "Otro asunto",
    attachments: "Adjuntos",
    send: "Enviar solicitud",
    reply: "Responder",
    yourMessage: "Tu mensaje",
    you: "Tú",
    team: "Equipo",
    resolvedNote: "Esta conversación está resuelta. Para algo nuevo, abre una nueva solicitud.",
    back: "Volver",
    setPassword: "Definir contraseña",
    newPassword: "Nueva contraseña (mínimo 10 caracteres)",
    passwordSaved: "Contraseña guardada.",
    needsScript: "Activa JavaScript para enviar.",
    notFound: "Conversación no encontrada.",
    portalOff: "El portal aún no recibe nuevas solicitudes.",
    statusChanged: (status) => ({ open: "Conversación abierta", resolved: "Conversación resuelta", snoozed: "Conversación en espera" })[status],
    status: { open: "Abierta", resolved: "Resuelta", snoozed: "En espera" },
    channel: CHANNELS_ES,
    lastActivity: "Última actividad",
    portalRequest: "Solicitud del portal",
  },
};
