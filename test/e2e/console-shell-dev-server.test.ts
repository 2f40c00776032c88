/**
 * The Worker runner every browser test and benchmark starts (test/bench/server.ts), when
 * another run takes its port between the probe and wrangler's bind: it must not mistake
 * the other server for its own, but start again on another port.
 */
import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startDevServer, type DevServer } from "../bench/server";

describe("the dev server runner", () => {
  let intruder: Server | undefined;
  let server: DevServer | undefined;

  afterAll(async () => {
    await server?.stop();
    await new Promise((done) => (intruder ? intruder.close(done) : done(undefined)));
  });

  it("starts again on another port when a concurrent run took the one it probed", async () => {
    const probed = await freePort(8960);
    // Another "Switchboard" binds the port the moment our wrangler starts, before it binds:
    // healthy on /api/health, and nothing else.
    intruder = createServer((req, res) => {
      res.writeHead(req.url === "/api/health" ? 200 : 418, { "Content-Type": "application/json" });
      res.end(JSON.stringify(req.url === "/api/health" ? { ok: true } : { intruder: true }));
    });
    const bound = new Promise<void>((done, fail) => intruder!.once("listening", done).once("error", fail));
    let taken = false;
    server = await startDevServer({
      port: probed,
      onLog: () => {
        if (taken) return;
        taken = true;
        intruder!.listen(probed, "127.0.0.1");
      },
    });

    await bound;
    expect(server.port).not.toBe(probed);
    const setup = await fetch(`${server.url}/api/v1/setup`);
    expect(setup.status).toBe(200);
    expect(await setup.json()).toEqual({ needsSetup: true });
    expect(server.logs().some((line) => line.includes("Address already in use"))).toBe(true);
  });
});
