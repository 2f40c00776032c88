/**
 * @module The pipeline's listeners, in the order they run. Outbound webhooks, report
 * rollups and channel delivery bookkeeping join this list as files of their own.
 */
import type { PipelineListener } from "../types";
import { d1Projection } from "./d1-projection";
import { teamQueuePublish } from "./team-queue-publish";
import { automationRules } from "./automation";
import { contactFields } from "./contact-fields";
import { outboundWebhooks } from "./outbound-webhooks";
import { agentBots } from "./agent-bot";
import { consentLedger } from "./consent-ledger";

/** Committed listeners run first, in this order (d1Projection reads the rows back that
 * the webhook listeners send), then the after-commit ones side by side. */
export const LISTENERS: readonly PipelineListener[] = [d1Projection, contactFields, consentLedger, outboundWebhooks, agentBots, teamQueuePublish, automationRules];
