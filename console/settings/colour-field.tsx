/**
 * @module A tag's colour: a few preset swatches, the browser's colour picker and the hex
 * code, all bound to one value. The hex field is the one validated and labelled for
 * errors; the picker only ever shows the last valid colour.
 */
import { Field } from "./form-field";
import { s } from "./strings";

/** Distinct at a glance and each readable as a dot beside dark text. */
export const PRESET_COLOURS = ["#cf222e", "#bc4c00", "#9a6700", "#1a7f37", "#0969da", "#8250df", "#bf3989", "#6e7781"] as const;
export const DEFAULT_COLOUR = "#6e7781";
const HEX = /^#[0-9a-f]{6}$/i;

export function ColourField(props: { value: string; error?: string; onChange: (hex: string) => void }) {
  const valid = HEX.test(props.value);
  return (
    <fieldset class="colour-field">
      <legend>{s.tags.color}</legend>
      <div class="colour-row">
        <div class="swatches" role="group" aria-label={s.tags.presets}>
          {PRESET_COLOURS.map((hex) => (
            <button
              key={hex}
              type="button"
              class="swatch"
              style={{ background: hex }}
              aria-label={s.tags.preset(hex)}
              aria-pressed={props.value.toLowerCase() === hex}
              onClick={() => props.onChange(hex)}
            />
          ))}
        </div>
        <input
          type="color"
          class="colour-picker"
          aria-label={s.tags.color}
          value={valid ? props.value.toLowerCase() : DEFAULT_COLOUR}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
        <Field label={s.tags.colorHex} error={props.error} class="hex-field">
          {(aria) => (
            <input
              {...aria}
              class="hex-input"
              value={props.value}
              maxLength={7}
              spellcheck={false}
              autoComplete="off"
              onInput={(e) => props.onChange(e.currentTarget.value.trim())}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
