/**
 * @module Opt-out and opt-in keywords, on every channel (issue 16; first written for
 * Twilio SMS in issue 12). A customer whose whole message is STOP, SAIR, PARAR, CANCELAR,
 * DESCADASTRAR, UNSUBSCRIBE or BAJA (any case, accents ignored, surrounding spaces
 * trimmed) revokes that channel's marketing consent (../pipeline/listeners/consent-ledger.ts);
 * on SMS it also opts out of the channel itself (a `reachability` item, as the carrier
 * does). START or VOLTAR opts back into SMS — reachability only, never consent: consent
 * needs an explicit grant (LGPD art. 8), and "START" says "write to me again", not "send
 * me offers".
 *
 * Twilio's own Advanced Opt-Out says the same in `OptOutType` (STOP, START, HELP) when the
 * sender has it on
 * (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out#opt-out-type-parameter),
 * which wins when present: its keyword lists can be customized per Messaging Service.
 */
import type { Locale } from "../protocol/webchat";

/** Each opt-out word and the language the acknowledgement answers it in. PARAR and
 * CANCELAR are Spanish too; pt-BR is the default market, so they answer in pt-BR. */
const OPT_OUT: ReadonlyMap<string, Locale> = new Map([
  ["STOP", "en"],
  ["UNSUBSCRIBE", "en"],
  ["SAIR", "pt-BR"],
  ["PARAR", "pt-BR"],
  ["CANCELAR", "pt-BR"],
  ["DESCADASTRAR", "pt-BR"],
  ["BAJA", "es"],
]);
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

/** The language of the opt-out keyword `body` is, or null when it is not one. */
export function optOutKeyword(body: string): Locale | null {
  return OPT_OUT.get(keywordOf(body)) ?? null;
}

/** SMS reachability: false: opted out; true: opted back in; null: neither. */
export function reachabilityOf(body: string, optOutType: string | undefined): boolean | null {
  const twilioSays = optOutType?.trim().toUpperCase();
  if (twilioSays === "STOP") return false;
  if (twilioSays === "START") return true;
  const keyword = keywordOf(body);
  if (OPT_OUT.has(keyword)) return false;
  if (OPT_IN.has(keyword)) return true;
  return null;
}
