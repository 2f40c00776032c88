/**
 * @module The stand-in API's health per inbox (SimulatorProviderMode), kept in R2 beside
 * the threads, and the answers Meta gives in each unhealthy case:
 * - down: 500 with a transient error (code 1, `is_transient`);
 * - throttling: 429 with `Retry-After` (WhatsApp 130429 "Rate limit hit"; Messenger 613);
 * - refusing: 400 for good (WhatsApp 131047, the 24-hour re-engagement refusal; Messenger
 *   10/2018278, "outside of allowed window").
 * Codes: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/
 * and https://developers.facebook.com/docs/messenger-platform/error-codes
 */
import type { Context } from "hono";
import { SimulatorProviderMode } from "../protocol/simulator";
import type { GraphAccount } from "./accounts";
import { graphError } from "./graph-answers";

/** Seconds a throttled send is told to wait: short, so a developer sees the retry land. */
export const RETRY_AFTER_SECONDS = 5;

const key = (inboxId: string) => `simulator/provider-mode/${inboxId}`;

export async function providerModeOf(files: R2Bucket, inboxId: string): Promise<SimulatorProviderMode> {
  const object = await files.get(key(inboxId));
  const parsed = SimulatorProviderMode.safeParse(object ? await object.text() : "healthy");
  return parsed.success ? parsed.data : "healthy";
}

export async function setProviderMode(files: R2Bucket, inboxId: string, mode: SimulatorProviderMode): Promise<void> {
  if (mode === "healthy") await files.delete(key(inboxId));
  else await files.put(key(inboxId), mode);
}

/** The unhealthy answer to a send, or null to go on and accept it. */
export function unhealthyAnswer(c: Context, kind: GraphAccount["kind"], mode: SimulatorProviderMode): Response | null {
  switch (mode) {
    case "healthy":
      return null;
    case "down":
      return c.json({ error: { message: "An unknown error has occurred.", type: "OAuthException", code: 1, is_transient: true, fbtrace_id: "SimulatorDown" } }, 500);
    case "throttling":
      c.header("Retry-After", String(RETRY_AFTER_SECONDS));
      return kind === "whatsapp" ? graphError(c, 429, 130429, "(#130429) Rate limit hit") : graphError(c, 429, 613, "Calls to this api have exceeded the rate limit.");
    case "refusing":
      return kind === "whatsapp"
        ? graphError(c, 400, 131047, "(#131047) Re-engagement message: more than 24 hours have passed since the recipient last replied to the sender number.")
        : graphError(c, 400, 10, "(#10) This message is sent outside of allowed window.", "OAuthException", 2018278);
  }
}
