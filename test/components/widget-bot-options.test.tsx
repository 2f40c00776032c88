/**
 * The bot's menu in the widget: its latest menu's options are buttons that send the
 * option's number; an older menu, a menu once the bot has handed over (no onChoose), or a
 * menu with a send still pending shows no buttons; labels are text, never HTML.
 */
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { STRINGS, StringsContext } from "../../widget/i18n";
import { MessageList } from "../../widget/ui/message-list";
import type { ConversationEvent, OptionsContent } from "../../worker/protocol";
import type { PendingMessage } from "../../client/feed";
import { mount } from "./fakes";

const OPTIONS: OptionsContent = { type: "options", prompt: "Olá!", options: [{ id: "1", title: "Horário" }, { id: "2", title: "<b>Pedido</b>" }] };
const BOT = { type: "bot" as const, id: "menu", name: "Robô" };

function botMessage(seq: number, body: string, content?: OptionsContent): ConversationEvent {
  return { type: "message", seq, id: `e${seq}`, conversationId: "c1", at: 1_700_000_000_000 + seq, actor: BOT, kind: "text", body, clientId: null, providerMessageId: null, delivery: "sent", ...(content ? { content } : {}) };
}

function list(events: ConversationEvent[], onChoose?: (id: string) => void, pending: PendingMessage[] = []) {
  return mount(
    <StringsContext.Provider value={STRINGS["pt-BR"]}>
      <MessageList events={events} pending={pending} greeting="" awayMessage={null} teamReadSeq={0} fileLink={() => Promise.resolve({ url: "", expiresAt: 0 })} onChoose={onChoose} />
    </StringsContext.Provider>,
  );
}

describe("the bot's options in the widget", () => {
  it("draws the latest menu's options as buttons that send the option's number", async () => {
    const choose = vi.fn();
    const { container } = await list([botMessage(1, "Olá!\n\n1. Horário\n2. Pedido", OPTIONS)], choose);
    const group = container.querySelector('[role="group"]')!;
    expect(group.getAttribute("aria-label")).toBe(STRINGS["pt-BR"].botOptions);
    const buttons = [...group.querySelectorAll("button")];
    expect(buttons.map((b) => b.textContent)).toEqual(["Horário", "<b>Pedido</b>"]);
    // A label is text: nothing it says becomes markup.
    expect(group.querySelector("b")).toBeNull();
    await act(() => buttons[1]!.click());
    expect(choose).toHaveBeenCalledWith("2");
  });

  it("shows buttons only under the latest message, and none once the bot has handed over", async () => {
    const events = [botMessage(1, "menu", OPTIONS), botMessage(2, "Atendemos das 9h às 18h.")];
    expect((await list(events, vi.fn())).container.querySelectorAll("button")).toHaveLength(0);
    expect((await list([botMessage(1, "menu", OPTIONS)])).container.querySelectorAll("button")).toHaveLength(0);
  });

  it("hides them while the visitor's answer is still being sent", async () => {
    const pending: PendingMessage[] = [{ clientId: "p1", body: "1", kind: "text", createdAt: 0, attachments: [], error: null } as unknown as PendingMessage];
    expect((await list([botMessage(1, "menu", OPTIONS)], vi.fn(), pending)).container.querySelectorAll(".sb-option")).toHaveLength(0);
  });
});
