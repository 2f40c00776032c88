/**
 * A room's refusal reaches an HTTP caller as its own error code and status, through the
 * one table in worker/conversation/room-client.ts (a default branch used to turn every
 * refusal but one into `attachment_not_found`).
 */
import { describe, expect, it } from "vitest";
import { bearer, call } from "./http-client";
import { expectApiError } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { refusalError } from "../../worker/conversation/room-client";
import type { RefusalCode } from "../../worker/conversation/commands";

describe("room refusals over HTTP", () => {
  it.each<[RefusalCode, number]>([
    ["attachment_not_found", 400],
    ["rate_limited", 429],
  ])("%s keeps its code and answers %i", (code, status) => {
    const error = refusalError(code, "why");
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status, code, message: "why" });
  });

  it("a visitor's send burst over HTTP is refused with 429 rate_limited, not as a missing attachment", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const answers = [];
    for (let i = 0; i < 40; i++) {
      answers.push(await call("/api/v1/widget/messages", { method: "POST", json: { body: `burst ${i}`, clientId: `h${i}` }, headers: bearer(v.token) }));
    }
    const refused = answers.filter((a) => a.status !== 200 && a.status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expectApiError(r, 429, "rate_limited");
  });
});
