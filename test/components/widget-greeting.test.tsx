/**
 * The widget never opens on an empty panel: the inbox's greeting and usual reply time
 * come first, in the visitor's language; the pre-chat form asks for a phone when the
 * inbox wants one.
 */
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { STRINGS, StringsContext } from "../../widget/i18n";
import { MessageList } from "../../widget/ui/message-list";
import { PrechatForm } from "../../widget/ui/prechat-form";
import { mount, settle, type } from "./fakes";

function list(props: { greeting: string; expectedReplyTime?: "minutes" | "hours" | "day" | null; locale?: keyof typeof STRINGS }) {
  return mount(
    <StringsContext.Provider value={STRINGS[props.locale ?? "en"]}>
      <MessageList events={[]} pending={[]} greeting={props.greeting} expectedReplyTime={props.expectedReplyTime} awayMessage={null} teamReadSeq={0} fileLink={() => Promise.resolve({ url: "", expiresAt: 0 })} />
    </StringsContext.Provider>,
  );
}

describe("the panel on open", () => {
  it("shows the greeting as the team's first message and the usual reply time under it", async () => {
    const { container } = await list({ greeting: "Olá! Como podemos ajudar?", expectedReplyTime: "hours", locale: "pt-BR" });
    const items = [...container.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toEqual(["Olá! Como podemos ajudar?", STRINGS["pt-BR"].replyInHours]);
  });

  it.each([
    ["minutes", "replyInMinutes"],
    ["hours", "replyInHours"],
    ["day", "replyInDay"],
  ] as const)("says the reply time %s in each language", async (when, key) => {
    for (const locale of ["en", "pt-BR", "es"] as const) {
      const { container, unmount } = await list({ greeting: "", expectedReplyTime: when, locale });
      expect(container.querySelector(".sb-reply-time")?.textContent).toBe(STRINGS[locale][key]);
      unmount();
    }
  });

  it("shows no reply-time line when the inbox sets none, and renders the greeting as text", async () => {
    const { container } = await list({ greeting: "<img src=x onerror=alert(1)>" });
    expect(container.querySelector(".sb-reply-time")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toContain("<img src=x onerror=alert(1)>");
  });
});

describe("the pre-chat phone field", () => {
  const form = (askPhone: boolean) => {
    const onSubmit = vi.fn(async () => {});
    return mount(
      <StringsContext.Provider value={STRINGS.en}>
        <PrechatForm requireEmail={false} askPhone={askPhone} initial={{ name: null, email: null }} onSubmit={onSubmit} />
      </StringsContext.Provider>,
    ).then((view) => ({ ...view, onSubmit }));
  };

  it("is absent unless the inbox asks for it", async () => {
    const { container } = await form(false);
    expect(container.querySelector('input[name="phone"]')).toBeNull();
  });

  it("sends the phone with the name, and refuses one that is not a phone number", async () => {
    const { container, onSubmit } = await form(true);
    await type(container.querySelector<HTMLInputElement>('input[name="name"]')!, "Bia");
    const phone = container.querySelector<HTMLInputElement>('input[name="phone"]')!;
    await type(phone, "call me");
    await act(() => container.querySelector<HTMLButtonElement>("button")!.click());
    expect(onSubmit).not.toHaveBeenCalled();
    expect(phone.getAttribute("aria-invalid")).toBe("true");
    await type(phone, "+55 11 91234-5678");
    await act(() => container.querySelector<HTMLButtonElement>("button")!.click());
    await settle();
    expect(onSubmit).toHaveBeenCalledWith({ name: "Bia", phone: "+55 11 91234-5678" }, null);
  });
});
