/**
 * @module `npm run dev`'s switch for the local channel simulator (worker/simulator/): makes
 * sure `.dev.vars` (wrangler dev's local variables, git-ignored, never read by `wrangler
 * deploy`) turns the simulator on and points the WhatsApp and Meta adapters at its
 * stand-in Graph API, the Telegram adapter at its stand-in Bot API and the Twilio adapter
 * at its stand-in REST API, all on the dev server. Only missing lines are added: a line the developer
 * set (another port, the real Graph API, DEV_SIMULATOR=0) is kept as it is, and so is
 * every other line (CREDENTIALS_KEY comes from scripts/dev-vars.ts). Node built-ins only;
 * run as `node scripts/simulator-vars.ts` (Node 22 strips the types), so only erasable
 * TypeScript here.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** wrangler.toml pins `[dev] port = 8787`; the stand-in lives on that server. */
export const DEV_ORIGIN = "http://localhost:8787";
/** The Graph API version the adapters' real base URLs name. */
const GRAPH_VERSION = "v23.0";

/** The lines the simulator needs, in the order they are added. */
export function simulatorVars(origin = DEV_ORIGIN): Array<[string, string]> {
  const graph = `${origin}/dev/simulator/graph/${GRAPH_VERSION}`;
  return [
    ["DEV_SIMULATOR", "1"],
    ["WHATSAPP_API_URL", graph],
    ["META_API_URL", graph],
    ["TELEGRAM_API_URL", `${origin}/dev/simulator/telegram`],
    ["TWILIO_API_URL", `${origin}/dev/simulator/twilio`],
  ];
}

/** `text` (a .dev.vars file) with each simulator line it lacks; null when it lacks none. */
export function withSimulatorVars(text: string, origin = DEV_ORIGIN): string | null {
  const has = (name: string) => text.split(/\r?\n/).some((line) => new RegExp(`^\\s*${name}\\s*=`).test(line));
  const missing = simulatorVars(origin).filter(([name]) => !has(name));
  if (missing.length === 0) return null;
  const body = text === "" || text.endsWith("\n") ? text : `${text}\n`;
  const lines = missing.map(([name, value]) => `${name}=${value}`).join("\n");
  return `${body}# The local channel simulator at ${origin}/dev/simulator (made by scripts/simulator-vars.ts;\n# remove these lines to talk to the real provider APIs).\n${lines}\n`;
}

/** Adds the missing lines to `<dir>/.dev.vars`; says whether it wrote anything. */
export function ensureSimulatorVars(dir: string): boolean {
  const path = resolve(dir, ".dev.vars");
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const next = withSimulatorVars(text);
  if (next === null) return false;
  // Owner-only, as the file also holds the local CREDENTIALS_KEY.
  writeFileSync(path, next, { mode: 0o600 });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (ensureSimulatorVars(process.cwd())) console.log(`simulator-vars: .dev.vars turns on the channel simulator — open ${DEV_ORIGIN}/dev/simulator`);
}
