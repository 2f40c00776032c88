/**
 * @module Instagram Direct as a channel, through the Facebook Page the professional
 * account is linked to (the Messenger Platform's Instagram messaging): signed webhooks in
 * (`object: "instagram"`, entries keyed by the Instagram account id), the page's Send API
 * out, a 24-hour window (7 days with HUMAN_AGENT). What it shares with Messenger lives in
 * ../meta-platform/.
 */
import { InstagramSettings, MetaPageCredentials } from "../../protocol";
import { metaHandshake, verifyMetaSignature } from "../meta/signature";
import { testPlatformConnection } from "../meta-platform/connection";
import { GRAPH_API_BASE } from "../meta-platform/limits";
import { fetchPlatformMedia } from "../meta-platform/media";
import { parseMetaPlatform } from "../meta-platform/parse";
import { sendMetaPlatform } from "../meta-platform/send";
import { platformWindow } from "../meta-platform/window";
import type { ProviderAdapter } from "../types";

export const instagramAdapter: ProviderAdapter<"instagram"> = {
  kind: "instagram",
  webhook: { path: "meta" },
  reuse: { mode: "reopen-window" },
  settings: InstagramSettings,
  credentials: MetaPageCredentials,
  baseUrl: { env: "META_API_URL", default: GRAPH_API_BASE },
  handshake: (url, config) => metaHandshake(url, config.credentials.verifyToken),
  verify: (raw, headers, _url, config) => verifyMetaSignature(raw, headers, config.credentials.appSecret),
  parse: (raw, config) => parseMetaPlatform(raw, { object: "instagram", businessId: config.settings.instagramAccountId, appId: config.settings.appId }),
  send: sendMetaPlatform,
  fetchMedia: fetchPlatformMedia,
  testConnection: testPlatformConnection,
  serviceWindow: platformWindow,
};
