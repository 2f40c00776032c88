/**
 * @module The contact panel's consent ledger calls (issue 16): read the ledger, record a
 * grant or a revocation. Each answer parsed with the protocol's schema.
 */
import { ConsentRecord, ContactConsent, type RecordConsentBody } from "../../../worker/protocol";
import { call } from "../../api";

const path = (contactId: string) => `/api/v1/contacts/${encodeURIComponent(contactId)}/consent`;

export const consentApi = {
  ledger: (contactId: string) => call(ContactConsent, path(contactId)),
  record: (contactId: string, body: RecordConsentBody) => call(ConsentRecord, path(contactId), { method: "POST", body }),
};
