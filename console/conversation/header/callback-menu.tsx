/**
 * @module Callbacks in the pane's header (issue 14): "Schedule callback" opens a small
 * dialog with a date and time in the agent's local time; a scheduled one shows as a chip
 * ("Callback at 15:30") with a button that cancels it.
 */
import { useState } from "preact/hooks";
import { MAX_CALLBACK_AHEAD_MS } from "../../../worker/protocol";
import { formatFullDateTime, formatMoment } from "../format";
import { Icon } from "../../shared/icon";
import { Popover, usePopoverClose } from "../../shared/popover";
import { q } from "../queue-strings";
import { fromLocalInput, toLocalInput } from "./snooze";

const QUARTER_MS = 15 * 60_000;

/** The form's first suggestion: an hour from now, on the next quarter hour. */
export function suggestedCallback(now: number = Date.now()): number {
  return Math.ceil((now + 60 * 60_000) / QUARTER_MS) * QUARTER_MS;
}

/** Why `at` cannot be scheduled (the API's own range), or null when it can. */
export function callbackProblem(at: number | null, now: number = Date.now()): string | null {
  if (at === null || at <= now) return q.header.past;
  if (at > now + MAX_CALLBACK_AHEAD_MS) return q.header.tooFar;
  return null;
}

function CallbackForm(props: { onSchedule: (at: number) => void }) {
  const close = usePopoverClose();
  const [value, setValue] = useState(() => toLocalInput(suggestedCallback()));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      class="snooze-custom callback-form"
      onSubmit={(e) => {
        e.preventDefault();
        const at = fromLocalInput(value);
        const why = callbackProblem(at);
        if (why !== null || at === null) return setProblem(why);
        close();
        props.onSchedule(at);
      }}
    >
      <label>
        {q.header.when}
        <input type="datetime-local" value={value} min={toLocalInput(Date.now())} onInput={(e) => setValue(e.currentTarget.value)} required />
      </label>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">{q.header.submit}</button>
    </form>
  );
}

export function CallbackMenu(props: { onSchedule: (at: number) => void; disabled: boolean }) {
  return (
    <Popover label={<Icon name="phone" />} buttonLabel={q.header.schedule} panelLabel={q.header.scheduleTitle} kind="dialog" align="end" disabled={props.disabled}>
      <CallbackForm onSchedule={props.onSchedule} />
    </Popover>
  );
}

/** The scheduled callback, with its cancel button. */
export function CallbackChip(props: { at: number; onCancel: () => void; disabled: boolean }) {
  return (
    <span class="callback-chip">
      <time dateTime={new Date(props.at).toISOString()} title={formatFullDateTime(props.at)}>
        {q.header.chip(formatMoment(props.at))}
      </time>
      <button type="button" class="chip-remove" aria-label={q.header.cancel} title={q.header.cancel} disabled={props.disabled} onClick={props.onCancel}>
        <Icon name="close" />
      </button>
    </span>
  );
}
