/**
 * `npm run dev`'s .dev.vars step (scripts/dev-vars.ts): a missing CREDENTIALS_KEY is
 * added as 32 random bytes in base64, an empty one filled, an existing one never
 * replaced, and the file's other lines kept.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureDevVars, newCredentialsKey, withCredentialsKey } from "../../scripts/dev-vars";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "dev-vars-"));
  dirs.push(dir);
  return dir;
}

describe("the local CREDENTIALS_KEY", () => {
  it("is 32 random bytes in base64, as the Worker reads it", () => {
    const key = newCredentialsKey();
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(Buffer.from(key, "base64").toString("base64")).toBe(key);
    expect(newCredentialsKey()).not.toBe(key);
  });

  it("is added to a file without one, keeping its other lines", () => {
    expect(withCredentialsKey("FOO=bar\nBAZ=1", "KEY")).toMatch(/^FOO=bar\nBAZ=1\n(#.*\n)?CREDENTIALS_KEY=KEY\n$/);
    expect(withCredentialsKey("", "KEY")).toMatch(/^(#.*\n)?CREDENTIALS_KEY=KEY\n$/);
  });

  it("fills an empty one in place, and never replaces one that is set", () => {
    expect(withCredentialsKey("FOO=bar\nCREDENTIALS_KEY=\nBAZ=1\n", "KEY")).toBe("FOO=bar\nCREDENTIALS_KEY=KEY\nBAZ=1\n");
    expect(withCredentialsKey('CREDENTIALS_KEY=""\n', "KEY")).toBe("CREDENTIALS_KEY=KEY\n");
    expect(withCredentialsKey("CREDENTIALS_KEY=abc\n", "KEY")).toBeNull();
    expect(withCredentialsKey('FOO=1\n CREDENTIALS_KEY = "abc"\n', "KEY")).toBeNull();
  });

  it("writes .dev.vars on the first run only, readable by its owner alone", () => {
    const dir = tempDir();
    expect(ensureDevVars(dir)).toBe(true);
    const first = readFileSync(join(dir, ".dev.vars"), "utf8");
    const key = /^CREDENTIALS_KEY=(.+)$/m.exec(first)![1]!;
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    if (process.platform !== "win32") expect(statSync(join(dir, ".dev.vars")).mode & 0o077).toBe(0);
    expect(ensureDevVars(dir)).toBe(false);
    expect(readFileSync(join(dir, ".dev.vars"), "utf8")).toBe(first);
  });

  it("keeps what a developer already had in .dev.vars", () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".dev.vars"), "SOME_TOKEN=keep-me\n");
    expect(ensureDevVars(dir)).toBe(true);
    expect(readFileSync(join(dir, ".dev.vars"), "utf8")).toMatch(/^SOME_TOKEN=keep-me\n(#.*\n)?CREDENTIALS_KEY=.+\n$/);
  });
});
