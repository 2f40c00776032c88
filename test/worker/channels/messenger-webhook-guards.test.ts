/**
 * @module Messenger's webhook route guards (meta-webhook-guards.ts): forgeries, wrong
 * addresses, malformed and unhandled bodies, the handshake, redeliveries.
 */
import { guardSuite } from "./meta-webhook-guards";
import { messengerBodies } from "./meta-fixtures";

guardSuite("messenger", { optin: messengerBodies.optinUnhandled, standby: messengerBodies.standbyUnhandled });
