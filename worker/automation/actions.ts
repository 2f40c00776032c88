/**
 * @module One action of a rule's run, done. Changes to the conversation go through its
 * room (assign, status, message commands), so they are ordered with everything else and
 * logged with the rule as the actor; tags, type and the contact's priority are D1 writes.
 * A failure throws an Error whose message is what the console shows.
 */
import type { Env } from "../env";
import type { Db } from "../db/client";
import { findAgent, findTeam } from "../db/agents";
import { findCannedResponse } from "../db/canned-responses";
import { findConversationType, setConversationType } from "../db/conversation-types";
import { addConversationTag } from "../db/automation-runs";
import { roomOf } from "../conversation/room-client";
import type { RoomCommand, RoomSummary } from "../conversation/commands";
import type { Actor, AutomationAction, AutomationRule, AutomationTriggerType, ConversationSummary } from "../protocol";
import { AUTOMATION_ACTOR_PREFIX } from "./triggers";
import { callWebhook } from "./webhook-call";
import { setContactPriority } from "./set-priority";
import { articleAnswer } from "../help-center/article-answer";

/** One run of one rule on one conversation. */
export interface Run {
  rule: AutomationRule;
  conversation: ConversationSummary;
  trigger: AutomationTriggerType;
  /** What set it off on this conversation (see ./triggers.ts). */
  runKey: string;
}

/** Who makes a rule's changes: the system, in the rule's name (the loop guard's mark). */
export function ruleActor(rule: Pick<AutomationRule, "id" | "name">): Actor {
  return { type: "system", id: `${AUTOMATION_ACTOR_PREFIX}${rule.id}`, name: rule.name };
}

/** Who speaks a rule's canned response: the company's automatic voice (a bot), so the
 * channel delivers it like routing's away message and it never counts as an agent's
 * first response. */
function ruleVoice(rule: Pick<AutomationRule, "id" | "name">): Actor {
  return { type: "bot", id: `${AUTOMATION_ACTOR_PREFIX}${rule.id}`, name: rule.name };
}

/** Does `action` (the `index`th of the run); returns the room's state when the room
 * changed, so the run knows the conversation's last activity after it. */
export async function runAction(env: Env, db: Db, run: Run, action: AutomationAction, index: number, now: number): Promise<RoomSummary | null> {
  const { rule, conversation } = run;
  const actor = ruleActor(rule);
  const room = roomOf(env, conversation);
  const command = async (cmd: RoomCommand) => (await room.command(cmd)).state;
  // A message's client id names the run and the action: a run made again (a batch
  // delivered twice) stores each message once.
  const clientId = `${run.runKey}:${index}`;
  switch (action.type) {
    case "assign_team": {
      if (!(await findTeam(db, action.teamId))) throw new Error(`team ${action.teamId} no longer exists`);
      // Moving to another team hands the conversation to that team's queue, unassigned.
      return command({ type: "assign", actor, assigneeId: null, assigneeName: null, teamId: action.teamId });
    }
    case "assign_agent": {
      const agent = await findAgent(db, action.agentId);
      if (!agent || agent.disabledAt) throw new Error(`agent ${action.agentId} no longer exists or is deactivated`);
      return command({ type: "assign", actor, assigneeId: agent.id, assigneeName: agent.name });
    }
    case "add_tag":
      if (!(await addConversationTag(db, conversation.id, action.tagId))) throw new Error(`tag ${action.tagId} no longer exists`);
      return null;
    case "set_type":
      if (!(await findConversationType(db, action.typeId))) throw new Error(`conversation type ${action.typeId} no longer exists`);
      await setConversationType(db, conversation.id, action.typeId);
      return null;
    case "set_priority":
      await setContactPriority(env, db, conversation.contactId, action.priority);
      return null;
    case "send_canned_response": {
      const canned = await findCannedResponse(db, action.cannedResponseId);
      if (!canned) throw new Error(`canned response ${action.cannedResponseId} no longer exists`);
      return command({ type: "message", actor: ruleVoice(rule), kind: "text", body: canned.body, clientId });
    }
    case "send_note":
      return command({ type: "message", actor, kind: "note", body: action.body, clientId });
    case "resolve":
      return command({ type: "status", actor, to: "resolved" });
    case "snooze":
      return command({ type: "status", actor, to: "snoozed", until: now + action.minutes * 60_000 });
    case "send_article":
      return command({ type: "message", actor: ruleVoice(rule), kind: "text", body: await articleAnswer(db, action.articleId), clientId });
    case "call_webhook":
      await callWebhook(
        env,
        db,
        action.url,
        { event: "automation.rule", ruleId: rule.id, ruleName: rule.name, trigger: run.trigger, at: now, conversation },
        `${rule.id}:${conversation.id}:${run.runKey}`,
      );
      return null;
  }
}
