/**
 * @module Path parameters the agent API shares, validated like any other input.
 */
import { z } from "zod";

/** Ids are opaque strings (UUIDs here); the bound keeps junk out of queries and logs. */
export const IdParam = z.object({ id: z.string().min(1).max(64) });

/** A conversation id and the seq of one of its events. */
export const SeqParams = IdParam.extend({ seq: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
