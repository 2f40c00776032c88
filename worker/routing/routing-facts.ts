/**
 * @module What routing needs to know of a new conversation, read from D1 in one batch
 * (one round trip): the rules in order, every team's hours and overflow, the inbox's
 * hours, and the contact's tags and attributes.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { contactTags, contacts, inboxes, routingRules, teams } from "../db/schema";
import { listRoutingRules } from "../db/routing-rules";
import { BusinessHours, type ChannelKind, type RoutingRule } from "../protocol";
import type { RoutingFacts, TeamRoutingFacts } from "./route-conversation";

/** The conversation as the room knows it, and its first customer message. */
export interface FirstMessage {
  inboxId: string;
  channel: ChannelKind;
  contactId: string;
  /** The team it was created with: the inbox's, or an e-mail address's (addressTeams). */
  teamId: string | null;
  text: string | null;
  /** E-mail: the message's To and Cc addresses. */
  recipientAddresses: string[];
  /** E-mail: the address the message came from (its From); others: null. */
  senderAddress: string | null;
  /** A customer portal request: the category the customer picked. */
  portalCategory?: string | null;
}

export async function routingFactsOf(db: Db, first: FirstMessage): Promise<{ rules: RoutingRule[]; facts: RoutingFacts }> {
  const [ruleCount, teamRows, inboxRows, contactRows, tagRows] = await db.batch([
    db.select({ id: routingRules.id }).from(routingRules).limit(1),
    db
      .select({ id: teams.id, businessHours: teams.businessHours, overflowTeamId: teams.overflowTeamId, awayMessage: teams.awayMessage })
      .from(teams)
      .orderBy(asc(teams.id)),
    db.select({ kind: inboxes.kind, settings: inboxes.settings }).from(inboxes).where(eq(inboxes.id, first.inboxId)),
    db.select({ attributes: contacts.attributes }).from(contacts).where(eq(contacts.id, first.contactId)),
    db.select({ tagId: contactTags.tagId }).from(contactTags).where(eq(contactTags.contactId, first.contactId)),
  ]);
  // Most help desks have no rules: skip their read (and their parse) then.
  const rules = ruleCount.length > 0 ? await listRoutingRules(db) : [];
  const teamMap = new Map<string, TeamRoutingFacts>(
    teamRows.map((t) => [t.id, { id: t.id, businessHours: readHours(t.businessHours), overflowTeamId: t.overflowTeamId ?? null, awayMessage: t.awayMessage }]),
  );
  const inbox = inboxRows[0];
  const facts: RoutingFacts = {
    inboxId: first.inboxId,
    channel: first.channel,
    recipientAddresses: first.recipientAddresses.map(bare),
    senderDomain: domainOf(first.senderAddress),
    firstMessageText: first.text,
    contactTagIds: tagRows.map((r) => r.tagId),
    portalCategory: first.portalCategory ?? null,
    contactAttributes: contactRows[0]?.attributes ?? {},
    defaultTeamId: first.teamId,
    // Only web chat keeps hours on the inbox (WebchatSettings.businessHours).
    inboxBusinessHours: inbox?.kind === "webchat" ? readHours(inbox.settings["businessHours"]) : null,
    teams: teamMap,
  };
  return { rules, facts };
}

/** Stored hours that no longer read count as none (always open), never as closed. */
function readHours(value: unknown): BusinessHours | null {
  const parsed = BusinessHours.nullable().safeParse(value ?? null);
  return parsed.success ? parsed.data : null;
}

/** The lower-case domain of an address; null without one. */
function domainOf(address: string | null): string | null {
  const at = address?.lastIndexOf("@") ?? -1;
  return address && at > 0 ? address.slice(at + 1).trim().toLowerCase() || null : null;
}

/** An address as rules compare it: lower-case, without a `+detail`. */
function bare(address: string): string {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf("@");
  if (at < 0) return a;
  const plus = a.indexOf("+");
  return plus > 0 && plus < at ? a.slice(0, plus) + a.slice(at) : a;
}
