/**
 * @module Business hours: always open, or a weekly schedule in one time zone with one
 * opening interval per day (the protocol allows up to four; extra intervals stored by
 * the API are kept as they are). Times are minutes after local midnight.
 */
import type { BusinessHours } from "../../worker/protocol";
import { s } from "./inbox-strings";

const NINE = 9 * 60;
const SIX_PM = 18 * 60;

/** Every IANA zone the browser knows, else a short list (older browsers). */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC", "America/Sao_Paulo", "America/Mexico_City", "Europe/Madrid", "Europe/Lisbon"];
  return known.includes(current) ? known : [current, ...known];
}

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Weekdays open 09:00–18:00 in the browser's zone: a start most teams only adjust. */
export function defaultHours(): BusinessHours {
  return { timezone: browserZone(), days: [0, 1, 2, 3, 4, 5, 6].map((d) => (d === 0 || d === 6 ? [] : [[NINE, SIX_PM]])) as BusinessHours["days"] };
}

/** Whether some open day closes before it opens (the server refuses that too). */
export function hoursProblem(hours: BusinessHours | null): boolean {
  return hours !== null && hours.days.some((day) => day.some(([open, close]) => !(open < close)));
}

const toTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
/** "24:00" cannot be typed into a time input; "23:59" closes at the end of the day. */
const toMinutes = (time: string) => {
  const [h, m] = time.split(":").map(Number);
  return Number.isFinite(h) && Number.isFinite(m) ? h! * 60 + m! : 0;
};

export function BusinessHoursField(props: { name: string; value: BusinessHours | null; error?: string; onChange: (hours: BusinessHours | null) => void }) {
  const hours = props.value;
  const setDay = (index: number, day: BusinessHours["days"][number]) => {
    if (!hours) return;
    props.onChange({ ...hours, days: hours.days.map((d, i) => (i === index ? day : d)) });
  };
  return (
    <div class="business-hours">
      <fieldset class="inline-choices">
        <legend class="visually-hidden">{s.hours}</legend>
        <label>
          <input type="radio" name={`hours-${props.name}`} checked={hours === null} onChange={() => props.onChange(null)} /> {s.alwaysOpen}
        </label>
        <label>
          <input type="radio" name={`hours-${props.name}`} checked={hours !== null} onChange={() => props.onChange(hours ?? defaultHours())} /> {s.scheduled}
        </label>
      </fieldset>
      {hours && (
        <>
          <label class="settings-field">
            <span>{s.timezone}</span>
            <select name="timezone" value={hours.timezone} onChange={(e) => props.onChange({ ...hours, timezone: e.currentTarget.value })}>
              {timeZones(hours.timezone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
          <table class="hours-table">
            <tbody>
              {hours.days.map((intervals, index) => {
                const day = s.days[index]!;
                const [first, ...rest] = intervals;
                return (
                  <tr key={index}>
                    <th scope="row">
                      <label>
                        <input type="checkbox" aria-label={s.openOn(day)} checked={Boolean(first)} onChange={(e) => setDay(index, e.currentTarget.checked ? [[NINE, SIX_PM]] : [])} /> {day}
                      </label>
                    </th>
                    <td>
                      {first && (
                        <>
                          <input type="time" aria-label={s.opensAt(day)} value={toTime(first[0])} onInput={(e) => setDay(index, [[toMinutes(e.currentTarget.value), first[1]], ...rest])} />
                          {" – "}
                          <input
                            type="time"
                            aria-label={s.closesAt(day)}
                            value={toTime(Math.min(first[1], 23 * 60 + 59))}
                            onInput={(e) => setDay(index, [[first[0], toMinutes(e.currentTarget.value)], ...rest])}
                          />
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {props.error && (
        <p class="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
