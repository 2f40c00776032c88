/**
 * @module The SSRF guard for every URL Switchboard calls on an admin's say-so (outbound
 * webhooks, automation rules' webhook action): which URLs it will POST to. Run
 * when an admin saves an endpoint and again before every send (a URL stored before a rule
 * tightened, or written to D1 by hand, is still refused).
 *
 * Rules: https only; no user:password in the URL; no IP literal in a private, loopback,
 * link-local, CGNAT, multicast or reserved range (v4, v6, and v4 inside v6); no
 * `localhost`, `*.localhost`, `*.local`, `*.internal`, `*.home.arpa` or single-label
 * names. In development (env `DEV_WEBHOOKS_LOCAL=1`: `npm run dev` and the tests set it)
 * loopback (`localhost`, 127.0.0.0/8, ::1) is allowed, over http too, so a developer can
 * point an endpoint at a receiver on their machine.
 *
 * What this cannot catch: a public name whose DNS answer is a private address (or changes
 * to one after the check: DNS rebinding). Workers cannot resolve a name before fetch; a
 * deployed Worker's fetch goes out through Cloudflare's network, which does not reach the
 * deployer's private networks, so the exposure is what Cloudflare's edge itself can reach
 * (see README, "Outbound webhooks").
 */

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export interface GuardEnv {
  DEV_WEBHOOKS_LOCAL?: string;
}

/** Whether loopback receivers are allowed (development and tests only). */
export function allowsLocal(env: GuardEnv): boolean {
  return env.DEV_WEBHOOKS_LOCAL === "1";
}

const BLOCKED_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".localdomain"];

/** Why `raw` may not be called, or null when it may (automation rules' webhook action
 * shares this guard with the outbound webhooks). */
export function urlRefusal(raw: string, allowLocal = false): string | null {
  const verdict = checkWebhookUrl(raw, allowLocal);
  return verdict.ok ? null : verdict.reason;
}

export function checkWebhookUrl(raw: string, allowLocal: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.username || url.password) return { ok: false, reason: "a URL with a user name or password is not accepted" };
  // The WHATWG parser has already turned 0x7f.1, 2130706433 and the like into dotted
  // decimal, and lower-cased the host; IPv6 literals keep their brackets.
  const host = url.hostname;
  const loopback = isLoopbackHost(host);
  if (url.protocol === "http:") {
    if (!(allowLocal && loopback)) return { ok: false, reason: "only https URLs are accepted" };
  } else if (url.protocol !== "https:") {
    return { ok: false, reason: "only https URLs are accepted" };
  }
  if (allowLocal && loopback) return { ok: true, url };
  if (host.startsWith("[")) {
    const v6 = parseV6(host.slice(1, -1));
    if (!v6 || blockedV6(v6)) return { ok: false, reason: "private, loopback or reserved addresses are not accepted" };
    return { ok: true, url };
  }
  const v4 = parseV4(host);
  if (v4) return blockedV4(v4) ? { ok: false, reason: "private, loopback or reserved addresses are not accepted" } : { ok: true, url };
  if (host === "localhost" || BLOCKED_SUFFIXES.some((s) => host.endsWith(s))) return { ok: false, reason: "local and internal host names are not accepted" };
  if (!host.includes(".")) return { ok: false, reason: "a host name must be a public, dotted name" };
  return { ok: true, url };
}

function isLoopbackHost(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = parseV4(host);
  if (v4) return v4[0] === 127;
  if (host.startsWith("[")) {
    const v6 = parseV6(host.slice(1, -1));
    return v6 !== null && v6.slice(0, 7).every((h) => h === 0) && v6[7] === 1;
  }
  return false;
}

function parseV4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const n = parts.map(Number);
  return n.every((x) => x <= 255) ? n : null;
}

/** IANA special-purpose IPv4 ranges a webhook must never reach
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/). */
function blockedV4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 || // private (RFC 1918)
    (a === 100 && b! >= 64 && b! <= 127) || // CGNAT shared space (RFC 6598)
    a === 127 || // loopback
    (a === 169 && b === 254) || // link-local, cloud metadata services
    (a === 172 && b! >= 16 && b! <= 31) || // private
    (a === 192 && b === 168) || // private
    (a === 192 && b === 0) || // IETF protocol assignments and TEST-NET-1 (192.0.0/24, 192.0.2/24)
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast, reserved, broadcast
  );
}

/** Eight 16-bit groups, or null. The URL parser has already validated and compressed it. */
function parseV6(text: string): number[] | null {
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(":");
  const maybeV4 = parseV4(body.slice(lastColon + 1));
  if (maybeV4) {
    tail = [(maybeV4[0]! << 8) | maybeV4[1]!, (maybeV4[2]! << 8) | maybeV4[3]!];
    body = body.slice(0, lastColon + 1) + "0:0";
  }
  const [head, rest] = body.split("::") as [string, string | undefined];
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  const fill = rest === undefined ? 0 : 8 - h.length - r.length;
  const all = [...h, ...Array<number>(Math.max(0, fill)).fill(0), ...r];
  if (all.length !== 8 || all.some((g) => Number.isNaN(g))) return null;
  if (tail.length) all.splice(6, 2, ...tail);
  return all;
}

function blockedV6(g: number[]): boolean {
  const first = g[0]!;
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  // An IPv4 address inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d) or NAT64
  // (64:ff9b::a.b.c.d) reaches the v4 address: judge that.
  const v4 = [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255];
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return blockedV4(v4);
  if (first === 0x64 && g[1] === 0xff9b) return blockedV4(v4);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local (fc00::/7)
    (first & 0xffc0) === 0xfe80 || // link-local (fe80::/10)
    (first & 0xffc0) === 0xfec0 || // site-local, deprecated (fec0::/10)
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && g[1] === 0x0db8) || // documentation
    first === 0x0100 // discard prefix (100::/64)
  );
}
