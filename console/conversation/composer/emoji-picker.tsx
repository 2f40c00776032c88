/**
 * @module A small emoji picker: a grid of the emoji support agents use most, each a real
 * button named for screen readers, moved through with the arrow keys. Built in (a few
 * dozen characters) rather than a picker library of several hundred kilobytes.
 */
import { Icon } from "../../shared/icon";
import { usePopoverClose, Popover } from "../../shared/popover";
import { s } from "../strings";

const COLUMNS = 8;
/** [emoji, name]: names are for assistive technology; the set is language-neutral. */
const EMOJI: ReadonlyArray<readonly [string, string]> = [
  ["😀", "grinning face"], ["😊", "smiling face"], ["😉", "winking face"], ["😂", "tears of joy"],
  ["🙂", "slightly smiling face"], ["😍", "heart eyes"], ["🤔", "thinking face"], ["😅", "sweat smile"],
  ["😢", "crying face"], ["😮", "surprised face"], ["🙏", "folded hands"], ["👍", "thumbs up"],
  ["👎", "thumbs down"], ["👏", "clapping hands"], ["👋", "waving hand"], ["🤝", "handshake"],
  ["💪", "flexed biceps"], ["👀", "eyes"], ["❤️", "red heart"], ["💙", "blue heart"],
  ["🎉", "party popper"], ["✨", "sparkles"], ["🔥", "fire"], ["⭐", "star"],
  ["✅", "check mark"], ["❌", "cross mark"], ["⚠️", "warning"], ["❓", "question mark"],
  ["💡", "light bulb"], ["📦", "package"], ["🚚", "delivery truck"], ["💳", "credit card"],
  ["📞", "telephone"], ["📧", "e-mail"], ["📎", "paperclip"], ["🕐", "clock"],
  ["📅", "calendar"], ["🔒", "lock"], ["🎁", "gift"], ["☕", "coffee"],
];

function Grid(props: { onPick: (emoji: string) => void }) {
  const close = usePopoverClose();
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>("button")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[Math.min(buttons.length - 1, Math.max(0, at + step))]?.focus();
  };
  return (
    <div class="emoji-grid" style={{ gridTemplateColumns: `repeat(${COLUMNS}, 2rem)` }} onKeyDown={onKeyDown}>
      {EMOJI.map(([emoji, name]) => (
        <button
          key={emoji}
          type="button"
          class="emoji-button"
          aria-label={name}
          title={name}
          onClick={() => {
            close(false);
            props.onPick(emoji);
          }}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}

export function EmojiPicker(props: { onPick: (emoji: string) => void }) {
  return (
    <Popover label={<Icon name="smile" />} buttonLabel={s.composer.emoji} buttonClass="tool-button" panelLabel={s.composer.emoji} kind="dialog" align="start" above>
      <Grid onPick={props.onPick} />
    </Popover>
  );
}
