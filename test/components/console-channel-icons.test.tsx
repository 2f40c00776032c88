/**
 * The channel on every list row and in the conversation header: its icon (named for
 * screen readers) and its name, for each kind, in English, pt-BR and Spanish; and on the
 * customer's messages, subtly.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ChannelKind } from "../../worker/protocol";
import { ConversationRow } from "../../console/list/conversation-row";
import { ConversationHeader } from "../../console/conversation/header/header";
import { LIST_STRINGS } from "../../console/list/strings";
import type { PaneActions } from "../../console/conversation/use-conversation-item";
import { Timeline } from "../../console/conversation/timeline/timeline";
import { message, mount } from "./fakes";
import { DIRECTORY, ME, TAGS, item } from "./console-fixtures";
import { maria } from "./channel-events";

const NAMES = { webchat: "Web chat", whatsapp: "WhatsApp", messenger: "Messenger", instagram: "Instagram", telegram: "Telegram", sms: "SMS", email: "E-mail", api: "API" };

afterEach(() => {
  document.body.innerHTML = "";
});

const noop = async () => true;
const actions = { star: noop, assign: noop, setStatus: noop, setTags: noop, setType: noop } as unknown as PaneActions;

describe.each(ChannelKind.options)("a %s conversation", (channel) => {
  it("shows the channel's icon and name on its list row", async () => {
    const { container } = await mount(
      <ul>
        <ConversationRow item={item({ channel, lastMessagePreview: "Oi" })} selected={false} mine={false} tags={new Map()} onStar={() => {}} />
      </ul>,
    );
    const icon = container.querySelector(`svg.channel-icon[data-channel="${channel}"]`)!;
    expect(icon.getAttribute("role")).toBe("img");
    expect(icon.getAttribute("aria-label")).toBe(NAMES[channel]);
    expect(container.querySelector(".row-channel")!.textContent).toBe(NAMES[channel]);
    // Named once for screen readers: the visible name is hidden from them.
    expect(container.querySelector(".row-channel")!.getAttribute("aria-hidden")).toBe("true");
  });

  it("shows the channel's icon and name in the conversation header", async () => {
    const { container } = await mount(
      <ConversationHeader
        item={item({ channel })}
        me={ME}
        directory={DIRECTORY}
        participants={[]}
        assigneeNameFromLog={null}
        busy={false}
        actions={actions}
        contactPanel={{ open: false, toggle: () => {}, buttonRef: { current: null }, id: "contact-c1" }}
      />,
    );
    const badge = container.querySelector(".pane-title-row .channel-badge")!;
    expect(badge.querySelector(`svg[data-channel="${channel}"]`)!.getAttribute("aria-label")).toBe(NAMES[channel]);
    expect(badge.textContent).toBe(`${NAMES[channel]}${NAMES[channel]}`); // the svg's <title>, then the visible name
  });
});

it("names every channel in pt-BR and Spanish", () => {
  expect(LIST_STRINGS["pt-BR"].channels).toEqual({ ...NAMES, webchat: "Chat do site" });
  expect(LIST_STRINGS.es.channels).toEqual({ ...NAMES, webchat: "Chat web", email: "Correo electrónico" });
});

it.each(["instagram", "telegram", "sms"] as const)("marks the customer's messages with the conversation's channel (%s)", async (channel) => {
  const { container } = await mount(
    <Timeline
      events={[message({ seq: 1, actor: maria, body: "oi" })]}
      pending={[]}
      connection="online"
      typing={[]}
      contactReadSeq={0}
      ctx={{ myId: ME.agent.id, contactName: "Maria", directory: DIRECTORY }}
      channel={channel}
      messageTags={{ bySeq: new Map(), set: () => {} }}
      tags={TAGS}
      atSeq={null}
      pages={{ loaded: true, hasOlder: false, olderState: "idle", loadOlder: async () => {} }}
      onRetry={() => {}}
      onDiscard={() => {}}
    />,
  );
  expect(container.querySelector(`.message--contact .message-meta svg[data-channel="${channel}"]`)!.getAttribute("aria-label")).toBe(NAMES[channel]);
});
