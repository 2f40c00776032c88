/**
 * @module The view switcher: Mine, Unassigned, All open, Starred, Snoozed, Resolved, with the unread
 * count beside Mine and Unassigned.
 */
import type { ConversationView } from "../../worker/protocol";
import { VIEWS } from "./view-query";
import type { ViewCounts } from "./view-counts";
import { s } from "./strings";

export function ViewNav(props: { view: ConversationView; counts: ViewCounts; onView: (view: ConversationView) => void }) {
  return (
    <nav class="views" aria-label={s.viewsLabel}>
      <ul>
        {VIEWS.map((view) => {
          const count = view === "mine" ? props.counts.mine : view === "unassigned" ? props.counts.unassigned : 0;
          return (
            <li key={view}>
              <button type="button" class="view-button" aria-current={view === props.view ? "true" : undefined} onClick={() => props.onView(view)}>
                <span>{s.views[view]}</span>
                {count > 0 && (
                  <span class="view-count">
                    <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
                    <span class="visually-hidden">{s.unreadInView(count)}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
