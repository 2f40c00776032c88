/**
 * @module Instagram Direct's webhook route guards (meta-webhook-guards.ts): forgeries,
 * wrong addresses, malformed and unhandled bodies, the handshake, redeliveries.
 */
import { guardSuite } from "./meta-webhook-guards";
import { instagramBodies } from "./meta-fixtures";

guardSuite("instagram", { referral: instagramBodies.referralUnhandled });
