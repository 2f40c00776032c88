/**
 * @module The one reply to a customer's STOP/SAIR (issue 16): in the keyword's language,
 * said by the company's automatic voice (a bot actor, so the channel delivers it like the
 * menu bot's messages and it never counts as an agent's first response).
 */
import type { Actor, Locale } from "../protocol";

export const CONSENT_VOICE: Actor = { type: "bot", id: "consent", name: "Switchboard" };

const ACK: Record<Locale, string> = {
  "pt-BR": "Pronto: você não receberá mais mensagens de marketing por este canal. Para voltar a receber, é só pedir.",
  en: "Done: you will no longer receive marketing messages on this channel. Ask us any time to receive them again.",
  es: "Listo: ya no recibirás mensajes de marketing por este canal. Para volver a recibirlos, solo pídelo.",
};

export function optOutAck(locale: Locale): string {
  return ACK[locale];
}

/** The ack's idempotency key in the room, per opt-out message: a batch delivered again
 * asks the room again, and the room answers with the message it already stored. */
export function optOutAckClientId(seq: number): string {
  return `consent-ack:${seq}`;
}
