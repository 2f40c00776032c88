/**
 * @module A bot's options (OptionsContent) as a WhatsApp interactive message: up to 3 as
 * reply buttons, up to 10 as a list. When the options cannot be drawn within WhatsApp's
 * limits (a prompt too long, titles that collide once cut), null: the message goes as its
 * numbered text, which the customer answers by typing the number.
 */
import { truncateText, type OptionsContent } from "../../protocol";

/** Reply buttons: at most 3, title at most 20 characters, body at most 1,024
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages). */
const MAX_BUTTONS = 3;
const MAX_BUTTON_TITLE_CHARS = 20;
const MAX_BUTTONS_BODY_CHARS = 1_024;
/** List: at most 10 rows in all, row title at most 24 characters, the button that opens
 * it at most 20, body at most 4,096
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages). */
const MAX_ROWS = 10;
const MAX_ROW_TITLE_CHARS = 24;
const MAX_LIST_BODY_CHARS = 4_096;
/** The list's button; one word read the same in Portuguese, English and Spanish. */
const LIST_BUTTON = "Menu";

/** The `interactive` object of a Graph send, or null to send the text instead. Ids are the
 * options' own (their numbers), so a tap comes back as the number the bot expects. */
export function interactiveOf(options: OptionsContent): Record<string, unknown> | null {
  const buttons = options.options.length <= MAX_BUTTONS;
  const maxTitle = buttons ? MAX_BUTTON_TITLE_CHARS : MAX_ROW_TITLE_CHARS;
  const titles = options.options.map((o) => truncateText(o.title.trim(), maxTitle));
  // WhatsApp refuses two buttons (or rows) with one title.
  if (new Set(titles).size !== titles.length || options.options.length > MAX_ROWS) return null;
  const body = { text: options.prompt };
  if (buttons) {
    if (options.prompt.length > MAX_BUTTONS_BODY_CHARS) return null;
    return { type: "button", body, action: { buttons: options.options.map((o, i) => ({ type: "reply", reply: { id: o.id, title: titles[i] } })) } };
  }
  if (options.prompt.length > MAX_LIST_BODY_CHARS) return null;
  return { type: "list", body, action: { button: LIST_BUTTON, sections: [{ rows: options.options.map((o, i) => ({ id: o.id, title: titles[i] })) }] } };
}
