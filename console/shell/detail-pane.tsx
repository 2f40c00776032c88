/**
 * @module The right-hand side: the open conversation, the settings (admins), the agent's
 * profile, the reports, or a hint.
 * On a narrow screen it replaces the list while a conversation is open, with a way back.
 * The pane and the settings load apart from the list (see lazy-part.ts).
 */
import type { Me } from "../../worker/protocol";
import type { ConversationStore } from "../list/conversation-store";
import { followLink, listPath, type Route } from "../router";
import { Part, conversationPart, helpCenterPart, profilePart, reportsPart, settingsPart } from "./lazy-part";
import { s } from "./strings";
import { useStoreItem } from "./use-store-item";

export function DetailPane(props: { route: Route; me: Me; store: ConversationStore; onNext: () => void }) {
  const { route, me, store } = props;
  const openId = route.name === "conversation" ? route.id : null;
  const item = useStoreItem(store, openId);

  if (route.name === "settings") {
    // The header links here for admins only; an agent who types the address gets the
    // settings' own "administrators only" explanation rather than a blank page.
    return (
      <main class="detail detail--settings">
        <Part part={settingsPart}>{({ Settings }) => <Settings me={me} />}</Part>
      </main>
    );
  }
  if (route.name === "profile") {
    return (
      <main class="detail detail--settings">
        {/* Keyed: coming from the settings, the same slot must not keep their module. */}
        <Part key="profile" part={profilePart}>
          {({ ProfilePage }) => <ProfilePage me={me} />}
        </Part>
      </main>
    );
  }
  if (route.name === "reports") {
    return (
      <main class="detail detail--settings">
        <Part key="reports" part={reportsPart}>
          {({ ReportsPage }) => <ReportsPage me={me} />}
        </Part>
      </main>
    );
  }
  if (route.name === "helpCenter") {
    return (
      <main class="detail detail--settings">
        <Part key="help-center" part={helpCenterPart}>
          {({ HelpCenterPage }) => <HelpCenterPage me={me} />}
        </Part>
      </main>
    );
  }
  if (route.name === "list") {
    return (
      <main class="detail">
        <div class="empty">
          <p>{s.nonePicked}</p>
          <p class="muted">{s.noneHint}</p>
        </div>
      </main>
    );
  }
  return (
    <main class="detail">
      <a class="back-link" href={listPath} onClick={(e) => followLink(e, listPath)}>
        <span aria-hidden="true">← </span>
        {s.backToList}
      </a>
      <Part part={conversationPart}>
        {({ ConversationPane }) => (
          // A search hit opens the pane around its message, so another hit in the same
          // conversation is a fresh pane, not a scroll.
          <ConversationPane
            key={route.atSeq === null ? route.id : `${route.id}@${route.atSeq}`}
            id={route.id}
            me={me}
            item={item}
            atSeq={route.atSeq}
            onChange={(changed) => store.putItem(changed, "action")}
            onNext={props.onNext}
          />
        )}
      </Part>
    </main>
  );
}

