/**
 * @module "Test connection" for a page: one Graph read with the saved token, reported
 * short and free of secrets. Messenger reads the page's name (`GET /{page-id}?fields=name`,
 * https://developers.facebook.com/docs/graph-api/reference/page); Instagram reads the
 * professional account's username (`GET /{ig-id}?fields=username`,
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user),
 * which proves the page token reaches the Instagram account too.
 */
import { z } from "zod";
import type { ConnectionCheck } from "../types";
import { graphErrorOf, graphFetch, type PlatformContext } from "./graph";

const PageAnswer = z.object({ name: z.string() });
const InstagramAnswer = z.object({ username: z.string() });

const MAX_DETAIL_CHARS = 200;

export async function testPlatformConnection(ctx: PlatformContext): Promise<ConnectionCheck> {
  const settings = ctx.config.settings;
  const instagram = ctx.config.kind === "instagram" && "instagramAccountId" in settings;
  const path = instagram ? `${settings.instagramAccountId}?fields=username` : `${settings.pageId}?fields=name`;
  let res: Response;
  try {
    res = await graphFetch(ctx, path, { method: "GET" });
  } catch (err) {
    return { ok: false, status: 0, detail: `unreachable: ${err instanceof Error ? err.message : String(err)}`.slice(0, MAX_DETAIL_CHARS) };
  }
  if (!res.ok) return { ok: false, status: res.status, detail: (await graphErrorOf(res, ctx)).reason.slice(0, MAX_DETAIL_CHARS) };
  const json: unknown = await res.json().catch(() => null);
  const parsed = instagram ? InstagramAnswer.safeParse(json) : PageAnswer.safeParse(json);
  if (!parsed.success) return { ok: false, status: res.status, detail: "Meta answered without the account's name" };
  const detail = "username" in parsed.data ? `@${parsed.data.username}` : parsed.data.name;
  return { ok: true, status: res.status, detail: detail.slice(0, MAX_DETAIL_CHARS) };
}
