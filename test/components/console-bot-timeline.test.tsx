/**
 * The menu bot in the console's timeline: a captured answer is a line naming the bot, the
 * field and the value (as text, never markup).
 */
import { describe, expect, it } from "vitest";
import { SystemLine } from "../../console/conversation/timeline/system-line";
import { s } from "../../console/conversation/strings";
import type { FieldEvent } from "../../worker/protocol";
import { mount } from "./fakes";

const ctx = { myId: "a1", contactName: "Maria", directory: { agents: new Map(), teams: new Map() } } as never;
const field = (over: Partial<FieldEvent>): FieldEvent => ({ type: "field", seq: 4, id: "e4", conversationId: "c1", at: 1_700_000_000_000, actor: { type: "bot", id: "menu", name: "Robô" }, field: { kind: "email" }, value: "ana@example.com", ...over });

describe("a captured field in the timeline", () => {
  it("names the bot, the field and the value", async () => {
    const { container } = await mount(<ol><SystemLine event={field({})} before={null} ctx={ctx} /></ol>);
    expect(container.querySelector(".system-text")!.textContent).toBe(s.timeline.system_.fieldSaved("Robô", s.timeline.system_.fieldNames.email!, "ana@example.com"));
  });

  it("shows an attribute by its key, and a value as text", async () => {
    const { container } = await mount(<ol><SystemLine event={field({ field: { kind: "attribute", key: "order_number" }, value: "<img src=x>" })} before={null} ctx={ctx} /></ol>);
    expect(container.querySelector(".system-text")!.textContent).toContain("order_number: <img src=x>");
    expect(container.querySelector("img")).toBeNull();
  });
});
