/**
 * @module Messenger's inbound path through the webhook route (meta-webhook-inbound.ts):
 * a batch in the provider's order, a customer's image into R2, a CDN outage.
 */
import { messengerBodies } from "./meta-fixtures";
import { inboundSuite } from "./meta-webhook-inbound";

inboundSuite("messenger", messengerBodies.batchThree);
