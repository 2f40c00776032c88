/**
 * @module `npm run reports:rebuild`: recomputes the report facts and rollups of the local
 * D1 (`.wrangler/state`, what `npm run dev` uses) from its stored history, with the same
 * code the Worker runs (worker/reports/fold-rooms.ts `rebuildReports`), through wrangler's
 * local D1 binding (getPlatformProxy,
 * https://developers.cloudflare.com/workers/wrangler/api/#getplatformproxy). The Worker's
 * code is bundled with esbuild first, since Node's type stripping does not resolve its
 * extensionless imports. Run as `node scripts/reports-rebuild.ts [--persist-to DIR]`.
 * Against a deployed database, use `POST /api/v1/reports/rebuild` (docs/reports.md).
 */
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { getPlatformProxy } from "wrangler";

const root = resolve(import.meta.dirname, "..");
const persistAt = process.argv.indexOf("--persist-to");
const persistTo = persistAt > 0 ? process.argv[persistAt + 1] : undefined;

const entry = `
export { rebuildReports } from ${JSON.stringify(join(root, "worker/reports/fold-rooms.ts"))};
export { database } from ${JSON.stringify(join(root, "worker/db/client.ts"))};
`;
const out = await build({ stdin: { contents: entry, resolveDir: root, loader: "ts" }, bundle: true, format: "esm", platform: "node", write: false, logLevel: "error" });
const dir = mkdtempSync(join(tmpdir(), "reports-rebuild-"));
const file = join(dir, "rebuild.mjs");
writeFileSync(file, out.outputFiles[0]!.text);
const { rebuildReports, database } = await import(pathToFileURL(file).href);
// `wrangler dev --persist-to DIR` keeps its state under DIR/v3, and getPlatformProxy's
// `persist.path` names that v3 directory itself (its default is .wrangler/state/v3).
const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(root, "wrangler.toml"), persist: persistTo ? { path: join(persistTo, "v3") } : true });
try {
  const started = Date.now();
  const db = database(proxy.env.DB);
  let total = { conversations: 0, facts: 0 };
  let step = await rebuildReports(db, { maxConversations: 5_000 });
  for (;;) {
    total = { conversations: total.conversations + step.conversations, facts: total.facts + step.facts };
    console.log(`reports:rebuild ${total.conversations} conversations, ${total.facts} facts, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (step.next === null) break;
    step = await rebuildReports(db, { after: step.next, maxConversations: 5_000 });
  }
} finally {
  await proxy.dispose();
  rmSync(dir, { recursive: true, force: true });
}
