/**
 * @module The words of Settings → Agents (invites, roles, capacity, deactivation) in
 * English, Brazilian Portuguese and Spanish.
 */
import { pick } from "../i18n";
import type { Role } from "../../worker/protocol";

const en = {
  tab: "Agents",
  heading: "Agents",
  intro: "Invite people with a one-time link; they choose their own password. Nobody sets a password for someone else.",
  inviteEmail: "E-mail of the person to invite",
  inviteRole: "Role",
  invite: "Create invite link",
  inviteLink: (email: string) => `Invite link for ${email}`,
  inviteHint: (expires: string) => `Send it to them yourself; it works once, until ${expires}. It is not shown again.`,
  emailInvalid: "Enter an e-mail address.",
  roles: { owner: "Owner", admin: "Admin", agent: "Agent" } satisfies Record<Role, string>,
  capacity: "Capacity",
  capacityDefault: "Team default",
  capacityInvalid: "A whole number from 1 to 100, or empty for the team's default.",
  statuses: { active: "Active", deactivated: "Deactivated" },
  empty: "No agents yet.",
  edit: "Change role",
  editLabel: (name: string) => `Change role of ${name}`,
  save: "Save",
  saved: (name: string) => `${name} saved.`,
  deactivate: "Deactivate",
  deactivateLabel: (name: string) => `Deactivate ${name}`,
  deactivated: (name: string, n: number) => `${name} deactivated; ${n} open conversation(s) went back to the queue.`,
  reactivate: "Reactivate",
  reactivateLabel: (name: string) => `Reactivate ${name}`,
  reactivated: (name: string) => `${name} can sign in again.`,
  lastOwner: "This is the last active owner. Make another agent an owner first.",
};

export type AgentStrings = typeof en;

const ptBR: AgentStrings = {
  tab: "Agentes",
  heading: "Agentes",
  intro: "Convide pessoas com um link de uso único; elas escolhem a própria senha. Ninguém define a senha de outra pessoa.",
  inviteEmail: "E-mail da pessoa a convidar",
  inviteRole: "Papel",
  invite: "Criar link de convite",
  inviteLink: (email) => `Link de convite para ${email}`,
  inviteHint: (expires) => `Envie você mesmo; funciona uma vez, até ${expires}. Ele não será mostrado de novo.`,
  emailInvalid: "Informe um endereço de e-mail.",
  roles: { owner: "Proprietário", admin: "Administrador", agent: "Agente" },
  capacity: "Capacidade",
  capacityDefault: "Padrão da equipe",
  capacityInvalid: "Um número inteiro de 1 a 100, ou vazio para o padrão da equipe.",
  statuses: { active: "Ativo", deactivated: "Desativado" },
  empty: "Nenhum agente ainda.",
  edit: "Mudar papel",
  editLabel: (name) => `Mudar papel de ${name}`,
  save: "Salvar",
  saved: (name) => `${name} salvo.`,
  deactivate: "Desativar",
  deactivateLabel: (name) => `Desativar ${name}`,
  deactivated: (name, n) => `${name} desativado; ${n} conversa(s) aberta(s) voltaram para a fila.`,
  reactivate: "Reativar",
  reactivateLabel: (name) => `Reativar ${name}`,
  reactivated: (name) => `${name} pode entrar de novo.`,
  lastOwner: "Este é o último proprietário ativo. Torne outro agente proprietário antes.",
};

const es: AgentStrings = {
  tab: "Agentes",
  heading: "Agentes",
  intro: "Invita a personas con un enlace de un solo uso; ellas eligen su propia contraseña. Nadie define la contraseña de otra persona.",
  inviteEmail: "Correo de la persona a invitar",
  inviteRole: "Rol",
  invite: "Crear enlace de invitación",
  inviteLink: (email) => `Enlace de invitación para ${email}`,
  inviteHint: (expires) => `Envíalo tú mismo; funciona una vez, hasta ${expires}. No se vuelve a mostrar.`,
  emailInvalid: "Escribe una dirección de correo.",
  roles: { owner: "Propietario", admin: "Administrador", agent: "Agente" },
  capacity: "Capacidad",
  capacityDefault: "Predeterminado del equipo",
  capacityInvalid: "Un número entero de 1 a 100, o vacío para el predeterminado del equipo.",
  statuses: { active: "Activo", deactivated: "Desactivado" },
  empty: "Aún no hay agentes.",
  edit: "Cambiar rol",
  editLabel: (name) => `Cambiar el rol de ${name}`,
  save: "Guardar",
  saved: (name) => `${name} guardado.`,
  deactivate: "Desactivar",
  deactivateLabel: (name) => `Desactivar a ${name}`,
  deactivated: (name, n) => `${name} desactivado; ${n} conversación(es) abierta(s) volvieron a la cola.`,
  reactivate: "Reactivar",
  reactivateLabel: (name) => `Reactivar a ${name}`,
  reactivated: (name) => `${name} puede iniciar sesión de nuevo.`,
  lastOwner: "Es el último propietario activo. Haz propietario a otro agente antes.",
};

export const AGENT_STRINGS = { en, "pt-BR": ptBR, es } as const;
export const agentWords: AgentStrings = pick(AGENT_STRINGS);
