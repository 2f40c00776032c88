/**
 * @module `npm run dev`'s first step: gives `.dev.vars` (wrangler dev's local secrets,
 * git-ignored) a CREDENTIALS_KEY when it has none — 32 random bytes, base64, the key
 * channel credentials are sealed with (worker/channels/credentials.ts) — keeping every
 * other line as it is. An existing key is never replaced: credentials saved under it
 * would no longer open. Node built-ins only; run as `node scripts/dev-vars.ts` (Node 22
 * strips the types), so only erasable TypeScript here.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const KEY_LINE = /^\s*CREDENTIALS_KEY\s*=\s*(.*?)\s*$/;

/** A fresh key in the format the Worker expects: 32 random bytes, base64. */
export function newCredentialsKey(): string {
  return randomBytes(32).toString("base64");
}

/** `text` (a .dev.vars file) with a CREDENTIALS_KEY: null when it already has one with a
 * value (nothing to write); otherwise the text with `key` filling an empty line or added
 * at the end. */
export function withCredentialsKey(text: string, key: string): string | null {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => KEY_LINE.test(line));
  if (at >= 0) {
    const value = KEY_LINE.exec(lines[at]!)![1]!.replace(/^["']|["']$/g, "");
    if (value) return null;
    lines[at] = `CREDENTIALS_KEY=${key}`;
    return lines.join("\n");
  }
  const body = text === "" || text.endsWith("\n") ? text : `${text}\n`;
  return `${body}# Seals channel credentials locally (made by scripts/dev-vars.ts; keep it, or re-enter them).\nCREDENTIALS_KEY=${key}\n`;
}

/** Ensures `<dir>/.dev.vars` has a key; says whether it wrote one (never the key itself). */
export function ensureDevVars(dir: string): boolean {
  const path = resolve(dir, ".dev.vars");
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const next = withCredentialsKey(text, newCredentialsKey());
  if (next === null) return false;
  // Owner-only: it holds a secret (the mode applies when the file is created).
  writeFileSync(path, next, { mode: 0o600 });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (ensureDevVars(process.cwd())) console.log("dev-vars: wrote a new local CREDENTIALS_KEY to .dev.vars");
}
