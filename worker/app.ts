/**
 * @module Composes the Hono app: body limit and CSRF in front, one router per public
 * surface, the OpenAPI document, JSON 404s under /api, and the console's SPA fallback.
 */
import { onApiError } from "./http/api-error";
import { router } from "./http/openapi";
import { csrfGuard } from "./auth/csrf";
import { presentedSecret } from "./auth/api-token";
import { isUploadRoute, jsonBodyLimit } from "./http/upload-limit";
import { jsonCharsetGuard } from "./http/media-type";
import { apiFallback } from "./http/method-not-allowed";
import { withDatabase } from "./http/database";
import { healthRoutes } from "./routes/health";
import { authRoutes } from "./routes/auth";
import { agentRoutes } from "./routes/agents";
import { inviteRoutes } from "./routes/agent-invites";
import { agentAdminRoutes } from "./routes/agent-admin";
import { apiTokenRoutes } from "./routes/api-tokens";
import { agentStatusRoutes } from "./routes/agent-status";
import { inboxRoutes } from "./routes/inboxes";
import { inboxBotRoutes } from "./routes/inbox-bot";
import { inboxAgentBotRoutes } from "./routes/inbox-agent-bot";
import { inboxApiChannelRoutes } from "./routes/inbox-api-channel";
import { profileRoutes } from "./routes/profile";
import { teamRoutes } from "./routes/teams";
import { teamDeleteRoutes } from "./routes/team-delete";
import { routingRuleRoutes } from "./routes/routing-rules";
import { conversationRoutes } from "./routes/conversations";
import { outboundRoutes } from "./routes/outbound";
import { campaignRoutes } from "./routes/campaigns";
import { unsubscribeRoutes } from "./routes/unsubscribe";
import { conversationCallbackRoutes } from "./routes/conversation-callback";
import { conversationMarkRoutes } from "./routes/conversation-marks";
import { conversationLabelRoutes } from "./routes/conversation-labels";
import { tagRoutes } from "./routes/tags";
import { conversationTypeRoutes } from "./routes/conversation-types";
import { cannedResponseRoutes } from "./routes/canned-responses";
import { searchRoutes } from "./routes/search";
import { contactRoutes } from "./routes/contacts";
import { contactRightsRoutes } from "./routes/contact-rights";
import { contactConsentRoutes } from "./routes/contact-consent";
import { consentPurposeRoutes } from "./routes/consent-purposes";
import { priorityRuleRoutes } from "./routes/priority-rules";
import { automationRuleRoutes } from "./routes/automation-rules";
import { webhookRoutes } from "./routes/webhooks";
import { auditLogRoutes } from "./routes/audit-log";
import { reportRoutes } from "./routes/reports";
import { reportAdminRoutes } from "./routes/report-admin";
import { savedReportRoutes } from "./routes/saved-reports";
import { registerWebhookDocs } from "./webhooks/openapi-webhooks";
import { queueRoutes } from "./routes/queue";
import { queueWorkRoutes } from "./routes/queue-work";
import { widgetSessionRoutes } from "./routes/widget/session";
import { widgetMessageRoutes } from "./routes/widget/messages";
import { widgetFileRoutes } from "./routes/widget/files";
import { widgetContactRoutes } from "./routes/widget/contact";
import { widgetPageRoutes } from "./routes/widget/visitor-page";
import { widgetConsentRoutes } from "./routes/widget/consent";
import { fileRoutes } from "./routes/files";
import { demoRoutes } from "./routes/demo";
import { channelWebhookRoutes } from "./routes/channel-webhooks";
import { simulatorRoutes } from "./simulator/routes";
import { portalSignInRoutes } from "./routes/portal/sign-in";
import { portalConversationRoutes } from "./routes/portal/conversations";
import { portalRequestRoutes } from "./routes/portal/requests";
import { portalPages } from "./routes/portal/pages";
import { portalSettingsRoutes } from "./routes/portal-settings";
import { hcPortalRoutes } from "./routes/hc-portals";
import { hcCategoryRoutes } from "./routes/hc-categories";
import { hcArticleRoutes } from "./routes/hc-articles";
import { hcArticleToolRoutes } from "./routes/hc-article-tools";
import { hcPublicRoutes } from "./routes/hc-public";
import { customDomainSite, helpCenterSite } from "./help-center/site/routes";

export const app = router();

// A help center portal on its own domain is served at that host's root (help-center/site/host.ts).
app.use("*", customDomainSite);
app.use("/api/*", withDatabase);
app.use("/webhooks/*", withDatabase);
app.use("/u/*", withDatabase);
// JSON bodies are small; upload routes carry their own, larger limit.
app.use("/api/*", async (c, next) => (isUploadRoute(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next)));
app.use("/api/*", jsonCharsetGuard);
// Cookie-authenticated writes must come from our own origin. Widget routes and API token
// calls are exempt: they authenticate with a bearer token, which a cross-site page cannot
// attach, and a token call never looks at the cookie (auth/principal.ts).
app.use("/api/v1/*", async (c, next) => (c.req.path.startsWith("/api/v1/widget/") || presentedSecret(c.req.raw) !== null ? next() : csrfGuard(c, next)));

app.route("/", healthRoutes);
app.route("/", authRoutes);
app.route("/", agentRoutes);
app.route("/", inviteRoutes);
app.route("/", agentAdminRoutes);
app.route("/", apiTokenRoutes);
app.route("/", agentStatusRoutes);
app.route("/", inboxRoutes);
app.route("/", inboxBotRoutes);
app.route("/", inboxAgentBotRoutes);
app.route("/", inboxApiChannelRoutes);
app.route("/", profileRoutes);
app.route("/", teamRoutes);
app.route("/", teamDeleteRoutes);
app.route("/", routingRuleRoutes);
app.route("/", outboundRoutes);
app.route("/", conversationRoutes);
app.route("/", conversationCallbackRoutes);
app.route("/", conversationMarkRoutes);
app.route("/", conversationLabelRoutes);
app.route("/", tagRoutes);
app.route("/", conversationTypeRoutes);
app.route("/", cannedResponseRoutes);
app.route("/", searchRoutes);
app.route("/", contactRoutes);
app.route("/", contactRightsRoutes);
app.route("/", contactConsentRoutes);
app.route("/", consentPurposeRoutes);
app.route("/", priorityRuleRoutes);
app.route("/", automationRuleRoutes);
app.route("/", webhookRoutes);
app.route("/", campaignRoutes);
app.route("/", unsubscribeRoutes);
app.route("/", auditLogRoutes);
app.route("/", reportRoutes);
app.route("/", reportAdminRoutes);
app.route("/", savedReportRoutes);
app.route("/", queueRoutes);
app.route("/", queueWorkRoutes);
app.route("/", fileRoutes);
app.route("/", widgetSessionRoutes);
app.route("/", widgetMessageRoutes);
app.route("/", widgetFileRoutes);
app.route("/", widgetContactRoutes);
app.route("/", widgetPageRoutes);
app.route("/", widgetConsentRoutes);
app.route("/", hcPortalRoutes);
app.route("/", hcCategoryRoutes);
app.route("/", hcArticleRoutes);
app.route("/", hcArticleToolRoutes);
app.route("/", hcPublicRoutes);
app.route("/", helpCenterSite);
app.route("/", demoRoutes);
app.route("/", channelWebhookRoutes);
// The customer portal (issue 17): its JSON API under /api/v1/portal (a customer session,
// never an agent's), its admin settings, and its server-rendered pages under /portal.
app.route("/", portalSignInRoutes);
app.route("/", portalConversationRoutes);
app.route("/", portalRequestRoutes);
app.route("/", portalSettingsRoutes);
app.route("/", portalPages);
// The local channel simulator (`npm run dev` only: it answers nothing unless DEV_SIMULATOR=1
// on a loopback host). It delivers its webhooks through this same app, in-process.
app.route("/", simulatorRoutes((request, env, ctx) => app.fetch(request, env, ctx)));

app.openAPIRegistry.registerComponent("securitySchemes", "cookieAuth", { type: "apiKey", in: "cookie", name: "sb_session" });
app.openAPIRegistry.registerComponent("securitySchemes", "visitorToken", { type: "http", scheme: "bearer" });
app.openAPIRegistry.registerComponent("securitySchemes", "portalSession", { type: "apiKey", in: "cookie", name: "sb_portal", description: "A customer portal session (worker/auth/portal-session.ts)" });
app.openAPIRegistry.registerComponent("securitySchemes", "apiToken", { type: "http", scheme: "bearer", description: "An API token (sb_live_…) made under Settings → API tokens" });
// OpenAPI 3.1 for its `webhooks` section: what Switchboard sends to other systems.
registerWebhookDocs(app.openAPIRegistry);
app.doc31("/api/v1/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Switchboard API", version: "1.0.0", description: "Omnichannel customer-support chat on Cloudflare's edge." },
});

// A path that exists with other methods answers 405 with Allow; any other, 404.
app.all("/api/*", apiFallback(() => app.routes));

// The console is a single-page app: any /console/ path that is not a file gets its shell.
app.get("/console/*", (c) => c.env.ASSETS.fetch(new URL("/console/index.html", c.req.url)));
app.notFound((c) => c.env.ASSETS.fetch(c.req.raw));
app.onError(onApiError);
