/**
 * @module Settings → Customer portal, in en, pt-BR and es.
 */
import { pick, type Locale } from "../i18n";

const en = {
  tab: "Customer portal",
  heading: "Customer portal",
  intro: "Customers sign in at /portal with a link sent to their e-mail address (or a password they set), follow their conversations from every channel and open new requests.",
  inbox: "Requests land in",
  inboxHint: "A web chat inbox; a dedicated one keeps portal requests apart from site chats.",
  off: "Nowhere (the portal takes no requests)",
  emailInbox: "Sign-in links are sent from",
  emailInboxHint: "The first address of this e-mail inbox, under its display name.",
  none: "No e-mail inbox (no links are sent)",
  categories: "Request categories",
  categoriesHint: "Customers pick one when they open a request; routing rules can send each category to a team.",
  categoryId: "Id",
  categoryName: (language: string) => `Name (${language})`,
  addCategory: "Add category",
  removeCategory: (id: string) => `Remove category ${id || "(new)"}`,
  categoriesInvalid: "Give each category a distinct id (lower-case letters, digits, dashes) and a name in each language.",
  save: "Save portal settings",
  saved: "Portal settings saved.",
  loadFailed: "The portal settings could not be loaded.",
  open: "Open the portal",
};

const ptBR: typeof en = {
  tab: "Portal do cliente",
  heading: "Portal do cliente",
  intro: "Os clientes entram em /portal com um link enviado ao e-mail deles (ou uma senha que definirem), acompanham as conversas de todos os canais e abrem novos pedidos.",
  inbox: "Os pedidos chegam em",
  inboxHint: "Uma caixa de chat do site; uma dedicada separa os pedidos do portal dos chats do site.",
  off: "Nenhuma (o portal não recebe pedidos)",
  emailInbox: "Os links de acesso saem de",
  emailInboxHint: "O primeiro endereço desta caixa de e-mail, com o nome de exibição dela.",
  none: "Nenhuma caixa de e-mail (nenhum link é enviado)",
  categories: "Categorias de pedido",
  categoriesHint: "O cliente escolhe uma ao abrir um pedido; regras de roteamento podem mandar cada categoria a uma equipe.",
  categoryId: "Id",
  categoryName: (language: string) => `Nome (${language})`,
  addCategory: "Adicionar categoria",
  removeCategory: (id: string) => `Remover categoria ${id || "(nova)"}`,
  categoriesInvalid: "Dê a cada categoria um id diferente (letras minúsculas, dígitos, hífens) e um nome em cada idioma.",
  save: "Salvar portal",
  saved: "Configurações do portal salvas.",
  loadFailed: "Não foi possível carregar as configurações do portal.",
  open: "Abrir o portal",
};

const es: typeof en = {
  tab: "Portal del cliente",
  heading: "Portal del cliente",
  intro: "Los clientes entran en /portal con un enlace enviado a su correo (o una contraseña que definan), siguen sus conversaciones de todos los canales y abren nuevas solicitudes.",
  inbox: "Las solicitudes llegan a",
  inboxHint: "Una bandeja de chat del sitio; una dedicada separa las solicitudes del portal de los chats del sitio.",
  off: "Ninguna (el portal no recibe solicitudes)",
  emailInbox: "Los enlaces de acceso salen de",
  emailInboxHint: "La primera dirección de esta bandeja de correo, con su nombre visible.",
  none: "Ninguna bandeja de correo (no se envían enlaces)",
  categories: "Categorías de solicitud",
  categoriesHint: "El cliente elige una al abrir una solicitud; las reglas de enrutamiento pueden enviar cada categoría a un equipo.",
  categoryId: "Id",
  categoryName: (language: string) => `Nombre (${language})`,
  addCategory: "Añadir categoría",
  removeCategory: (id: string) => `Quitar categoría ${id || "(nueva)"}`,
  categoriesInvalid: "Da a cada categoría un id distinto (minúsculas, dígitos, guiones) y un nombre en cada idioma.",
  save: "Guardar portal",
  saved: "Configuración del portal guardada.",
  loadFailed: "No se pudo cargar la configuración del portal.",
  open: "Abrir el portal",
};

const TABLE: Record<Locale, typeof en> = { en, "pt-BR": ptBR, es };
export const portalWords = pick(TABLE);
