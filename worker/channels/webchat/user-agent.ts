/**
 * @module Browser and OS in words an agent reads ("Chrome 126", "Android 14") from a
 * User-Agent header. Hand-written and small on purpose: agents need the family and major
 * version to help ("which browser are you on?"), not a device database.
 *
 * Order matters: Edge, Opera and Samsung Internet also say "Chrome" and "Safari", and
 * Chrome also says "Safari", so the more specific names are tried first. Since iPadOS 13
 * an iPad asks for desktop pages and reports itself as a Mac; it shows as macOS.
 */

export interface UserAgentSummary {
  browser: string | null;
  os: string | null;
}

/** [name, pattern whose first group is the major version]. */
const BROWSERS: ReadonlyArray<readonly [string, RegExp]> = [
  ["Edge", /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ["Opera", /\b(?:OPR|OPT|Opera)\/(\d+)/],
  ["Samsung Internet", /\bSamsungBrowser\/(\d+)/],
  ["Firefox", /\b(?:Firefox|FxiOS)\/(\d+)/],
  ["Chrome", /\b(?:Chrome|CriOS)\/(\d+)/],
  ["Safari", /\bVersion\/(\d+)(?:\.\d+)*.*\bSafari\//],
];

/** A header longer than this is not a browser's; only its start is read. */
const MAX_USER_AGENT_CHARS = 512;

function osOf(ua: string): string | null {
  const ios = /\b(?:iPhone|iPad|iPod)\b.*?\bOS (\d+)(?:_(\d+))?/.exec(ua);
  if (ios) return ios[2] ? `iOS ${ios[1]}.${ios[2]}` : `iOS ${ios[1]}`;
  const android = /\bAndroid (\d+(?:\.\d+)?)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  if (/\bAndroid\b/.test(ua)) return "Android";
  // "Windows NT 10.0" is both 10 and 11: the header no longer tells them apart.
  if (/\bWindows\b/.test(ua)) return "Windows";
  // Frozen at 10_15_7 by every browser since 2020, so the version would mislead.
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return "macOS";
  if (/\bCrOS\b/.test(ua)) return "ChromeOS";
  if (/\bLinux\b/.test(ua)) return "Linux";
  return null;
}

function browserOf(ua: string): string | null {
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) return `${name} ${match[1]}`;
  }
  return null;
}

/** The browser and OS `userAgent` names, each null when it names none we know. */
export function parseUserAgent(userAgent: string | null | undefined): UserAgentSummary {
  const ua = (userAgent ?? "").slice(0, MAX_USER_AGENT_CHARS);
  return { browser: browserOf(ua), os: osOf(ua) };
}
