/**
 * @module How the stand-in Twilio API answers what it refuses: Twilio's error JSON
 * `{code, message, more_info, status}` (https://www.twilio.com/docs/usage/twilios-response),
 * and its unhealthy answers per provider mode.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { SimulatorProviderMode } from "../protocol/simulator";
import { RETRY_AFTER_SECONDS } from "./provider-mode";

export function twilioError(c: Context, status: ContentfulStatusCode, code: number, message: string): Response {
  return c.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status);
}

/** Twilio's unhealthy answers to a send, or null to go on. Refusing is error 21610,
 * "Attempt to send to unsubscribed recipient" (https://www.twilio.com/docs/api/errors/21610). */
export function twilioUnhealthy(c: Context, mode: SimulatorProviderMode): Response | null {
  switch (mode) {
    case "healthy":
      return null;
    case "down":
      return twilioError(c, 500, 20500, "Internal Server Error");
    case "throttling":
      c.header("Retry-After", String(RETRY_AFTER_SECONDS));
      return twilioError(c, 429, 20429, "Too Many Requests");
    case "refusing":
      return twilioError(c, 400, 21610, "Attempt to send to unsubscribed recipient");
  }
}
