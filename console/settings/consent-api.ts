/**
 * @module Settings → Consent purposes' calls (issue 16): list (any agent), create and
 * change (admins). A purpose is archived with `archived: true`, never deleted.
 */
import { ConsentPurpose, ConsentPurposeList, type CreateConsentPurposeBody, type UpdateConsentPurposeBody } from "../../worker/protocol";
import { call } from "../api";

const PURPOSES = "/api/v1/consent/purposes";

export const consentPurposesApi = {
  list: async () => (await call(ConsentPurposeList, PURPOSES)).purposes,
  create: (body: CreateConsentPurposeBody) => call(ConsentPurpose, PURPOSES, { method: "POST", body }),
  update: (id: string, body: UpdateConsentPurposeBody) => call(ConsentPurpose, `${PURPOSES}/${encodeURIComponent(id)}`, { method: "PATCH", body }),
};
