/**
 * @module The words of the invite page (accepting an admin's one-time link) in English,
 * Brazilian Portuguese and Spanish.
 */
import { pick } from "./i18n";

const en = {
  title: "Join Switchboard",
  intro: "You were invited as an agent. Choose the name your colleagues see and your own password.",
  submit: "Join",
  used: "This invite was already used. Sign in, or ask an admin for a new one.",
  expired: "This invite has expired. Ask an admin for a new one.",
  unknown: "This invite link is not valid. Check you copied all of it.",
  taken: "There is already an account with this e-mail. Sign in instead.",
  signIn: "Go to sign-in",
};

export type InviteStrings = typeof en;

const ptBR: InviteStrings = {
  title: "Entrar no Switchboard",
  intro: "Você foi convidado como agente. Escolha o nome que seus colegas veem e sua própria senha.",
  submit: "Entrar",
  used: "Este convite já foi usado. Entre com sua conta ou peça um novo a um administrador.",
  expired: "Este convite expirou. Peça um novo a um administrador.",
  unknown: "Este link de convite não é válido. Confira se você copiou o link inteiro.",
  taken: "Já existe uma conta com este e-mail. Entre com ela.",
  signIn: "Ir para o login",
};

const es: InviteStrings = {
  title: "Únete a Switchboard",
  intro: "Te invitaron como agente. Elige el nombre que ven tus compañeros y tu propia contraseña.",
  submit: "Unirme",
  used: "Esta invitación ya se usó. Inicia sesión o pide una nueva a un administrador.",
  expired: "Esta invitación expiró. Pide una nueva a un administrador.",
  unknown: "Este enlace de invitación no es válido. Comprueba que lo copiaste completo.",
  taken: "Ya existe una cuenta con este correo. Inicia sesión.",
  signIn: "Ir a iniciar sesión",
};

export const INVITE_STRINGS = { en, "pt-BR": ptBR, es } as const;
export const inviteWords: InviteStrings = pick(INVITE_STRINGS);
