/**
 * @module A rule's `call_webhook` action: one POST of the run (AutomationWebhookPayload),
 * signed with the rule's secret by the one signing recipe (../webhooks/signature.ts),
 * to an https URL that is not internal (../webhooks/url-guard.ts), redirects not followed.
 * One attempt: a failure is the run's error, shown on the rule and in the log; the
 * outbound webhooks (with their retries) are the channel for guaranteed delivery.
 */
import type { Env } from "../env";
import type { Db } from "../db/client";
import { sealedSecretOf } from "../db/automation-rules";
import { openCredentials } from "../channels/credentials";
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "../webhooks/signature";
import { urlRefusal } from "../webhooks/url-guard";
import type { AutomationWebhookPayload } from "../protocol";

/** How long a receiver gets to answer. A Worker's subrequest may wait far longer, but a
 * run holds its conversation's later runs until it ends. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The additional data the rule's secret is sealed with: a sealed secret copied onto
 * another rule does not open. */
export const secretScope = (ruleId: string) => `automation:${ruleId}`;

/** POSTs `payload` to `url`; throws an Error saying why when it was refused or failed. */
export async function callWebhook(env: Env, db: Db, url: string, payload: AutomationWebhookPayload, deliveryId: string): Promise<void> {
  const refusal = urlRefusal(url);
  if (refusal) throw new Error(`webhook refused: ${refusal}`);
  const secret = (await openCredentials(env, secretScope(payload.ruleId), await sealedSecretOf(db, payload.ruleId)))?.["secret"];
  if (!secret) throw new Error("webhook not called: the rule's signing secret cannot be read (CREDENTIALS_KEY missing or changed); save the rule again");
  const body = JSON.stringify(payload);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        [SIGNATURE_HEADER]: await signatureHeader(secret, body, Date.now()),
        [DELIVERY_ID_HEADER]: deliveryId,
        [EVENT_HEADER]: payload.event,
      },
      body,
      // A redirect could point anywhere, an internal address included: never followed.
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (err) {
    throw new Error(`webhook call failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Not read: the receiver's answer is not ours to keep.
  await res.body?.cancel();
  if (res.status < 200 || res.status > 299) throw new Error(`webhook answered HTTP ${res.status}`);
}
