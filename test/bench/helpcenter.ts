/**
 * @module The help center benchmark (issue 17): one portal with `articles` articles in
 * three locales (a third each: pt-BR sources, en and es translations), then
 *
 * - article page time to first byte: GET /hc/{slug}/{locale}/articles/{id}, the time until
 *   the response's headers arrive (fetch resolves there), against the floor
 *   GET /hc/{slug}/robots.txt: the same Worker, router and portal lookup (one D1 read),
 *   with no article query and no rendering;
 * - search: GET /api/v1/help-center/public/{slug}/search?q=…&locale=… with one or two
 *   words from the articles' vocabulary, the last one cut short as if still typed, against
 *   the floor GET /api/v1/help-center/public/portal?inbox=… (one D1 read, JSON answer);
 * - the widget's help chunk (the lazily loaded panel, script and style) in gzip bytes.
 *
 * Article and floor requests alternate in blocks, so a change in the machine's load hits both.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { api, createWebchatInbox, mapLimit, ownerSession } from "./api.ts";
import { fmt, summarize, type Summary } from "./stats.ts";

export const HELPCENTER_DEFAULTS = { articles: 2_000, requests: 500 };
const LOCALES = ["pt-BR", "en", "es"] as const;
const BLOCK = 50;
/** Words the seeded articles are made of (accents included, so search folds them). */
const WORDS = ["pedido", "entrega", "pagamento", "não", "cartão", "boleto", "troca", "devolução", "senha", "conta", "cupom", "frete", "nota", "fiscal", "prazo", "rastreamento", "cancelar", "assinatura", "reembolso", "endereço"];

export interface HelpCenterBenchResult {
  options: { articles: number; requests: number };
  seedMs: number;
  page: { ttfb: Summary; floor: Summary; bytes: number };
  search: { latency: Summary; floor: Summary; meanHits: number };
  helpChunk: { files: Array<{ file: string; gzip: number }>; gzip: number };
}

const word = (i: number) => WORDS[i % WORDS.length]!;
const bodyOf = (i: number) =>
  `# ${word(i)} ${word(i * 7 + 3)}\n\n${Array.from({ length: 40 }, (_, k) => word(i * 13 + k)).join(" ")}.\n\n- passo **1**\n- passo 2\n\n[mais](https://example.com/${i})`;

async function timed(url: string): Promise<{ ms: number; status: number; bytes: number; body: string }> {
  const start = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const ms = performance.now() - start;
  const body = await res.text();
  return { ms, status: res.status, bytes: body.length, body };
}

export async function helpChunkSize(distDir: string): Promise<HelpCenterBenchResult["helpChunk"]> {
  const assets = join(distDir, "assets");
  const files = (await readdir(assets)).filter((f) => f.startsWith("help-panel-"));
  const sized = await Promise.all(files.map(async (f) => ({ file: `assets/${f}`, gzip: gzipSync(await readFile(join(assets, f))).byteLength })));
  return { files: sized, gzip: sized.reduce((s, f) => s + f.gzip, 0) };
}

export async function runHelpCenterBench(base: string, distDir: string, opts: { articles: number; requests: number; log: (line: string) => void }): Promise<HelpCenterBenchResult> {
  const cookie = await ownerSession(base);
  const inbox = await createWebchatInbox(base, cookie, "Help center bench");
  const slug = `bench-${Date.now()}`;
  const portal = await api(base, "/api/v1/help-center/portals", { json: { name: "Bench", slug, defaultLocale: "pt-BR", locales: [...LOCALES], chatInboxId: inbox.id }, cookie });
  if (portal.status !== 201) throw new Error(`portal: ${portal.status} ${JSON.stringify(portal.body)}`);
  const groups = Math.ceil(opts.articles / LOCALES.length);
  opts.log(`help center: seeding ${groups} articles × ${LOCALES.length} locales through the API`);
  let t0 = performance.now();
  const sources = await mapLimit(
    Array.from({ length: groups }, (_, i) => i),
    8,
    async (i) => {
      const made = await api(base, "/api/v1/help-center/articles", { json: { portalId: portal.body.id, locale: "pt-BR", title: `${word(i)} ${word(i + 5)} ${i}`, body: bodyOf(i), status: "published" }, cookie });
      if (made.status !== 201) throw new Error(`article: ${made.status} ${JSON.stringify(made.body)}`);
      return made.body.id as string;
    },
  );
  await mapLimit(
    sources.flatMap((id, i) => (["en", "es"] as const).map((locale) => ({ id, i, locale }))),
    8,
    async ({ id, i, locale }) => {
      const made = await api(base, "/api/v1/help-center/articles", { json: { portalId: portal.body.id, locale, translationOf: id, title: `${locale} ${word(i)} ${i}`, body: bodyOf(i + 1), status: "published" }, cookie });
      if (made.status !== 201) throw new Error(`translation: ${made.status} ${JSON.stringify(made.body)}`);
    },
  );
  const seedMs = performance.now() - t0;
  opts.log(`help center: seeded in ${(seedMs / 1000).toFixed(1)} s; ${opts.requests} page and ${opts.requests} search requests, each beside its floor`);

  const pages: number[] = [];
  const pageFloor: number[] = [];
  const searches: number[] = [];
  const searchFloor: number[] = [];
  let bytes = 0;
  let hits = 0;
  // Warm-up, not recorded.
  for (let i = 0; i < 20; i++) {
    await timed(`${base}/hc/${slug}/pt-BR/articles/${sources[i % sources.length]}`);
    await timed(`${base}/api/v1/help-center/public/${slug}/search?q=${encodeURIComponent(word(i))}`);
  }
  t0 = performance.now();
  for (let done = 0; done < opts.requests; done += BLOCK) {
    for (let i = done; i < Math.min(opts.requests, done + BLOCK); i++) {
      const page = await timed(`${base}/hc/${slug}/${LOCALES[i % 3]}/articles/${sources[(i * 31) % sources.length]}`);
      if (page.status !== 200) throw new Error(`page answered ${page.status}`);
      pages.push(page.ms);
      bytes = page.bytes;
    }
    for (let i = done; i < Math.min(opts.requests, done + BLOCK); i++) pageFloor.push((await timed(`${base}/hc/${slug}/robots.txt`)).ms);
    for (let i = done; i < Math.min(opts.requests, done + BLOCK); i++) {
      const typed = i % 2 === 0 ? word(i).slice(0, 4) : `${word(i)} ${word(i + 3).slice(0, 3)}`;
      const res = await timed(`${base}/api/v1/help-center/public/${slug}/search?q=${encodeURIComponent(typed)}&locale=${LOCALES[i % 3]}`);
      if (res.status !== 200) throw new Error(`search answered ${res.status}: ${res.body}`);
      searches.push(res.ms);
      hits += (JSON.parse(res.body) as { hits: unknown[] }).hits.length;
    }
    for (let i = done; i < Math.min(opts.requests, done + BLOCK); i++) searchFloor.push((await timed(`${base}/api/v1/help-center/public/portal?inbox=${inbox.publicKey}`)).ms);
  }
  opts.log(`help center: measured in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return {
    options: { articles: groups * LOCALES.length, requests: opts.requests },
    seedMs,
    page: { ttfb: summarize(pages), floor: summarize(pageFloor), bytes },
    search: { latency: summarize(searches), floor: summarize(searchFloor), meanHits: hits / searches.length },
    helpChunk: await helpChunkSize(distDir),
  };
}

const row = (name: string, s: Summary) => `  ${name.padEnd(34)} ${String(s.count).padStart(5)} ${fmt(s.p50, 2).padStart(8)} ${fmt(s.p90, 2).padStart(8)} ${fmt(s.p99, 2).padStart(8)} ${fmt(s.max, 2).padStart(8)}`;

export function formatHelpCenterBench(r: HelpCenterBenchResult): string {
  return [
    "",
    `Help center: ${r.options.articles} articles in 3 locales (seeded in ${fmt(r.seedMs / 1000, 1)} s), ${r.options.requests} requests each, one at a time (ms)`,
    `  ${"".padEnd(34)} ${"n".padStart(5)} ${"p50".padStart(8)} ${"p90".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`,
    row("article page, time to first byte", r.page.ttfb),
    row("  floor: robots.txt (portal read)", r.page.floor),
    `  ${"  ratio p50 / p99".padEnd(34)} ${"".padStart(5)} ${fmt(r.page.ttfb.p50 / r.page.floor.p50, 2).padStart(7)}× ${"".padStart(8)} ${fmt(r.page.ttfb.p99 / r.page.floor.p99, 2).padStart(7)}×`,
    `  page size ${r.page.bytes} bytes of HTML`,
    row("search (prefix, bm25, highlight)", r.search.latency),
    row("  floor: portal-for-inbox JSON", r.search.floor),
    `  ${"  ratio p50 / p99".padEnd(34)} ${"".padStart(5)} ${fmt(r.search.latency.p50 / r.search.floor.p50, 2).padStart(7)}× ${"".padStart(8)} ${fmt(r.search.latency.p99 / r.search.floor.p99, 2).padStart(7)}×`,
    `  ${fmt(r.search.meanHits, 1)} hits per search on average (at most 8)`,
    `Widget help chunk (lazy): ${r.helpChunk.gzip} B gzip (${r.helpChunk.files.map((f) => `${f.file} ${f.gzip} B`).join(", ")})`,
  ].join("\n");
}
