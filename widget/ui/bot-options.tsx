/**
 * @module A bot's options (OptionsContent) as buttons under its latest menu, while the
 * bot has the conversation: a tap sends the option's number, exactly what the visitor
 * could have typed, so the room reads a tap and a typed answer the same way. Labels are
 * text nodes.
 */
import type { OptionsContent } from "../../worker/protocol";
import { useStrings } from "../i18n";

export function BotOptions({ options, onChoose }: { options: OptionsContent; onChoose: (id: string) => void }) {
  const s = useStrings();
  return (
    <div class="sb-options" role="group" aria-label={s.botOptions}>
      {options.options.map((o) => (
        <button key={o.id} type="button" class="sb-option" onClick={() => onChoose(o.id)}>
          {o.title}
        </button>
      ))}
    </div>
  );
}
