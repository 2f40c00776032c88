/**
 * @module `npm run dev`'s last step: `wrangler dev`, with the Worker's every-minute cron
 * fired locally. wrangler does not run Cron Triggers under `wrangler dev` ("Scheduled
 * Workers are not automatically triggered during local development"); it serves
 * `/cdn-cgi/local/scheduled` to fire one instead
 * (https://developers.cloudflare.com/workers/configuration/cron-triggers/#test-cron-triggers-locally).
 * Without this, someone trying Switchboard locally never saw idle automation rules,
 * retention, resumed campaigns or the reports' regrain run (worker/index.ts `scheduled`).
 *
 * Arguments after `npm run dev --` go to wrangler. Node built-ins only; run as
 * `node scripts/dev-server.ts` (Node 22 strips the types), so only erasable TypeScript.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** wrangler.toml's `[triggers] crons`: the Worker's one schedule. */
export const DEV_CRON = "* * * * *";
/** wrangler.toml pins `[dev] port = 8787`. */
const DEFAULT_PORT = 8787;
const MINUTE_MS = 60_000;

/** The port wrangler will serve on: `--port N` or `--port=N` among its arguments, else the pinned one. */
export function devPort(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === "--port" ? argv[i + 1] : arg.startsWith("--port=") ? arg.slice("--port=".length) : undefined;
    const port = Number(value);
    if (value !== undefined && Number.isInteger(port) && port > 0 && port < 65_536) return port;
  }
  return DEFAULT_PORT;
}

/** Fires the cron as Cloudflare would at `at` (a whole minute): `controller.scheduledTime` is `at`. */
export function scheduledUrl(port: number, at: number): string {
  return `http://127.0.0.1:${port}/cdn-cgi/local/scheduled?${new URLSearchParams({ cron: DEV_CRON, time: String(at) })}`;
}

/** Milliseconds from `now` to the next whole minute, when "* * * * *" fires. */
export function untilNextMinute(now: number): number {
  return MINUTE_MS - (now % MINUTE_MS);
}

function main(argv: string[]): void {
  const port = devPort(argv);
  const wrangler = spawn("wrangler", ["dev", "--var", "DEV_WEBHOOKS_LOCAL:1", ...argv], { stdio: "inherit" });
  let timer: NodeJS.Timeout | undefined;
  let announced = false;
  const schedule = () => {
    timer = setTimeout(() => {
      const at = Math.round(Date.now() / MINUTE_MS) * MINUTE_MS;
      // Not up yet, or reloading after an edit: the next minute tries again, as a missed
      // cron tick would on Cloudflare. wrangler logs nothing for these requests, so the
      // first one that runs is announced, and any the Worker refuses.
      fetch(scheduledUrl(port, at)).then(
        async (res) => {
          const body = await res.text();
          if (!res.ok) console.error(`[dev] the local cron tick failed: ${res.status} ${body.slice(0, 200)}`);
          else if (!announced) console.error(`[dev] the Worker's every-minute cron runs locally (scripts/dev-server.ts); first tick ${new Date(at).toISOString()}`);
          announced ||= res.ok;
        },
        () => undefined,
      );
      schedule();
    }, untilNextMinute(Date.now()));
  };
  schedule();
  // Ctrl-C reaches wrangler directly (same process group); this process waits for it to
  // finish, then exits with its code.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => wrangler.kill("SIGTERM"));
  wrangler.on("exit", (code, signal) => {
    clearTimeout(timer);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
