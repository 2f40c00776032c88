/**
 * @module Messenger's echoes, unsends and reactions through the webhook route
 * (meta-webhook-echoes.ts).
 */
import { echoesSuite } from "./meta-webhook-echoes";

echoesSuite("messenger");
