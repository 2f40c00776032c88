/**
 * @module Settings → API tokens' HTTP calls, each answer parsed with the protocol's schema.
 */
import { ApiToken, ApiTokenList, CreatedToken, type CreateTokenBody } from "../../worker/protocol";
import { call } from "../api";

export const tokenApi = {
  list: async () => (await call(ApiTokenList, "/api/v1/tokens")).tokens,
  /** The answer is the only time the secret is shown. */
  create: (body: CreateTokenBody) => call(CreatedToken, "/api/v1/tokens", { method: "POST", body }),
  revoke: (id: string) => call(ApiToken, `/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
