/**
 * @module The one check every route that sets tags makes (conversation, message and
 * contact tags): duplicates dropped, and every id a tag that exists, else 404.
 */
import type { Db } from "../db/client";
import { unknownTagIds } from "../db/tags";
import { ApiError } from "../http/api-error";

/** `tagIds` without duplicates, once each names an existing tag. */
export async function existingTagIds(db: Db, tagIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(tagIds)];
  const unknown = await unknownTagIds(db, unique);
  if (unknown.length > 0) throw new ApiError(404, "tag_not_found", `No tag with id ${unknown[0]}.`);
  return unique;
}
