/**
 * @module The current consent per channel and purpose, derived from a contact's records
 * as the ledger derives it for sending (worker/db/consent.ts `currentConsent`): for a
 * channel, the latest record whose channel is that one or "any"; for "any", the latest
 * "any" record. So a WhatsApp grant followed by an "any" revocation shows WhatsApp
 * revoked, which a latest-record-per-key reading would show granted.
 */
import type { ConsentRecord, ConsentState } from "../protocol";

/** One state per (channel, purpose) the records name, each resting on its deciding
 * record. `records` newest first, as `consentRecordsOf` answers. */
export function effectiveConsentStates(records: readonly ConsentRecord[]): ConsentState[] {
  const keys = new Map<string, { channel: ConsentRecord["channel"]; purposeId: string }>();
  for (const r of records) keys.set(`${r.channel}\u0000${r.purposeId}`, { channel: r.channel, purposeId: r.purposeId });
  return [...keys.values()].map(({ channel, purposeId }) => {
    // Newest first: the first that covers the key decides.
    const deciding = records.find((r) => r.purposeId === purposeId && (r.channel === channel || (channel !== "any" && r.channel === "any")))!;
    return { channel, purposeId, granted: deciding.action === "grant", recordId: deciding.id, at: deciding.at };
  });
}
