/**
 * @module The visible part of a customer's e-mail for the timeline: quoted history and
 * signatures cut, modelled on the rules of GitHub's email_reply_parser (a quote header, a
 * block of ">" lines with nothing of the sender's own below it, a signature delimiter, a
 * mobile "sent from" line) plus the history markers of Outlook and of pt-BR and es mail
 * clients. Our own code; the whole text is kept beside the trimmed one.
 */

export interface TrimmedText {
  /** What the customer wrote. */
  text: string;
  /** The whole text when something was cut, else null. */
  fullText: string | null;
}

/** "On <date>, <name> wrote:" and its translations (Gmail, Apple Mail, Thunderbird). Gmail
 * wraps a long one over two or three lines, so it is matched on lines joined. */
const QUOTE_HEADER =
  /^\s*(on|em|el|le|am|op|il)\s.{4,400}\s(wrote|escreveu|escribió|escribio|a écrit|schrieb|schreef|ha scritto)\s*:\s*$/i;
/** Outlook's and older clients' separator line. */
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|mensagem original|mensaje original|message d'origine|ursprüngliche nachricht)\s*-{2,}\s*$/i;
/** The first line of Outlook's header block ("De: … / Enviado: … / Para: … / Assunto: …"),
 * bold in its text rendering ("*From:*"). */
const OUTLOOK_FROM = /^\s*\*?(from|de|von)\s*:\*?\s*\S/i;
const OUTLOOK_SENT = /^\s*\*?(sent|date|enviado|enviada|enviado el|enviada em|enviado em|data|fecha|gesendet|envoyé)(\s(em|el|le))?\s*:\*?\s*\S/i;
/** The rule Outlook draws above its header block. */
const UNDERSCORES = /^\s*_{10,}\s*$/;
/** RFC 3676 §4.3's signature delimiter "-- ", and "--" as clients that strip trailing
 * spaces send it. */
const SIGNATURE_DELIMITER = /^--\s?$/;
/** Mobile and webmail footers: "Sent from my iPhone", "Enviado do meu iPhone", "Enviado
 * desde mi Samsung", "Get Outlook for Android", "Obter o Outlook para iOS", "Enviado do
 * Email para Windows". */
const SENT_FROM =
  /^\s*(sent from my\s|sent from (mail|outlook) for\s|enviado (do|de) (meu|minha)\s|enviado desde mi\s|enviado (do|de|desde) (email|correo|outlook) para\s|get outlook for\s|obter o outlook para\s|obtener outlook para\s).{0,60}$/i;

const isQuoted = (line: string) => /^\s*>/.test(line);
const isBlank = (line: string) => line.trim() === "";

/** Whether a quote header starts at line i (over up to three lines). */
function quoteHeaderAt(lines: readonly string[], i: number): boolean {
  let joined = "";
  for (let k = i; k < Math.min(lines.length, i + 3); k++) {
    joined = k === i ? lines[k]! : `${joined} ${lines[k]!.trim()}`;
    if (QUOTE_HEADER.test(joined)) return true;
  }
  return false;
}

/** For each line i, whether the sender wrote their own lines after quoted ones below it
 * (an interleaved reply): then the quotes are context, not history to hide. One pass
 * from the bottom, so a message of many quote headers stays linear. */
function interleavedBelow(lines: readonly string[]): boolean[] {
  const result = new Array<boolean>(lines.length).fill(false);
  let ownBelow = false;
  let interleaved = false;
  for (let k = lines.length - 1; k >= 0; k--) {
    result[k] = interleaved;
    const line = lines[k]!;
    if (isQuoted(line)) interleaved ||= ownBelow;
    else if (!isBlank(line) && !SIGNATURE_DELIMITER.test(line) && !SENT_FROM.test(line)) ownBelow = true;
  }
  return result;
}

/** Whether an Outlook header block ("From:" then "Sent:" within a few lines) starts at i. */
function outlookBlockAt(lines: readonly string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i]!)) return false;
  for (let k = i + 1; k < Math.min(lines.length, i + 5); k++) if (OUTLOOK_SENT.test(lines[k]!)) return true;
  return false;
}

/** The first line of quoted history, or lines.length when there is none. */
function historyStart(lines: readonly string[]): number {
  const interleaved = interleavedBelow(lines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isQuoted(line)) continue;
    if (ORIGINAL_MESSAGE.test(line) || outlookBlockAt(lines, i)) return i;
    if (UNDERSCORES.test(line) && i + 1 < lines.length && outlookBlockAt(lines, i + 1)) return i;
    if (!interleaved[i] && quoteHeaderAt(lines, i)) return i;
  }
  // A trailing block of ">" lines (and blank lines) with nothing of the sender's below.
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (isQuoted(line)) start = i;
    else if (!isBlank(line)) break;
  }
  return start;
}

/** The first line of the signature in the visible lines, or lines.length. */
function signatureStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (SIGNATURE_DELIMITER.test(lines[i]!)) return i;
    // A "sent from" footer is a signature only as the last thing written.
    if (SENT_FROM.test(lines[i]!) && lines.slice(i + 1).every(isBlank)) return i;
  }
  return lines.length;
}

export function trimReply(whole: string): TrimmedText {
  const full = whole.replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  const lines = full.split("\n");
  const visible = lines.slice(0, historyStart(lines));
  const own = visible.slice(0, signatureStart(visible));
  const text = own.join("\n").trim();
  // A message that is nothing but a quote or a signature (a forward with ">" lines, a
  // "-- " at the top) keeps its whole text: an empty bubble would hide what was sent.
  if (!text) return { text: full.trim(), fullText: null };
  return text === full.trim() ? { text, fullText: null } : { text, fullText: full };
}
