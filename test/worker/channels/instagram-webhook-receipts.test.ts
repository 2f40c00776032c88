/**
 * @module Instagram Direct's receipts through the webhook route (meta-webhook-receipts.ts):
 * out of order, before their message, messaging_seen as a watermark.
 */
import { receiptsSuite } from "./meta-webhook-receipts";

receiptsSuite("instagram");
