/**
 * @module Small readers over header fields: the first value of a header in postal-mime's
 * list, a header parameter (`report-type=delivery-status`), and RFC 5322 field blocks
 * outside the message's own header (the fields of a message/delivery-status part, the
 * returned headers of a bounce), unfolded.
 */
import type { Header } from "postal-mime";

/** The first (topmost) value of a header, or null. */
export function headerValue(headers: readonly Header[], key: string): string | null {
  return headers.find((h) => h.key === key)?.value ?? null;
}

/** Every value of a header, in order. */
export function headerValues(headers: readonly Header[], key: string): string[] {
  return headers.filter((h) => h.key === key).map((h) => h.value);
}

/** A header's main value, lower-cased, before its parameters (`multipart/report; …`) and
 * without RFC 5322 §3.2.2 comments (`no (a person wrote this)`). */
export function mainValue(value: string | null): string {
  return (value ?? "").replace(/\([^()]*\)/g, " ").split(";")[0]!.trim().toLowerCase();
}

/** One parameter of a structured header (RFC 2045 §5.1), lower-cased; null when absent. */
export function headerParam(value: string | null, name: string): string | null {
  if (!value) return null;
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return match ? (match[1] ?? match[2] ?? "").trim().toLowerCase() : null;
}

/** A block of "Name: value" fields (continuation lines unfolded, RFC 5322 §2.2.3), as
 * lower-cased names to values; a repeated name keeps its first value. */
export type FieldBlock = Map<string, string>;

/** Splits text into blank-line separated field blocks (RFC 3464 §2.1: one per-message
 * block, then one per recipient). Stops at `maxBlocks`. */
export function fieldBlocks(text: string, maxBlocks = 100): FieldBlock[] {
  const blocks: FieldBlock[] = [];
  let current: FieldBlock = new Map();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      if (current.size) blocks.push(current);
      if (blocks.length >= maxBlocks) return blocks;
      current = new Map();
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      current.set(last, `${current.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (current.has(name)) {
      last = null;
      continue;
    }
    current.set(name, line.slice(colon + 1).trim());
    last = name;
  }
  if (current.size && blocks.length < maxBlocks) blocks.push(current);
  return blocks;
}
