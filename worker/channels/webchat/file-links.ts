/**
 * @module Signed links to one visitor-visible file. `<img src>` cannot send a header and
 * the visitor token must never ride in a URL (a forwarded image link or a proxy log would
 * hand over the whole transcript), so the widget asks for a link per file with its Bearer
 * token and gets a URL signed for that file id only, for 10 minutes: long enough to show
 * the image and click a download, short enough that a copied link soon dies. The widget
 * asks again when one is near expiry.
 */
import type { Db } from "../../db/client";
import { checkGrant, signGrant, type GrantCheck } from "../../auth/signed-grants";
import type { WidgetFileLink } from "../../protocol";

export const FILE_LINK_TTL_MS = 10 * 60_000;

/** `ttlMs`: longer for a provider that fetches the file itself later (Twilio's MediaUrl). */
export async function fileLink(db: Db, fileId: string, now = Date.now(), ttlMs = FILE_LINK_TTL_MS): Promise<WidgetFileLink> {
  const exp = now + ttlMs;
  const sig = await signGrant(db, "widget-file", fileId, exp);
  return { url: `/api/v1/widget/files/${encodeURIComponent(fileId)}?exp=${exp}&sig=${sig}`, expiresAt: exp };
}

export function checkFileLink(db: Db, fileId: string, exp: number, sig: string, now = Date.now()): Promise<GrantCheck> {
  return checkGrant(db, "widget-file", fileId, exp, sig, now);
}
