/**
 * The pure parts of the visitor's label and context: the User-Agent summary agents read
 * and the generated names in each language.
 */
import { describe, expect, it } from "vitest";
import { parseUserAgent } from "../../worker/channels/webchat/user-agent";
import { visitorName } from "../../worker/channels/webchat/visitor-name";

describe("parseUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "Windows"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87", "Edge 126", "Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17", "macOS"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox 127", "macOS"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17", "iOS 17.5"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1", "Chrome 126", "iOS 17.5"],
    ["Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet 25", "Android 14"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", "Opera 111", "Windows"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox 127", "Linux"],
    ["Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "ChromeOS"],
  ])("%s", (ua, browser, os) => {
    expect(parseUserAgent(ua)).toEqual({ browser, os });
  });

  it("answers null for what it does not know, and reads only the start of a huge header", () => {
    expect(parseUserAgent(null)).toEqual({ browser: null, os: null });
    expect(parseUserAgent("curl/8.5.0")).toEqual({ browser: null, os: null });
    expect(parseUserAgent("x".repeat(100_000) + " Chrome/1")).toEqual({ browser: null, os: null });
  });
});

describe("visitorName", () => {
  const id = "3f2b8c1e-9a4d-4e7f-b123-0c9d8e7f6a5b";

  it("is the same for the same contact, and differs between contacts", () => {
    expect(visitorName(id)).toBe(visitorName(id));
    const names = new Set(Array.from({ length: 200 }, () => visitorName(crypto.randomUUID())));
    expect(names.size).toBeGreaterThan(195);
  });

  it("puts the colour where each language puts it, with the same animal and number", () => {
    const [colour, animal, number] = visitorName(id, "en").split(" ");
    const pt = visitorName(id, "pt-BR").split(" ");
    const es = visitorName(id, "es").split(" ");
    expect(pt[2]).toBe(number);
    expect(es[2]).toBe(number);
    expect([colour, animal, pt[0], pt[1], es[0], es[1]].every((w) => w && /^\p{Lu}/u.test(w))).toBe(true);
    expect(number).toMatch(/^\d{4}$/);
  });
});
