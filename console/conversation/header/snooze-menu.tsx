/**
 * @module Snooze: presets (one hour, tomorrow morning, next week) each showing the time
 * it means, and a custom date and time. A small dialog rather than a menu because it
 * holds a form field.
 */
import { useState } from "preact/hooks";
import { formatDateTime } from "../format";
import { Icon } from "../../shared/icon";
import { Popover, usePopoverClose } from "../../shared/popover";
import { fromLocalInput, snoozeChoices, toLocalInput, type SnoozePresetId } from "./snooze";
import { s } from "../strings";

function SnoozeChoices(props: { onSnooze: (until: number) => void }) {
  const close = usePopoverClose();
  const choices = snoozeChoices();
  const [custom, setCustom] = useState(() => toLocalInput(choices.find((c) => c.id === "tomorrow")!.until));
  const [problem, setProblem] = useState<string | null>(null);
  const choose = (until: number) => {
    close();
    props.onSnooze(until);
  };
  const a = s.actions;
  const labels: Record<SnoozePresetId, string> = { hour: a.snoozeHour, tomorrow: a.snoozeTomorrow, nextWeek: a.snoozeNextWeek };
  return (
    <>
      <ul class="snooze-presets">
        {choices.map(({ id, until }) => (
          <li key={id}>
            <button type="button" class="menu-item" onClick={() => choose(until)}>
              <span>{labels[id]}</span>
              <span class="muted">{formatDateTime(until)}</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        class="snooze-custom"
        onSubmit={(e) => {
          e.preventDefault();
          const until = fromLocalInput(custom);
          if (until === null || until <= Date.now()) return setProblem(a.snoozePast);
          choose(until);
        }}
      >
        <label>
          {a.snoozeCustom}
          <input type="datetime-local" value={custom} min={toLocalInput(Date.now())} onInput={(e) => setCustom(e.currentTarget.value)} required />
        </label>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit">{a.snoozeSubmit}</button>
      </form>
    </>
  );
}

export function SnoozeMenu(props: { onSnooze: (until: number) => void; disabled: boolean }) {
  return (
    <Popover label={<Icon name="clock" text={s.actions.snooze} />} panelLabel={s.actions.snoozeFor} kind="dialog" align="end" disabled={props.disabled}>
      <SnoozeChoices onSnooze={props.onSnooze} />
    </Popover>
  );
}
