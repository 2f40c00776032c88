/**
 * @module `npm run docs:permissions`: writes docs/permissions.md from the route table
 * (test/worker/route-table.ts) with test/worker/permission-matrix.ts. The table is test
 * code written for workerd (its helpers import `cloudflare:*` and vitest), so it is
 * bundled with esbuild and those modules replaced by an inert stand-in: only the table's
 * data (method, path, access) is read, none of its request helpers ever run.
 * Run as `node scripts/permissions-doc.ts` (Node 22 strips the types).
 */
import { build, type Plugin } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");

/** What the table's helpers import from those modules (esbuild names a missing one). */
const INERT_NAMES = [
  "env",
  "exports",
  "SELF",
  "fetchMock",
  "evictDurableObject",
  "runDurableObjectAlarm",
  "runInDurableObject",
  "listDurableObjectIds",
  "createExecutionContext",
  "waitOnExecutionContext",
  "applyD1Migrations",
  "DurableObject",
  "WorkerEntrypoint",
  "expect",
  "vi",
  "it",
  "test",
  "describe",
  "beforeAll",
  "beforeEach",
  "afterAll",
  "afterEach",
];

/** One object that absorbs every use (property, call, `new`), as every inert export. */
const INERT_MODULE =
  "const h = { get: (_, k) => (typeof k === 'symbol' ? undefined : p), apply: () => p, construct: () => p };\n" +
  "const p = new Proxy(function () {}, h);\n" +
  INERT_NAMES.map((name) => `export const ${name} = p;\n`).join("");

const testRuntime: Plugin = {
  name: "test-runtime-stand-ins",
  setup(b) {
    b.onResolve({ filter: /^(cloudflare:|vitest$|vitest\/)/ }, (args) => ({ path: args.path, namespace: "inert" }));
    b.onLoad({ filter: /.*/, namespace: "inert" }, () => ({ contents: INERT_MODULE, loader: "js" }));
    // Vite's `?raw` fixtures (provider payloads): their text, as Vite would give it.
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -"?raw".length)), namespace: "raw" }));
    b.onLoad({ filter: /.*/, namespace: "raw" }, (args) => ({ contents: readFileSync(args.path, "utf8"), loader: "text" }));
  },
};

const entry = `
export { ROUTES } from ${JSON.stringify(join(root, "test/worker/route-table.ts"))};
export { permissionMatrix, DOC_PATH } from ${JSON.stringify(join(root, "test/worker/permission-matrix.ts"))};
`;

const out = await build({
  stdin: { contents: entry, resolveDir: root, loader: "ts" },
  bundle: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "error",
  plugins: [testRuntime],
});
const dir = mkdtempSync(join(tmpdir(), "permissions-doc-"));
try {
  const file = join(dir, "table.mjs");
  writeFileSync(file, out.outputFiles[0]!.text);
  const { ROUTES, permissionMatrix, DOC_PATH } = await import(pathToFileURL(file).href);
  writeFileSync(join(root, DOC_PATH), permissionMatrix(ROUTES));
  console.log(`wrote ${DOC_PATH} (${ROUTES.length} routes)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
