/**
 * @module Opt-out and opt-in keywords: a customer whose whole message is STOP, SAIR,
 * PARAR, CANCELAR or UNSUBSCRIBE (any case, accents ignored, surrounding spaces trimmed)
 * has opted out of the channel; START or VOLTAR opts back in. Twilio's own Advanced
 * Opt-Out says the same in `OptOutType` (STOP, START, HELP) when the sender has it on
 * (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out#opt-out-type-parameter),
 * which wins when present: its keyword lists can be customized per Messaging Service.
 */

const OPT_OUT = new Set(["STOP", "SAIR", "PARAR", "CANCELAR", "UNSUBSCRIBE"]);
const OPT_IN = new Set(["START", "VOLTAR"]);

/** The body as compared: trimmed, accents removed (NFD then combining marks dropped),
 * upper case. */
export function keywordOf(body: string): string {
  return body
    .trim()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase();
}

/** false: opted out; true: opted back in; null: neither. */
export function reachabilityOf(body: string, optOutType: string | undefined): boolean | null {
  const twilioSays = optOutType?.trim().toUpperCase();
  if (twilioSays === "STOP") return false;
  if (twilioSays === "START") return true;
  const keyword = keywordOf(body);
  if (OPT_OUT.has(keyword)) return false;
  if (OPT_IN.has(keyword)) return true;
  return null;
}
