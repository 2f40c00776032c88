/**
 * @module useAlerts: turns live store changes into a sound and a browser notification,
 * per the rules in alert-rules.ts, while the agent has alerts on. Several alerts in one
 * burst (a reconnect, a busy minute) beep once.
 */
import { useEffect, useRef } from "preact/hooks";
import { chime } from "../../client/chime";
import type { NotificationPrefs } from "../../worker/protocol";
import type { ConversationStore } from "../list/conversation-store";
import { conversationPath, navigate } from "../router";
import { claimingNext } from "../queue/queue-api";
import { alertFor, type AlertContext, type AlertKind } from "./alert-rules";
import { showNotification } from "./desktop";
import { s } from "./strings";

/** The console's alert pitch: lower than the widget's chime, so an agent with the demo
 * page open can tell the two apart. */
const BEEP_PITCH_HZ = 660;

/** Beeps closer together than this merge into one. */
const BEEP_GAP_MS = 1_500;

/** Which alerts the agent's profile allows, and how; absent: all of them. */
export function allowedBy(prefs: NotificationPrefs | undefined, kind: AlertKind): { desktop: boolean; sound: boolean } {
  if (!prefs) return { desktop: true, sound: true };
  // A conversation handed to me is a new conversation for me.
  const wanted = kind === "message" ? prefs.newMessage : prefs.newConversation;
  return { desktop: wanted && prefs.desktop, sound: wanted && prefs.sound };
}

export function useAlerts(
  store: ConversationStore,
  opts: { enabled: boolean; meId: string; teamIds: readonly string[]; openId: string | null; prefs?: NotificationPrefs },
): void {
  const latest = useRef(opts);
  latest.current = opts;
  useEffect(() => {
    let lastBeep = 0;
    return store.subscribe((change) => {
      const { enabled, prefs, ...rest } = latest.current;
      if (!enabled) return;
      const ctx: AlertContext = { ...rest, visible: document.visibilityState === "visible", claiming: claimingNext() };
      const alert = alertFor(change, ctx);
      if (!alert) return;
      const allowed = allowedBy(prefs, alert.kind);
      if (!allowed.desktop && !allowed.sound) return;
      const name = alert.item.contactName ?? s.visitor;
      const title = alert.kind === "queue" ? s.newConversation(name) : alert.kind === "assigned" ? s.assignedToYou(name) : s.newMessage(name);
      if (allowed.desktop) showNotification(title, alert.item.lastMessagePreview ?? s.noPreview, alert.item.id, () => navigate(conversationPath(alert.item.id)));
      if (allowed.sound && Date.now() - lastBeep > BEEP_GAP_MS) {
        lastBeep = Date.now();
        chime(BEEP_PITCH_HZ);
      }
    });
  }, [store]);
}
