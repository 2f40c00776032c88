/**
 * @module The opt-in button convention of WhatsApp templates (issue 16). A template sent
 * to ask for consent carries a quick-reply button whose payload is
 * `sb-consent:<purpose key>` (e.g. `sb-consent:marketing`); the customer's tap comes back
 * as a message whose content is a `choice` with that payload as its `id`
 * (../channels/whatsapp/inbound-content.ts), and the consent-ledger listener records a
 * grant for that purpose on the conversation's channel (source `template_button`, the
 * customer as recorder, the message's id as evidence). Build payloads with
 * `consentButtonPayload`, never by hand.
 *
 * A purpose key is at most 40 characters (MAX_PURPOSE_KEY_CHARS) of [a-z0-9-], so the
 * payload is at most 51 ASCII characters: it survives the webhook schema's bound on a
 * button payload and the 1,000 characters a choice id is cut to on the way in.
 */
import { MAX_PURPOSE_KEY_CHARS, type MessageContent } from "../protocol";

export const CONSENT_BUTTON_PREFIX = "sb-consent:";

/** The payload of a template's opt-in button for the purpose with key `purposeKey`. */
export function consentButtonPayload(purposeKey: string): string {
  return `${CONSENT_BUTTON_PREFIX}${purposeKey}`;
}

/** The purpose key a customer's choice opts into, or null when it is not an opt-in tap. */
export function optInPurposeKey(content: MessageContent | undefined): string | null {
  if (content?.type !== "choice" || !content.id.startsWith(CONSENT_BUTTON_PREFIX)) return null;
  const key = content.id.slice(CONSENT_BUTTON_PREFIX.length);
  return key.length > 0 && key.length <= MAX_PURPOSE_KEY_CHARS ? key : null;
}
