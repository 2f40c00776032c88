/**
 * @module WhatsApp Cloud API as a channel: Meta's signed webhooks in, the Graph API's
 * messages endpoint out, a 24-hour customer-service window beyond which only approved
 * templates go. Each concern lives in its own file beside this one.
 */
import { WhatsappCredentials, WhatsappSettings } from "../../protocol";
import { metaHandshake, verifyMetaSignature } from "../meta/signature";
import type { ProviderAdapter } from "../types";
import { testWhatsappConnection } from "./connection";
import { GRAPH_API_BASE, SERVICE_WINDOW_MS } from "./limits";
import { fetchWhatsappMedia } from "./media";
import { parseWhatsapp } from "./parse";
import { sendWhatsapp } from "./send";
import { listWhatsappTemplates } from "./templates";

export const whatsappAdapter: ProviderAdapter<"whatsapp"> = {
  kind: "whatsapp",
  webhook: { path: "whatsapp" },
  // A customer's open conversation in the inbox, or a new one after the reopen window.
  reuse: { mode: "reopen-window" },
  settings: WhatsappSettings,
  credentials: WhatsappCredentials,
  baseUrl: { env: "WHATSAPP_API_URL", default: GRAPH_API_BASE },
  handshake: (url, config) => metaHandshake(url, config.credentials.verifyToken),
  verify: (raw, headers, _url, config) => verifyMetaSignature(raw, headers, config.credentials.appSecret),
  parse: parseWhatsapp,
  send: sendWhatsapp,
  fetchMedia: fetchWhatsappMedia,
  testConnection: testWhatsappConnection,
  serviceWindow: () => ({ replyMs: SERVICE_WINDOW_MS, templates: true }),
  listTemplates: listWhatsappTemplates,
};
