/**
 * @module An article's absolute public address, for messages sent without a request to
 * take an origin from (automation's "send an article"): the portal's custom domain when
 * it has one (always https: Cloudflare custom hostnames are served over TLS), else the
 * origin the portal was last saved from (`siteOrigin`).
 */
import type { HcLocale, Portal } from "../protocol";
import { articleUrl, portalBase } from "./site/urls";

export function absoluteArticleUrl(portal: Portal, locale: HcLocale, groupId: string): string {
  if (portal.customDomain) return `https://${portal.customDomain}${articleUrl("", locale, groupId)}`;
  return `${portal.siteOrigin}${articleUrl(portalBase(portal.slug), locale, groupId)}`;
}
