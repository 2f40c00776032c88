/**
 * "Stored nothing": the D1 row counts a refused request must leave as they were.
 */
import { env } from "cloudflare:workers";

/** Row counts of the D1 tables a request could write synchronously (sign-in attempts
 * counted by their sum), for asserting that a refused request stored nothing. Messages
 * are left out: D1 receives them through the rooms' asynchronous projection. */
export async function storedRows(): Promise<Record<string, number>> {
  const tables = [
    "agents",
    "sessions",
    "teams",
    "team_members",
    "inboxes",
    "contacts",
    "contact_identities",
    "conversations",
    "tags",
    "conversation_tags",
    "message_tags",
    "contact_tags",
    "conversation_types",
    "canned_responses",
    "conversation_stars",
    "conversation_reads",
    "visitor_contexts",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  }
  counts.rate_limit_attempts = (await env.DB.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM rate_limits").first<{ n: number }>())!.n;
  return counts;
}
