/**
 * @module Web chat as a channel: our own widget carries it, so there is no webhook to
 * verify and nothing to send to a provider (the widget's socket gets every event). What
 * it shares with the other kinds is the seam's find-or-create: one thread per visitor.
 */
import { z } from "zod";
import { WebchatSettings } from "../../protocol";
import type { ChannelAdapter } from "../types";

export const webchatAdapter: ChannelAdapter<"webchat"> = {
  kind: "webchat",
  reuse: { mode: "single" },
  settings: WebchatSettings,
  credentials: z.strictObject({}) as unknown as z.ZodType<Record<string, never>>,
};
