/**
 * `npm run dev`'s wrangler runner (scripts/dev-server.ts): it fires the Worker's cron
 * locally, at whole minutes as Cloudflare would, on the port wrangler serves.
 */
import { describe, expect, it } from "vitest";
import { DEV_CRON, devPort, scheduledUrl, untilNextMinute } from "../../scripts/dev-server";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

describe("the local cron", () => {
  it("fires wrangler.toml's one schedule", () => {
    const toml = readFileSync(resolve(__dirname, "../../wrangler.toml"), "utf8");
    expect(toml).toMatch(new RegExp(`crons = \\["${DEV_CRON.replaceAll("*", "\\*")}"\\]`));
  });

  it("targets the port wrangler serves on: --port N, --port=N, else the pinned 8787", () => {
    expect(devPort([])).toBe(8787);
    expect(devPort(["--port", "9001"])).toBe(9001);
    expect(devPort(["--ip", "0.0.0.0", "--port=9002"])).toBe(9002);
    expect(devPort(["--port", "nope"])).toBe(8787);
  });

  it("fires at the next whole minute, with that minute as the scheduled time", () => {
    expect(untilNextMinute(Date.UTC(2026, 11, 7, 12, 0, 59, 500))).toBe(500);
    expect(untilNextMinute(Date.UTC(2026, 11, 7, 12, 1, 0, 0))).toBe(60_000);
    const url = new URL(scheduledUrl(8787, Date.UTC(2026, 11, 7, 12, 1)));
    expect(url.origin + url.pathname).toBe("http://127.0.0.1:8787/cdn-cgi/local/scheduled");
    expect(url.searchParams.get("cron")).toBe("* * * * *");
    expect(url.searchParams.get("time")).toBe(String(Date.UTC(2026, 11, 7, 12, 1)));
  });
});
