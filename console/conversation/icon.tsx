/**
 * @module The pane's icons: small inline SVG outlines in the text colour (no icon font,
 * no request, and no emoji that an agent's system may lack a font for), each beside
 * optional text and hidden from assistive technology, so a button's accessible name is
 * its words alone ("Snooze", not "alarm clock Snooze").
 */

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
  file: ["M6 3h8l4 4v14H6z", "M14 3v4h4"],
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; text?: string; filled?: boolean }) {
  return (
    <>
      <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill={props.filled ? "currentColor" : "none"} stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        {PATHS[props.name].map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
      {props.text !== undefined && <span class="icon-text">{props.text}</span>}
    </>
  );
}
