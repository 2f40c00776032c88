/**
 * The SSRF guard on its own (worker/webhooks/url-guard.ts), in production mode and in
 * development mode: each refusal rule, and the public URLs that must pass.
 */
import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "../../../worker/webhooks/url-guard";

const refused = (url: string, dev = false) => !checkWebhookUrl(url, dev).ok;

describe("the webhook URL guard", () => {
  it.each([
    "https://hooks.example.com/x",
    "https://hooks.example.com:8443/x?y=1",
    "https://8.8.8.8/x",
    "https://[2606:4700:4700::1111]/x",
    "https://172.32.0.1/x", // just outside 172.16/12
    "https://100.128.0.1/x", // just outside CGNAT
  ])("accepts the public URL %s", (url) => {
    expect(checkWebhookUrl(url, false)).toMatchObject({ ok: true });
  });

  it.each([
    ["http to a public host", "http://hooks.example.com/x"],
    ["loopback", "https://127.0.0.1/x"],
    ["loopback, another address of 127/8", "https://127.8.9.10/x"],
    ["loopback written in hex", "https://0x7f.0.0.1/x"],
    ["loopback written as one number", "https://2130706433/x"],
    ["0.0.0.0", "https://0.0.0.0/x"],
    ["10/8", "https://10.255.0.1/x"],
    ["172.16/12", "https://172.31.255.255/x"],
    ["192.168/16", "https://192.168.1.1/x"],
    ["CGNAT 100.64/10", "https://100.100.100.100/x"],
    ["link-local and cloud metadata", "https://169.254.169.254/x"],
    ["multicast", "https://224.0.0.1/x"],
    ["broadcast", "https://255.255.255.255/x"],
    ["IPv6 loopback", "https://[::1]/x"],
    ["IPv6 unspecified", "https://[::]/x"],
    ["IPv6 unique local", "https://[fc00::5]/x"],
    ["IPv6 link-local", "https://[fe80::1%25eth0]/x"],
    ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/x"],
    ["IPv4-mapped private, hex form", "https://[::ffff:c0a8:101]/x"],
    ["NAT64 of a private address", "https://[64:ff9b::10.0.0.1]/x"],
    ["localhost", "https://localhost/x"],
    ["a .localhost name", "https://api.localhost/x"],
    ["a .local name", "https://nas.local/x"],
    ["an .internal name", "https://metadata.google.internal/x"],
    ["a single-label name", "https://intranet/x"],
    ["credentials", "https://a:b@hooks.example.com/x"],
    ["a file URL", "file:///etc/passwd"],
    ["no URL at all", "not a url"],
  ])("refuses %s in production (%s)", (_, url) => {
    expect(refused(url)).toBe(true);
  });

  it("in development allows loopback, over http too, and nothing else private", () => {
    for (const url of ["http://localhost:8787/hook", "https://localhost/x", "http://127.0.0.1:3000/x", "http://[::1]:3000/x"]) expect(refused(url, true), url).toBe(false);
    for (const url of ["http://10.0.0.1/x", "https://192.168.1.1/x", "http://hooks.example.com/x", "https://169.254.169.254/x", "https://printer.local/x"]) expect(refused(url, true), url).toBe(true);
  });
});
