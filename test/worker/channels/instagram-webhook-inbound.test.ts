/**
 * @module Instagram Direct's inbound path through the webhook route
 * (meta-webhook-inbound.ts): a batch in the provider's order, a customer's image into
 * R2, a CDN outage.
 */
import { inboundSuite } from "./meta-webhook-inbound";

// No Instagram batch fixture: the suite writes one in Meta's shape.
inboundSuite("instagram", null);
