/**
 * @module The messaging window Messenger and Instagram share: free replies for 24 hours
 * after the customer's last message; with Meta's Human Agent feature, a person may still
 * reply up to 7 days after it, tagged HUMAN_AGENT
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags).
 * Neither has templates a business may send at any time.
 */
import type { ServiceWindow } from "../types";
import { HUMAN_AGENT_TAG, HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS } from "./limits";

export function platformWindow(settings: { humanAgentTag: boolean }): ServiceWindow {
  if (!settings.humanAgentTag) return { replyMs: STANDARD_WINDOW_MS, templates: false };
  return { replyMs: STANDARD_WINDOW_MS, extendedMs: HUMAN_AGENT_WINDOW_MS, extendedTag: HUMAN_AGENT_TAG, templates: false };
}
