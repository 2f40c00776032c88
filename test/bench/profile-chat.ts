/**
 * `node test/bench/profile-chat.ts [--paced-seconds 10] [--listeners all]`: a V8 CPU
 * profile of the Worker (every Durable Object runs in its isolate) during the chat
 * benchmark's paced phase, taken through wrangler's inspector, and the functions that
 * used the most CPU. This is how the room's and the pipeline's per-message costs were
 * found; `--out profile.cpuprofile` keeps the profile for Chrome DevTools.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { startDevServer } from "./server.ts";
import { runChatBench } from "./chat-latency.ts";

const { values: args } = parseArgs({
  options: {
    "paced-seconds": { type: "string", default: "10" },
    listeners: { type: "string", default: "all" },
    out: { type: "string" },
    top: { type: "string", default: "40" },
  },
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

async function inspector(port: number): Promise<(method: string, params?: object) => Promise<any>> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{ webSocketDebuggerUrl: string; title?: string; url?: string }>;
  const target = targets.find((t) => !/proxy/i.test(`${t.title} ${t.url}`)) ?? targets[0];
  if (!target) throw new Error("no inspector target");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let next = 1;
  const pending = new Map<number, (v: any) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id && pending.has(msg.id)) pending.get(msg.id)!(msg.result ?? msg.error);
  });
  return (method, params = {}) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
}

const server = await startDevServer({ worker: { script: "test/bench/bench-worker/switchboard-entry.ts" }, extraArgs: ["--var", `BENCH_LISTENERS:${args.listeners}`] });
try {
  const call = await inspector(server.inspectorPort);
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: 200 });
  let profiling = false;
  let stopped: Promise<any> | null = null;
  const result = await runChatBench(server.url, {
    conversations: 200,
    latencyMessages: 200,
    latencyRate: 100,
    throughputMs: 1_000,
    pacedMs: Number(args["paced-seconds"]) * 1000,
    cpuMs: server.workerdCpuMs,
    log: (line) => {
      console.error(line);
      if (line.startsWith("paced:") && !profiling) {
        profiling = true;
        void call("Profiler.start");
      }
      if (line.startsWith("throughput:") && profiling && !stopped) stopped = call("Profiler.stop");
    },
  });
  const { profile } = (await stopped!) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  if (args.out) await writeFile(args.out, JSON.stringify(profile));
  const total = profile.samples.length;
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  console.log(`paced p50 ${result.paced.delivery.p50.toFixed(1)} ms p90 ${result.paced.delivery.p90.toFixed(1)} p99 ${result.paced.delivery.p99.toFixed(1)}; workerd CPU ${result.paced.cpuMsPerMessage?.toFixed(3)} ms per message (every isolate); ${total} samples of the Worker's isolate`);
  for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${key}`);
} finally {
  await server.stop();
}
