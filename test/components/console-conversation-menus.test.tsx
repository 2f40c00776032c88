/**
 * The pane's popups and the small rules behind its actions: the menu button's keyboard
 * contract, the tag menu's checked state, snooze presets in local time, and how a live
 * event changes the conversation's row.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MenuItem, Popover } from "../../console/shared/popover";
import { TagMenu } from "../../console/conversation/header/tags";
import { fromLocalInput, snoozeChoices, snoozePresets, toLocalInput } from "../../console/conversation/header/snooze";
import { SnoozeMenu } from "../../console/conversation/header/snooze-menu";
import { foldLiveEvent } from "../../console/conversation/use-conversation-item";
import { click, mount, status } from "./fakes";
import { TAGS, item } from "./console-fixtures";

afterEach(() => {
  document.body.innerHTML = "";
});

const press = (el: Element, key: string) => act(() => void el.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true })));

describe("menu button", () => {
  async function renderMenu() {
    const picked = vi.fn();
    const view = await mount(
      <Popover label="Assign" panelLabel="Assign">
        <MenuItem onSelect={() => picked("ana")}>Ana</MenuItem>
        <MenuItem onSelect={() => picked("bruno")}>Bruno</MenuItem>
        <MenuItem disabled onSelect={() => picked("nobody")}>
          Nobody
        </MenuItem>
      </Popover>,
    );
    const button = view.container.querySelector("button")!;
    return { ...view, button, picked, menu: () => view.container.querySelector('[role="menu"]') };
  }

  it("opens with ArrowDown on the first item, moves with the arrows, and closes with Escape back on the button", async () => {
    const { button, menu } = await renderMenu();
    expect(button.getAttribute("aria-haspopup")).toBe("menu");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    button.focus();
    await press(button, "ArrowDown");
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.getAttribute("aria-controls")).toBe(menu()!.id);
    const items = [...menu()!.querySelectorAll('[role="menuitem"]')];
    expect(document.activeElement).toBe(items[0]);
    await press(items[0]!, "ArrowDown");
    expect(document.activeElement).toBe(items[1]);
    await press(items[1]!, "End");
    expect(document.activeElement).toBe(items[2]);
    await press(items[2]!, "ArrowDown"); // wraps
    expect(document.activeElement).toBe(items[0]);
    await press(items[0]!, "Escape");
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("runs an item, closes and returns focus; a disabled item does nothing", async () => {
    const { button, menu, picked } = await renderMenu();
    await click(button);
    await click(menu()!.querySelectorAll('[role="menuitem"]')[2]!);
    expect(picked).not.toHaveBeenCalled();
    expect(menu()).not.toBeNull();
    await click(menu()!.querySelectorAll('[role="menuitem"]')[1]!);
    expect(picked).toHaveBeenCalledWith("bruno");
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("closes on a click outside", async () => {
    const { button, menu } = await renderMenu();
    await click(button);
    await act(() => void document.body.dispatchEvent(new Event("pointerdown", { bubbles: true })));
    expect(menu()).toBeNull();
  });
});

describe("tag menu", () => {
  it("checks the selected tags and reports each toggle as the new set, staying open", async () => {
    const onChange = vi.fn();
    const { container } = await mount(<TagMenu tags={TAGS} selected={["tag-bug"]} onChange={onChange} label="Tags" buttonLabel="Tags" />);
    await click(container.querySelector("button"));
    const items = [...container.querySelectorAll('[role="menuitemcheckbox"]')];
    expect(items.map((i) => i.getAttribute("aria-checked"))).toEqual(["false", "true"]);
    await click(items[0]!);
    expect(onChange).toHaveBeenLastCalledWith(["tag-bug", "tag-vip"]);
    await click(items[1]!);
    expect(onChange).toHaveBeenLastCalledWith([]);
    expect(container.querySelector('[role="menu"]')).not.toBeNull();
  });
});

describe("snooze", () => {
  it("offers one hour from now, tomorrow at 9:00 and next Monday at 9:00, in local time", () => {
    const wednesday = new Date(2026, 10, 25, 16, 30).getTime();
    const presets = snoozePresets(wednesday);
    expect(presets.hour).toBe(wednesday + 3_600_000);
    expect(new Date(presets.tomorrow)).toEqual(new Date(2026, 10, 26, 9, 0));
    expect(new Date(presets.nextWeek)).toEqual(new Date(2026, 10, 30, 9, 0));
    const monday = new Date(2026, 10, 30, 8, 0).getTime();
    expect(new Date(snoozePresets(monday).nextWeek)).toEqual(new Date(2026, 11, 7, 9, 0));
  });

  it("never offers two presets for the same moment (on a Sunday, tomorrow 9:00 is next Monday 9:00)", async () => {
    const sunday = new Date(2026, 10, 29, 15, 0).getTime();
    expect(snoozeChoices(sunday).map((c) => c.id)).toEqual(["hour", "tomorrow"]);
    expect(snoozeChoices(new Date(2026, 10, 25, 16, 30).getTime()).map((c) => c.id)).toEqual(["hour", "tomorrow", "nextWeek"]);

    vi.useFakeTimers({ toFake: ["Date"], now: sunday });
    try {
      const { container } = await mount(<SnoozeMenu onSnooze={() => {}} disabled={false} />);
      await click(container.querySelector("button"));
      const times = [...container.querySelectorAll(".snooze-presets .muted")].map((el) => el.textContent);
      expect(times).toHaveLength(2);
      expect(new Set(times).size).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads and writes the datetime-local value as local time, refusing impossible dates", () => {
    const at = new Date(2026, 1, 3, 7, 5).getTime();
    expect(toLocalInput(at)).toBe("2026-02-03T07:05");
    expect(fromLocalInput("2026-02-03T07:05")).toBe(at);
    expect(fromLocalInput("2026-02-30T07:05")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
  });
});

describe("live events on the row", () => {
  it("follows status and assignment events and ignores messages", () => {
    const row = item({ lastSeq: 3, status: "open" });
    expect(foldLiveEvent(row, status("open", "snoozed", { seq: 4, snoozedUntil: 123 }))).toMatchObject({ status: "snoozed", snoozedUntil: 123, lastSeq: 4 });
    expect(foldLiveEvent(row, status("open", "resolved", { seq: 4, at: 99 }))).toMatchObject({ status: "resolved", resolvedAt: 99, snoozedUntil: null });
    expect(
      foldLiveEvent(row, { type: "assignment", seq: 5, id: "e5", conversationId: "c1", at: 0, actor: { type: "agent", id: "a1", name: "Ana" }, assigneeId: "a2", assigneeName: "Bruno", teamId: "t2" }),
    ).toMatchObject({ assigneeId: "a2", teamId: "t2", lastSeq: 5 });
    expect(foldLiveEvent(row, status("resolved", "open", { seq: 3 }))).toBeNull(); // already in the row
    expect(foldLiveEvent(row, { type: "csat", seq: 6, id: "e6", conversationId: "c1", at: 0, actor: { type: "contact", id: "k1" }, rating: 5, comment: "" })).toBeNull();
  });
});
