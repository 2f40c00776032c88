/**
 * A contact's effective queue priority is max(its own priority, every segment rule
 * matching it) after each kind of change: its own priority, its tags, its attributes (from
 * the console and from the widget's setAttributes), and a rule created, changed or
 * deleted (or its tag deleted). Real D1 through the API; the value is read back from the
 * contact panel and from the list row the queue orders by.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { storedRows } from "./stored-rows";

let boss: Client;
let admin: Client;
let agent: Client;
let publicKey: string;

beforeAll(async () => {
  boss = await owner();
  admin = await agentWithRole("admin");
  agent = await agentWithRole("agent");
  publicKey = (await webchatInbox(boss, "Priority shop")).publicKey;
});

const newContact = async () => customerWrites(publicKey, "hello");
const contactOf = async (id: string) => {
  const res = await call(`/api/v1/contacts/${id}`, { client: agent });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.contact as { priority: number; effectivePriority: number; tagIds: string[]; name: string | null; attributes: Record<string, unknown> };
};
const effective = async (id: string) => (await contactOf(id)).effectivePriority;
const patchContact = (id: string, json: unknown, client: Client = admin) => call(`/api/v1/contacts/${id}`, { method: "PATCH", json, client });
const newTag = async (name: string) => (await call("/api/v1/tags", { method: "POST", json: { name: `${name}-${crypto.randomUUID().slice(0, 6)}` }, client: admin })).body.id as string;
const newRule = async (json: unknown) => {
  const res = await call("/api/v1/priority-rules", { method: "POST", json, client: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; priority: number };
};
const patchRule = (id: string, json: unknown) => call(`/api/v1/priority-rules/${id}`, { method: "PATCH", json, client: admin });
const deleteRule = (id: string) => call(`/api/v1/priority-rules/${id}`, { method: "DELETE", client: admin });
const uniqueValue = () => `v-${crypto.randomUUID().slice(0, 8)}`;

describe("the contact's own priority", () => {
  it("is set by admins and owners, shown with the effective priority, and is the effective one with no rule", async () => {
    const c = await newContact();
    expect(await contactOf(c.contactId)).toMatchObject({ priority: 0, effectivePriority: 0 });
    const res = await patchContact(c.contactId, { priority: 40 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.contact).toMatchObject({ priority: 40, effectivePriority: 40 });
    expect((await patchContact(c.contactId, { priority: 75 }, boss)).body.contact).toMatchObject({ priority: 75, effectivePriority: 75 });
    // The list row the queue orders by carries it.
    const row = await call(`/api/v1/conversations/${c.conversationId}`, { client: agent });
    expect(row.body.conversation.contactPriority).toBe(75);
    expect((await patchContact(c.contactId, { priority: 0 })).body.contact).toMatchObject({ priority: 0, effectivePriority: 0 });
  });

  it("refuses an agent who sends it with 403, writing nothing else of the edit", async () => {
    const c = await newContact();
    const tag = await newTag("agent-tag");
    const before = await storedRows();
    const beforeContact = await contactOf(c.contactId);
    expectApiError(await patchContact(c.contactId, { priority: 90, name: "Renamed by agent", tagIds: [tag] }, agent), 403, "forbidden");
    expect(await storedRows()).toEqual(before);
    expect(await contactOf(c.contactId)).toEqual(beforeContact);
    // The same edit without the priority is theirs to make.
    expect((await patchContact(c.contactId, { name: "Renamed by agent" }, agent)).status).toBe(200);
  });

  it("refuses a priority outside 0–100 or not an integer with 400, writing nothing", async () => {
    const c = await newContact();
    const before = await contactOf(c.contactId);
    for (const priority of [-1, 101, 1.5, "10", null]) expectApiError(await patchContact(c.contactId, { priority }), 400, "validation_failed");
    expect(await contactOf(c.contactId)).toEqual(before);
  });
});

describe("tag rules", () => {
  it("lift a contact while it carries the tag, and take the higher of its own and every matching rule", async () => {
    const vip = await newTag("vip");
    const gold = await newTag("gold");
    await newRule({ kind: "tag", tagId: vip, priority: 60 });
    await newRule({ kind: "tag", tagId: gold, priority: 80 });
    const c = await newContact();
    expect((await patchContact(c.contactId, { tagIds: [vip] }, agent)).body.contact.effectivePriority).toBe(60);
    expect(await effective(c.contactId)).toBe(60);
    expect((await patchContact(c.contactId, { tagIds: [vip, gold] }, agent)).body.contact.effectivePriority).toBe(80);
    // Its own priority above every rule wins; below, the rule does.
    expect((await patchContact(c.contactId, { priority: 95 })).body.contact.effectivePriority).toBe(95);
    expect((await patchContact(c.contactId, { priority: 10 })).body.contact.effectivePriority).toBe(80);
    expect((await patchContact(c.contactId, { tagIds: [gold] }, agent)).body.contact.effectivePriority).toBe(80);
    expect((await patchContact(c.contactId, { tagIds: [] }, agent)).body.contact.effectivePriority).toBe(10);
  });

  it("follow a rule created, changed (priority and tag) and deleted, for every contact it matches and only those", async () => {
    const vip = await newTag("vip2");
    const other = await newTag("other");
    const tagged = await newContact();
    const otherTagged = await newContact();
    const plain = await newContact();
    await patchContact(tagged.contactId, { tagIds: [vip] }, agent);
    await patchContact(otherTagged.contactId, { tagIds: [other], priority: 5 });
    const rule = await newRule({ kind: "tag", tagId: vip, priority: 30 });
    expect([await effective(tagged.contactId), await effective(otherTagged.contactId), await effective(plain.contactId)]).toEqual([30, 5, 0]);

    expect((await patchRule(rule.id, { priority: 70 })).body).toEqual({ id: rule.id, kind: "tag", tagId: vip, priority: 70 });
    expect(await effective(tagged.contactId)).toBe(70);
    // Moved to the other tag: the old contacts drop back, the new ones rise.
    expect((await patchRule(rule.id, { tagId: other })).status).toBe(200);
    expect([await effective(tagged.contactId), await effective(otherTagged.contactId)]).toEqual([0, 70]);

    expect((await deleteRule(rule.id)).body).toEqual({ ok: true });
    expect([await effective(tagged.contactId), await effective(otherTagged.contactId), await effective(plain.contactId)]).toEqual([0, 5, 0]);
    expectApiError(await deleteRule(rule.id), 404, "priority_rule_not_found");
  });

  it("go with their tag: deleting the tag deletes its rule and drops the contacts it lifted", async () => {
    const doomed = await newTag("doomed");
    const c = await newContact();
    await patchContact(c.contactId, { tagIds: [doomed], priority: 20 });
    const rule = await newRule({ kind: "tag", tagId: doomed, priority: 90 });
    expect(await effective(c.contactId)).toBe(90);
    expect((await call(`/api/v1/tags/${doomed}`, { method: "DELETE", client: admin })).status).toBe(200);
    expect(await contactOf(c.contactId)).toMatchObject({ tagIds: [], priority: 20, effectivePriority: 20 });
    const rules = (await call("/api/v1/priority-rules", { client: admin })).body.rules as { id: string }[];
    expect(rules.map((r) => r.id)).not.toContain(rule.id);
  });
});

describe("attribute rules", () => {
  it("match the attribute's string form exactly, through console edits", async () => {
    const plan = uniqueValue();
    const rule = await newRule({ kind: "attribute", key: "plan", value: plan, priority: 45 });
    const c = await newContact();
    expect((await patchContact(c.contactId, { attributes: { plan } }, agent)).body.contact.effectivePriority).toBe(45);
    // Another value, or the same letters in another case, is no match.
    expect((await patchContact(c.contactId, { attributes: { plan: plan.toUpperCase() } }, agent)).body.contact.effectivePriority).toBe(0);
    expect((await patchContact(c.contactId, { attributes: { plan } }, agent)).body.contact.effectivePriority).toBe(45);
    expect((await patchContact(c.contactId, { attributes: { plan: null } }, agent)).body.contact.effectivePriority).toBe(0);
    expect((await patchRule(rule.id, { value: "ignored-now" })).status).toBe(200);
    expect((await deleteRule(rule.id)).status).toBe(200);
  });

  it("match numbers and booleans by their string form ('42', 'true')", async () => {
    const key = `k${crypto.randomUUID().slice(0, 6)}`;
    await newRule({ kind: "attribute", key, value: "42", priority: 33 });
    await newRule({ kind: "attribute", key: `${key}.ok`, value: "true", priority: 44 });
    const c = await newContact();
    expect((await patchContact(c.contactId, { attributes: { [key]: 42 } }, agent)).body.contact.effectivePriority).toBe(33);
    expect((await patchContact(c.contactId, { attributes: { [key]: 42.5 } }, agent)).body.contact.effectivePriority).toBe(0);
    // A key with a dot is a key, not a JSON path.
    expect((await patchContact(c.contactId, { attributes: { [`${key}.ok`]: true } }, agent)).body.contact.effectivePriority).toBe(44);
    expect((await patchContact(c.contactId, { attributes: { [`${key}.ok`]: false } }, agent)).body.contact.effectivePriority).toBe(0);
  });

  it("follow the widget's setAttributes", async () => {
    const tier = uniqueValue();
    await newRule({ kind: "attribute", key: "tier", value: tier, priority: 55 });
    const c = await newContact();
    const set = (attributes: Record<string, unknown>) => call("/api/v1/widget/contact", { method: "PATCH", json: { attributes }, headers: bearer(c.token) });
    expect((await set({ tier })).status).toBe(200);
    expect(await effective(c.contactId)).toBe(55);
    expect((await set({ tier: "basic" })).status).toBe(200);
    expect(await effective(c.contactId)).toBe(0);
  });

  it("lift existing contacts when created, and let them go when the value changes or the rule goes", async () => {
    const region = uniqueValue();
    const a = await newContact();
    const b = await newContact();
    await patchContact(a.contactId, { attributes: { region } }, agent);
    await patchContact(b.contactId, { attributes: { region: "elsewhere" } }, agent);
    const rule = await newRule({ kind: "attribute", key: "region", value: region, priority: 25 });
    expect([await effective(a.contactId), await effective(b.contactId)]).toEqual([25, 0]);
    expect((await patchRule(rule.id, { value: "elsewhere", priority: 35 })).body).toEqual({ id: rule.id, kind: "attribute", key: "region", value: "elsewhere", priority: 35 });
    expect([await effective(a.contactId), await effective(b.contactId)]).toEqual([0, 35]);
    expect((await deleteRule(rule.id)).status).toBe(200);
    expect([await effective(a.contactId), await effective(b.contactId)]).toEqual([0, 0]);
  });
});

describe("the stored value", () => {
  it("is what D1 holds for every contact: no contact is left out of step by a rule change", async () => {
    const tag = await newTag("sweep");
    const contacts = await Promise.all([newContact(), newContact(), newContact()]);
    for (const [i, c] of contacts.entries()) await patchContact(c.contactId, { tagIds: i < 2 ? [tag] : [], priority: i * 10 });
    const rule = await newRule({ kind: "tag", tagId: tag, priority: 15 });
    await patchRule(rule.id, { priority: 12 });
    // Recompute every contact from scratch in plain SQL and compare with what is stored.
    const { results } = await env.DB.prepare(
      `SELECT c.id, c.effective_priority AS stored, max(c.priority, coalesce((SELECT max(r.priority) FROM priority_rules r
         JOIN contact_tags ct ON ct.tag_id = r.tag_id AND ct.contact_id = c.id WHERE r.kind = 'tag'), 0)) AS tagOnly
       FROM contacts c WHERE c.id IN (?, ?, ?)`,
    )
      .bind(...contacts.map((c) => c.contactId))
      .all<{ id: string; stored: number; tagOnly: number }>();
    expect(results.map((r) => r.stored).sort()).toEqual([12, 12, 20]);
    for (const r of results) expect(r.stored).toBe(r.tagOnly);
  });
});
