/**
 * The conversation list stays fast at thousands of conversations: every view and filter
 * is answered from an index (asserted on SQLite's own query plans, with 5,000
 * conversations in D1), a page walks the activity index in order and stops, and the
 * per-row counts read covering indexes for the page's rows only.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { listConversationItems, listQuery, type ListQuery } from "../../worker/db/conversation-items";

const CONVERSATIONS = 5_000;
const AGENT = "plan-agent";
const db = database(env.DB);

async function plan(q: ListQuery): Promise<string[]> {
  const { sql, params } = listQuery(db, q).toSQL();
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

/** Seeds straight into D1 (5,000 rooms would take minutes): one inbox, contacts,
 * conversations spread over statuses and assignees, a customer message in each. */
beforeAll(async () => {
  const now = Date.now();
  const statements = [
    env.DB.prepare("INSERT INTO agents (id, email, name, role, password_hash, password_salt, password_iterations, created_at) VALUES (?, 'plan@example.com', 'Plan', 'agent', 'x', 'x', 1, ?)").bind(AGENT, now),
    env.DB.prepare("INSERT INTO teams (id, name, created_at) VALUES ('plan-team', 'Plan team', ?)").bind(now),
    env.DB.prepare("INSERT INTO inboxes (id, kind, name, team_id, created_at) VALUES ('plan-inbox', 'webchat', 'Plan', 'plan-team', ?)").bind(now),
    env.DB.prepare("INSERT INTO tags (id, name, created_at) VALUES ('plan-tag', 'plan', ?)").bind(now),
  ];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const status = ["open", "open", "resolved", "snoozed"][i % 4];
    const assignee = i % 3 === 0 ? AGENT : null;
    statements.push(
      env.DB.prepare("INSERT INTO contacts (id, name, created_at) VALUES (?, ?, ?)").bind(`pc${i}`, `Person ${i}`, now),
      env.DB.prepare(
        "INSERT INTO conversations (id, inbox_id, contact_id, team_id, assignee_id, status, created_at, last_activity_at, last_seq) VALUES (?, 'plan-inbox', ?, 'plan-team', ?, ?, ?, ?, 1)",
      ).bind(`p${i}`, `pc${i}`, assignee, status, now, now + i),
      env.DB.prepare("INSERT INTO messages (conversation_id, seq, id, direction, sender_type, kind, body, event, created_at) VALUES (?, 1, ?, 'in', 'contact', 'text', 'hello', '{}', ?)").bind(`p${i}`, `pm${i}`, now + i),
    );
    if (i % 50 === 0) statements.push(env.DB.prepare("INSERT INTO conversation_stars (agent_id, conversation_id, created_at) VALUES (?, ?, ?)").bind(AGENT, `p${i}`, now));
    if (i % 40 === 0) statements.push(env.DB.prepare("INSERT INTO conversation_tags (conversation_id, tag_id) VALUES (?, 'plan-tag')").bind(`p${i}`));
  }
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
}, 120_000);

const base = { agentId: AGENT, limit: 51 } satisfies ListQuery;

describe("list query plans", () => {
  it.each([
    ["view all (open)", { ...base, view: "all" }, "conversations_status_activity_idx (status=?)"],
    ["view resolved", { ...base, view: "resolved" }, "conversations_status_activity_idx (status=?)"],
    ["view snoozed", { ...base, view: "snoozed" }, "conversations_status_activity_idx (status=?)"],
    ["view mine", { ...base, view: "mine" }, "conversations_assignee_activity_idx (assignee_id=? AND status=?)"],
    ["view unassigned", { ...base, view: "unassigned" }, "conversations_assignee_activity_idx (assignee_id=? AND status=?)"],
    ["an inbox filter", { ...base, view: "all", inboxId: "plan-inbox" }, "conversations_inbox_activity_idx (inbox_id=? AND status=?)"],
    ["a team filter", { ...base, view: "all", teamId: "plan-team" }, "conversations_team_activity_idx (team_id=? AND status=?)"],
    ["no view, no status", { ...base }, "conversations_activity_idx"],
    ["a later page (keyset cursor)", { ...base, view: "all", before: { lastActivityAt: Date.now() + 2_500, id: "p2500" } }, "conversations_status_activity_idx (status=? AND (last_activity_at,id)<(?,?))"],
  ] as const)("walks an index in list order for %s, with no sort and no scan of the table", async (_, q, index) => {
    const steps = await plan(q as ListQuery);
    const page = steps.filter((s) => s.includes("activity_idx"));
    expect(page, steps.join("\n")).toEqual([expect.stringContaining(index)]);
    // The only sort is the outer one over the page's own rows (at most `limit`).
    expect(steps.filter((s) => s.includes("TEMP B-TREE")), steps.join("\n")).toHaveLength(1);
    expect(steps.some((s) => /^SCAN (conversations|messages)$/.test(s)), steps.join("\n")).toBe(false);
  });

  it.each([
    ["view starred", { ...base, view: "starred" }, "conversation_stars USING COVERING INDEX sqlite_autoindex_conversation_stars_1 (agent_id=?)"],
    ["a tag filter", { ...base, tagId: "plan-tag" }, "conversation_tags USING INDEX conversation_tags_tag_idx (tag_id=?)"],
  ] as const)("starts %s from the agent's stars or the tag's rows, not from all conversations", async (_, q, start) => {
    const steps = await plan(q as ListQuery);
    expect(steps.some((s) => s.includes(start)), steps.join("\n")).toBe(true);
    expect(steps.some((s) => /^SCAN (conversations|messages)$/.test(s)), steps.join("\n")).toBe(false);
  });

  it("counts unread messages and reads tags from covering indexes, per row of the page", async () => {
    const steps = await plan({ ...base, view: "all" });
    expect(steps).toContain("SEARCH messages USING COVERING INDEX messages_inbound_idx (conversation_id=? AND seq>?)");
    expect(steps).toContain("SEARCH conversation_tags USING COVERING INDEX sqlite_autoindex_conversation_tags_1 (conversation_id=?)");
    expect(steps).toContain("SEARCH conversation_reads USING INDEX sqlite_autoindex_conversation_reads_1 (agent_id=? AND conversation_id=?) LEFT-JOIN");
  });

  it("returns the newest page of the seeded list with its counts", async () => {
    const items = await listConversationItems(db, { ...base, view: "all", limit: 3 });
    // Open is i % 4 in {0, 1}: the newest are 4997 and 4996, then 4993.
    expect(items.map((i) => i.id)).toEqual(["p4997", "p4996", "p4993"]);
    expect(items.map((i) => i.unread)).toEqual([1, 1, 1]);
    const starred = await listConversationItems(db, { ...base, view: "starred", limit: 200 });
    expect(starred).toHaveLength(CONVERSATIONS / 50);
    expect(starred.every((i) => i.starred)).toBe(true);
  });
});
