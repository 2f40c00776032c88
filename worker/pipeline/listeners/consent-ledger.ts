/**
 * @module Listener: the consent ledger (issue 16). Customers' opt-out keywords (STOP,
 * SAIR… on any channel) revoke that channel's marketing consent and get one
 * acknowledgement; taps on a template's opt-in button record a grant
 * (worker/consent/apply-signals.ts).
 *
 * Why here and not in the room's ingest: the decision needs the ledger, which lives in
 * D1 (is marketing already revoked on this channel? which purposes are marketing?), and
 * the room never waits on D1. Why the committed stage: the batch leaves the Projector
 * only once the revocation is written and the acknowledgement stored in the room, so a
 * crash in between delivers the batch again instead of losing either; record ids derived
 * from the message and the room's idempotency key make the redelivery add nothing. A
 * batch with no keyword and no opt-in tap costs nothing (no read); one with a keyword
 * costs a few reads and one room call.
 */
import { database } from "../../db/client";
import { marketingPurposeIds } from "../../db/consent";
import { consentSignals } from "../../consent/customer-signals";
import { acknowledgeOptOut, contactExists, grantFromButton, revokeMarketing } from "../../consent/apply-signals";
import type { PipelineListener } from "../types";

export const consentLedger: PipelineListener = {
  name: "consent-ledger",
  stage: "committed",
  async handle(batch, env) {
    const rooms = batch.conversations.map((room) => ({ room, signals: consentSignals(room) })).filter((r) => r.signals.length > 0);
    if (rooms.length === 0) return;
    const db = database(env.DB);
    const marketing = await marketingPurposeIds(db);
    // In seq order per conversation, so a second SAIR in the same batch sees the first's records.
    for (const { room, signals } of rooms) {
      if (!(await contactExists(db, room.state.contactId))) continue;
      for (const signal of signals) {
        if (signal.type === "opt_in") {
          if (!(await grantFromButton(db, signal))) console.warn(JSON.stringify({ msg: "opt-in button names no purpose", conversationId: signal.conversationId, purposeKey: signal.purposeKey }));
          continue;
        }
        if (await revokeMarketing(db, signal, marketing)) await acknowledgeOptOut(env, room.state, signal);
      }
    }
  },
};
