/**
 * @module The visitor's place in line, one calm line above the message box while the
 * conversation waits for an agent: "You are number 3 in line · about 4 min". The line
 * stays in the page, empty, when there is no place, so screen readers hear each change
 * (a live region that appears with its text is often not announced).
 */
import type { QueuePlace } from "../../client/feed";
import { useStrings } from "../i18n";

/** Whole minutes of wait to show; 0 means under a minute. Rounded to the nearest, since
 * the figure is an estimate and "about" already says so. */
export function waitMinutes(etaSeconds: number): number {
  return etaSeconds < 60 ? 0 : Math.round(etaSeconds / 60);
}

export function QueuePlaceLine({ place }: { place: QueuePlace | null }) {
  const s = useStrings();
  const text = place ? [s.inLine(place.position), ...(place.etaSeconds === null ? [] : [s.waitAbout(waitMinutes(place.etaSeconds))])].join(" · ") : "";
  return (
    <p class="sb-queue" role="status" aria-live="polite">
      {text}
    </p>
  );
}
