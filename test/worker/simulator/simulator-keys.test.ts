/**
 * The simulator and CREDENTIALS_KEY: sample inboxes are never stored with credentials in
 * the clear (no key: refused), and inboxes whose credentials do not open under the
 * current key are listed with the reason and cannot be played. Its own file: it needs a
 * database without sample inboxes yet.
 */
import { describe, expect, it } from "vitest";
import { sim, simEnv } from "./simulator-kit";
import { sampleInboxes } from "./samples";

describe("sample inboxes without a usable key", () => {
  it("refuse to be created without CREDENTIALS_KEY (503, nothing stored), and are listed as unusable under another key", async () => {
    const { CREDENTIALS_KEY: _key, ...keyless } = simEnv;
    const refused = await sim("/dev/simulator/api/sample-inboxes", { method: "POST", json: {}, environment: keyless });
    expect([refused.status, refused.body.error.code]).toEqual([503, "credentials_unavailable"]);
    expect((await sim("/dev/simulator/api/inboxes")).body.inboxes).toEqual([]);

    await sampleInboxes();
    const otherKey = { ...simEnv, CREDENTIALS_KEY: btoa("another-32-byte-key-for-tests!!!") };
    const listed = await sim("/dev/simulator/api/inboxes", { environment: otherKey });
    // The e-mail inbox has no credentials to open: usable under any key.
    expect(listed.body.inboxes.map((i: any) => i.problem)).toEqual([...Array(6).fill(expect.stringContaining("do not open")), null]);
    const send = await sim("/dev/simulator/api/messages", { method: "POST", environment: otherKey, json: { inboxId: listed.body.inboxes[0].id, customer: { id: "5511900000000" }, message: { type: "text", text: "hi" } } });
    expect([send.status, send.body.error.code]).toEqual([409, "conflict"]);
  });
});
