/**
 * @module The notice above the composer while the customer cannot be written to on this
 * channel (blocked the bot, opted out with STOP): says why, and that private notes still
 * work; the composer takes no reply meanwhile. A status region, so it is announced when
 * it appears. Styled as the closed messaging-window notice.
 */
import "./window-notice.css";
import type { Unreachable } from "./reachability";
import { c } from "../channel-strings";

function textOf(why: Unreachable): string {
  if (why === "blocked") return c.reachability.noticeBlocked;
  if (why === "opted_out") return c.reachability.noticeOptedOut;
  return c.reachability.noticeUnknown;
}

export function ReachabilityNotice(props: { unreachable: Unreachable | null }) {
  if (props.unreachable === null) return null;
  return (
    <section class="window-notice window-notice--closed reachability-notice" aria-label={c.reachability.label}>
      <p class="window-notice-text" role="status">
        {textOf(props.unreachable)}
      </p>
    </section>
  );
}
