/**
 * @module The pipeline's listeners, in the order they run. Channel delivery bookkeeping
 * joins this list as a file of its own.
 */
import type { PipelineListener } from "../types";
import { d1Projection } from "./d1-projection";
import { teamQueuePublish } from "./team-queue-publish";
import { automationRules } from "./automation";
import { contactFields } from "./contact-fields";
import { outboundWebhooks } from "./outbound-webhooks";
import { agentBots } from "./agent-bot";
import { consentLedger } from "./consent-ledger";
import { reportRollups } from "./report-rollups";

/** Committed listeners run first, in this order (d1Projection reads the rows back that
 * the webhook listeners send), then the after-commit ones side by side. */
export const LISTENERS: readonly PipelineListener[] = [d1Projection, reportRollups, contactFields, consentLedger, outboundWebhooks, agentBots, teamQueuePublish, automationRules];
