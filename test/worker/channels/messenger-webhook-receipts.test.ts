/**
 * @module Messenger's receipts through the webhook route (meta-webhook-receipts.ts):
 * out of order, before their message, watermarks.
 */
import { receiptsSuite } from "./meta-webhook-receipts";

receiptsSuite("messenger");
