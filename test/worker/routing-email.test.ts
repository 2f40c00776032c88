/**
 * Routing of new e-mail conversations: a rule on the address the customer wrote to wins
 * over the inbox's address-to-team map; a keyword in the subject counts as the first
 * message; a rule on the sender's domain (and its subdomains) routes; no match keeps the
 * address's team (else the inbox's).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { unique } from "./route-table";
import { db, deliver, emailInbox, mail, storedIn } from "./channels/email-receive-kit";
import { findConversation } from "../../worker/db/conversations";
import { eventsOf } from "./channels/channel-world";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

async function team(): Promise<string> {
  return (await call("/api/v1/teams", { method: "POST", json: { name: `Team ${unique()}` }, client: boss })).body.id;
}

async function rule(teamId: string, conditions: Record<string, unknown>): Promise<void> {
  expect((await call("/api/v1/routing-rules", { method: "POST", json: { name: `Rule ${unique()}`, teamId, conditions }, client: boss })).status).toBe(201);
}

const teamOf = async (id: string) => (await findConversation(db, id))?.teamId;

describe("e-mail routing", () => {
  it("a rule on the recipient address wins over the address's team; a subject keyword routes; no match keeps the address's team", async () => {
    const general = await team();
    const finance = await team();
    const sales = await team();
    const billing = await team();
    const inbox = await emailInbox({ addresses: ["suporte@rt-mail.test", "vendas@rt-mail.test"], addressTeams: { "vendas@rt-mail.test": finance } }, general);
    await rule(sales, { inboxIds: [inbox.id], recipientAddresses: ["VENDAS@rt-mail.test"] });
    await rule(billing, { inboxIds: [inbox.id], keywords: ["reembolso"] });

    const toSales = storedIn(await deliver(mail({ to: [{ address: "vendas@rt-mail.test", name: null }], subject: "Orçamento" })));
    const byKeyword = storedIn(await deliver(mail({ to: [{ address: "suporte@rt-mail.test", name: null }], subject: "Pedido de REEMBOLSO", text: "Olá" })));
    const plain = storedIn(await deliver(mail({ to: [{ address: "suporte@rt-mail.test", name: null }], subject: "Dúvida", text: "Olá" })));

    await eventually(async () => {
      expect(await teamOf(toSales)).toBe(sales);
      expect(await teamOf(byKeyword)).toBe(billing);
    });
    expect(await teamOf(plain)).toBe(general);
    expect((await eventsOf(boss, toSales)).find((e) => e.type === "assignment")).toMatchObject({ seq: 1, teamId: sales, fromTeamId: finance, reason: "routing" });
  });

  it("a rule on the sender's domain routes mail from it and its subdomains, and nothing else", async () => {
    const general = await team();
    const enterprise = await team();
    const inbox = await emailInbox({ addresses: ["contato@sd-mail.test"] }, general);
    await rule(enterprise, { inboxIds: [inbox.id], senderDomains: ["Grande-Cliente.com.br"] });
    const to = [{ address: "contato@sd-mail.test", name: null }];
    const fromDomain = storedIn(await deliver(mail({ to, from: { address: "joao@grande-cliente.com.br", name: "João" } })));
    const fromSub = storedIn(await deliver(mail({ to, from: { address: "nf@financeiro.grande-cliente.com.br", name: null } })));
    const lookalike = storedIn(await deliver(mail({ to, from: { address: "ana@outro-grande-cliente.com.br", name: null } })));
    await eventually(async () => {
      expect(await teamOf(fromDomain)).toBe(enterprise);
      expect(await teamOf(fromSub)).toBe(enterprise);
    });
    expect(await teamOf(lookalike)).toBe(general);
  });
});
