/**
 * @module The console's icons: small inline SVG outlines (no icon font, no request, and
 * no emoji or dingbat that an agent's system, or a headless browser, may lack a font
 * for). `Icon` draws one in the text colour beside optional text and hides it from
 * assistive technology, so a button's accessible name is its words alone ("Snooze", not
 * "alarm clock Snooze"); `StrokeIcon` is the frame both it and the channel icons share.
 */
import "./icon.css";

/** Stroke paths on a 24×24 grid. */
const PATHS = {
  star: ["M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z"],
  person: ["M12 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8z", "M4 21c0-4 3.6-6 8-6s8 2 8 6"],
  tag: ["M3 3h8.5L21 12.5 12.5 21 3 11.5z", "M7.5 7.5h.01"],
  clock: ["M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z", "M12 7v5l3.5 2"],
  paperclip: ["M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4L15 7"],
  smile: ["M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z", "M8 14c1 1.5 2.4 2.2 4 2.2s3-.7 4-2.2", "M9 9.5h.01", "M15 9.5h.01"],
  contact: ["M3 5h18v14H3z", "M9 8.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4z", "M5.5 16.5c.6-1.6 1.8-2.5 3.5-2.5s2.9.9 3.5 2.5", "M15 10h3.5", "M15 13.5h3.5"],
  lock: ["M6 11h12v9H6z", "M8.5 11V8a3.5 3.5 0 0 1 7 0v3"],
  check: ["M4.5 12.5l5 5 10-11"],
  "double-check": ["M2 12.5l4.5 4.5 9-10", "M11.5 16l1 1 9-10"],
  alert: ["M12 3.5l9.5 16.5h-19z", "M12 10v4.5", "M12 17.5h.01"],
  file: ["M6 3h8l4 4v14H6z", "M14 3v4h4"],
  "chevron-down": ["M6 9.5l6 6 6-6"],
  "arrow-down": ["M12 4v15", "M6 13l6 6 6-6"],
  close: ["M6 6l12 12", "M18 6L6 18"],
  pencil: ["M4 20l1-4.5L16 4.5l3.5 3.5L8.5 19z", "M14 7l3.5 3.5"],
  more: ["M5 12h.01", "M12 12h.01", "M19 12h.01"],
  book: ["M4 5.5C6.5 4 9.5 4 12 5.5v14c-2.5-1.5-5.5-1.5-8 0z", "M20 5.5C17.5 4 14.5 4 12 5.5v14c2.5-1.5 5.5-1.5 8 0z"],
  phone: ["M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"],
} as const;

export type IconName = keyof typeof PATHS;

/** The shared SVG frame: with a `label` it is an image with that name (and tooltip),
 * without one it is decoration that assistive technology skips. */
export function StrokeIcon(props: { paths: readonly string[]; size?: number; color?: string; filled?: boolean; label?: string; class?: string; "data-channel"?: string }) {
  const { size = 16, color = "currentColor", label } = props;
  return (
    <svg
      class={props.class}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      role={label === undefined ? undefined : "img"}
      aria-label={label}
      aria-hidden={label === undefined ? "true" : undefined}
      focusable="false"
      fill={props.filled ? color : "none"}
      stroke={color}
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      data-channel={props["data-channel"]}
    >
      {label !== undefined && <title>{label}</title>}
      {props.paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

/** An icon, then `text` if given, then a ▾-style chevron if `menu` (a menu button). */
export function Icon(props: { name: IconName; text?: string; filled?: boolean; menu?: boolean }) {
  return (
    <>
      <StrokeIcon class="icon" paths={PATHS[props.name]} filled={props.filled} />
      {props.text !== undefined && <span class="icon-text">{props.text}</span>}
      {props.menu && <StrokeIcon class="icon icon-chevron" paths={PATHS["chevron-down"]} size={12} />}
    </>
  );
}
