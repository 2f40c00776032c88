/**
 * @module Which URLs Switchboard may call on an admin's say-so (automation webhooks, and
 * the outbound webhooks may share it): https only, never a loopback, private, link-local
 * or otherwise internal address written as the host. A name that resolves to such an
 * address is not caught here (Workers cannot resolve DNS before a fetch); Cloudflare's
 * edge does not route Worker subrequests into private networks, which covers that case
 * in production. Redirects are never followed by the callers (`redirect: "manual"`), so
 * a public URL cannot bounce a call to an internal one.
 */

/** Why `raw` may not be called, or null when it may. */
export function urlRefusal(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "https:") return "only https URLs may be called";
  if (url.username || url.password) return "URLs with credentials may not be called";
  // WHATWG URL parsing has already turned every IPv4 spelling (decimal, octal, hex,
  // short forms) into dotted quads, and IPv6 into its bracketed compressed form.
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback addresses may not be called";
  if (host.startsWith("[")) return ipv6Refusal(host.slice(1, -1));
  const v4 = ipv4(host);
  if (v4) return ipv4Refusal(v4);
  // A single-label name (`intranet`, `metadata`) only means something inside a network.
  if (!host.includes(".")) return "internal host names may not be called";
  if (host.endsWith(".internal") || host.endsWith(".local")) return "internal host names may not be called";
  return null;
}

function ipv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** RFC 6890's special-purpose ranges that are not the public internet. */
function ipv4Refusal([a, b]: number[]): string | null {
  if (a === 127 || a === 0) return "loopback addresses may not be called";
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return "private addresses may not be called";
  if (a === 169 && b === 254) return "link-local addresses may not be called";
  if (a === 100 && b! >= 64 && b! <= 127) return "shared (carrier-grade NAT) addresses may not be called";
  if (a! >= 224) return "multicast and reserved addresses may not be called";
  return null;
}

function ipv6Refusal(host: string): string | null {
  if (host === "::1" || host === "::") return "loopback addresses may not be called";
  // IPv4-mapped (::ffff:a.b.c.d, which URL writes as ::ffff:XXXX:XXXX): judge the IPv4.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return ipv4Refusal([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  const first = parseInt(host.split(":")[0] || "0", 16);
  if ((first & 0xfe00) === 0xfc00) return "private addresses may not be called";
  if ((first & 0xffc0) === 0xfe80) return "link-local addresses may not be called";
  if ((first & 0xff00) === 0xff00) return "multicast addresses may not be called";
  return null;
}
