/**
 * The simulator exists only with DEV_SIMULATOR=1 on a loopback host: anywhere else each of
 * its paths answers exactly as a path that does not exist.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LOCAL, sim, simEnv } from "./simulator-kit";

const PATHS: Array<[string, string]> = [
  ["GET", "/dev/simulator"],
  ["GET", "/dev/simulator/api/inboxes"],
  ["POST", "/dev/simulator/api/sample-inboxes"],
  ["POST", "/dev/simulator/graph/v23.0/100000000000001/messages"],
  ["GET", "/dev/simulator/graph/v23.0/100000000000001"],
  ["GET", "/dev/simulator/files/123"],
  ["POST", "/dev/simulator/api/edits"],
  ["POST", "/dev/simulator/api/blocks"],
  ["POST", "/dev/simulator/telegram/bot7000000001:abc/getMe"],
  ["POST", "/dev/simulator/telegram/bot7000000001:abc/sendMessage"],
  ["GET", "/dev/simulator/telegram/file/bot7000000001:abc/photos/file_1.png"],
  ["POST", "/dev/simulator/twilio/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json"],
  ["GET", "/dev/simulator/twilio/2010-04-01/Accounts/AC00000000000000000000000000000000.json"],
];

async function notFoundAnswer() {
  const res = await exports.default.fetch(new Request(`${LOCAL}/dev/no-such-path`));
  return { status: res.status, text: await res.text() };
}

describe("the simulator's guard", () => {
  it("answers 404, as a missing path, with the simulator off (the test env sets DEV_SIMULATOR=0 over any .dev.vars)", async () => {
    expect(env.DEV_SIMULATOR).toBe("0");
    const missing = await notFoundAnswer();
    expect(missing.status).toBe(404);
    for (const [method, path] of PATHS) {
      const res = await exports.default.fetch(new Request(LOCAL + path, { method, headers: { "Content-Type": "application/json", Origin: LOCAL }, body: method === "POST" ? "{}" : undefined }));
      expect({ path, status: res.status, text: await res.text() }).toEqual({ path, ...missing });
    }
  });

  it("answers 404 with DEV_SIMULATOR=1 on a host that is not loopback", async () => {
    const missing = await notFoundAnswer();
    for (const [method, path] of PATHS) {
      for (const origin of ["https://switchboard.example.com", "http://192.168.1.20:8787", "http://localhost.example.com"]) {
        const res = await sim(origin + path, { method, json: method === "POST" ? {} : undefined });
        expect({ origin, path, status: res.status, text: res.text }).toEqual({ origin, path, ...missing });
      }
    }
  });

  it("stays out of the OpenAPI document, even when on", async () => {
    const doc = await sim("/api/v1/openapi.json");
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith("/dev"))).toEqual([]);
    expect(doc.text).not.toContain("simulator");
  });

  it("answers 404 when DEV_SIMULATOR is unset (as in production) or anything but 1", async () => {
    for (const flag of ["0", "true", "", " 1", undefined]) {
      const { DEV_SIMULATOR: _on, ...off } = simEnv;
      const res = await sim("/dev/simulator", { environment: flag === undefined ? off : { ...off, DEV_SIMULATOR: flag } });
      expect({ flag, status: res.status }).toEqual({ flag, status: 404 });
    }
  });

  it("serves the page on localhost and 127.0.0.1 with DEV_SIMULATOR=1, under a nonce-only CSP", async () => {
    for (const origin of [LOCAL, "http://127.0.0.1:8787"]) {
      const res = await sim(`${origin}/dev/simulator`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      const csp = res.headers.get("Content-Security-Policy")!;
      const nonce = /script-src 'nonce-([0-9a-f]+)'/.exec(csp)?.[1];
      expect(nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      // The one script that runs carries this response's nonce; the strings are inert JSON.
      expect(res.text.match(/<script\b[^>]*>/g)).toEqual(['<script id="sim-strings" type="application/json">', `<script nonce="${nonce}">`]);
      expect(res.text).not.toContain("innerHTML");
      expect(res.text).toContain("Simulador de canais");
    }
  });
});
