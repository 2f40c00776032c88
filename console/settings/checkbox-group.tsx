/**
 * @module Settings: a fieldset of checkboxes choosing any number of values (inboxes,
 * channels, tags, teams, statuses) for a rule's conditions; nothing chosen means the
 * condition is absent. Shared by the routing and automation rule forms.
 */

export function Checkboxes<T extends string>(props: { legend: string; options: Array<{ value: T; label: string }>; chosen: T[]; onChange: (next: T[]) => void }) {
  // No options (say, no tags made yet): nothing to choose, so no empty box either.
  if (props.options.length === 0) return null;
  return (
    <fieldset class="settings-field routing-choices">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={props.chosen.includes(o.value)}
            onChange={(e) => props.onChange(e.currentTarget.checked ? [...props.chosen, o.value] : props.chosen.filter((v) => v !== o.value))}
          />{" "}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
