/**
 * @module Messenger as a channel: a Facebook Page's signed webhooks in (`object: "page"`),
 * the Send API out, a 24-hour window (7 days with HUMAN_AGENT). What it shares with
 * Instagram Direct lives in ../meta-platform/, one concern per file.
 */
import { MessengerSettings, MetaPageCredentials } from "../../protocol";
import { metaHandshake, verifyMetaSignature } from "../meta/signature";
import { testPlatformConnection } from "../meta-platform/connection";
import { GRAPH_API_BASE } from "../meta-platform/limits";
import { fetchPlatformMedia } from "../meta-platform/media";
import { parseMetaPlatform } from "../meta-platform/parse";
import { sendMetaPlatform } from "../meta-platform/send";
import { platformWindow } from "../meta-platform/window";
import type { ProviderAdapter } from "../types";

export const messengerAdapter: ProviderAdapter<"messenger"> = {
  kind: "messenger",
  // One Meta app subscribes Messenger and Instagram alike; the inbox in the path picks.
  webhook: { path: "meta" },
  // The customer's open conversation in the inbox, or a new one after the reopen window.
  reuse: { mode: "reopen-window" },
  settings: MessengerSettings,
  credentials: MetaPageCredentials,
  baseUrl: { env: "META_API_URL", default: GRAPH_API_BASE },
  handshake: (url, config) => metaHandshake(url, config.credentials.verifyToken),
  verify: (raw, headers, _url, config) => verifyMetaSignature(raw, headers, config.credentials.appSecret),
  parse: (raw, config) => parseMetaPlatform(raw, { object: "page", businessId: config.settings.pageId, appId: config.settings.appId }),
  send: sendMetaPlatform,
  fetchMedia: fetchPlatformMedia,
  testConnection: testPlatformConnection,
  serviceWindow: platformWindow,
};
