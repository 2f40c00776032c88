/**
 * @module How many SMS segments a text costs: GSM-7 when every character is in the GSM
 * 7-bit default alphabet (or its extension table), UCS-2 otherwise. Pure and zod-free,
 * so the console's composer counts exactly as the worker would.
 *
 * Limits (https://www.twilio.com/docs/glossary/what-sms-character-limit): one GSM-7 SMS
 * holds 160 septets, one UCS-2 SMS 70 UTF-16 code units; a concatenated message spends 6
 * bytes per segment on its User Data Header, leaving 153 and 67
 * (https://www.twilio.com/docs/glossary/what-is-ucs-2-character-encoding). Twilio picks
 * the most compact encoding itself and sends up to 1,600 characters as one message.
 */

/** 3GPP TS 23.038 §6.2.1, the GSM 7-bit default alphabet: one septet each. Only the
 * capital Ç is there (0x09): a lowercase ç, like ã, õ, â, ê or á, is not, and turns the
 * whole message into UCS-2. (ESC, 0x1B, is the way into the extension table, not a
 * character of its own.) */
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);

/** 3GPP TS 23.038 §6.2.1.1, the extension table: ESC plus one septet, so two each. */
const GSM7_EXTENSION = new Set("\f^{}\\[~]|€");

export type SmsEncoding = "gsm7" | "ucs2";

export const SMS_LIMITS = {
  gsm7: { single: 160, perSegment: 153 },
  ucs2: { single: 70, perSegment: 67 },
} as const satisfies Record<SmsEncoding, { single: number; perSegment: number }>;

export interface SmsCount {
  encoding: SmsEncoding;
  /** What the limits count: septets in GSM-7 (an extension character is 2), UTF-16 code
   * units in UCS-2 (an emoji outside the BMP is 2, a skin tone modifier 2 more). */
  units: number;
  /** 0 for an empty text. */
  segments: number;
  /** Per segment for this text: the single-message limit, or the concatenated one. */
  perSegment: number;
  /** The distinct characters that forced UCS-2, in the order they appear (empty in GSM-7). */
  unicode: string[];
}

/** The cost of one character (a code point) in GSM-7; null when it is not there. */
function septets(char: string): 1 | 2 | null {
  if (GSM7_BASIC.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return null;
}

/**
 * Counts `text` as it will be sent. The text is NFC-normalized first, as the server
 * stores it (protocol/text.ts), so "e" + a combining acute is the GSM-7 "é", not UCS-2.
 * Segments are packed the way phones and carriers split them: an extension character's
 * two septets, or a surrogate pair's two code units, never straddle two segments, so a
 * segment may end one unit short of its limit.
 */
export function countSms(text: string): SmsCount {
  const chars = [...text.normalize("NFC")];
  const costs = chars.map(septets);
  const unicode = [...new Set(chars.filter((_, i) => costs[i] === null))];
  const encoding: SmsEncoding = unicode.length === 0 ? "gsm7" : "ucs2";
  // In UCS-2 a code point outside the BMP takes two code units (a surrogate pair).
  const unitsOf = encoding === "gsm7" ? costs.map((c) => c ?? 0) : chars.map((c) => c.length);
  const units = unitsOf.reduce((a, b) => a + b, 0);
  const limits = SMS_LIMITS[encoding];
  if (units === 0) return { encoding, units, segments: 0, perSegment: limits.single, unicode };
  if (units <= limits.single) return { encoding, units, segments: 1, perSegment: limits.single, unicode };
  let segments = 1;
  let used = 0;
  for (const cost of unitsOf) {
    if (used + cost > limits.perSegment) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, perSegment: limits.perSegment, unicode };
}
