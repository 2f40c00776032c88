/**
 * @module The words of agent status (the header's availability toggle, the status dots
 * of Settings → Agents) in English, Brazilian Portuguese and Spanish.
 */
import { pick, type Locale } from "../i18n";
import type { EffectiveStatus } from "../../worker/protocol";

const en = {
  statuses: { online: "Online", away: "Away", offline: "Offline" } satisfies Record<EffectiveStatus, string>,
  toggleLabel: (current: string) => `Your status: ${current}. Change it`,
  goAway: "Set yourself away: you keep your conversations but get no new ones",
  goOnline: "Set yourself online: you can get new conversations",
  failed: "Your status could not be changed. Try again.",
};

export type StatusStrings = typeof en;

const ptBR: StatusStrings = {
  statuses: { online: "Disponível", away: "Ausente", offline: "Offline" },
  toggleLabel: (current) => `Seu status: ${current}. Alterar`,
  goAway: "Ficar ausente: você mantém suas conversas, mas não recebe novas",
  goOnline: "Ficar disponível: você pode receber novas conversas",
  failed: "Não foi possível mudar seu status. Tente de novo.",
};

const es: StatusStrings = {
  statuses: { online: "Disponible", away: "Ausente", offline: "Desconectado" },
  toggleLabel: (current) => `Tu estado: ${current}. Cambiarlo`,
  goAway: "Ponerte ausente: conservas tus conversaciones, pero no recibes nuevas",
  goOnline: "Ponerte disponible: puedes recibir nuevas conversaciones",
  failed: "No se pudo cambiar tu estado. Inténtalo de nuevo.",
};

export const STATUS_STRINGS: Record<Locale, StatusStrings> = { en, "pt-BR": ptBR, es };
export const st: StatusStrings = pick(STATUS_STRINGS);
