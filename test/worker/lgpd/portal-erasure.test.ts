/**
 * A customer portal user's erasure: the sign-in link's address, the session, the password
 * and the request's subject leave D1 with the rest of the contact (worker/db/erasure.ts),
 * and the portal cookie no longer opens anything.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { customerOnChannels, setUpPortal, signedIn, unique, type Customer } from "../portal/portal-kit";

let boss: Client;
let customer: Customer;
let portalClient: Client;

beforeAll(async () => {
  boss = await owner();
  const portal = await setUpPortal(boss);
  customer = await customerOnChannels(portal);
  portalClient = await signedIn(customer.email);
  expect((await call("/api/v1/portal/password", { method: "PUT", json: { password: "uma senha bem comprida" }, client: portalClient })).status).toBeLessThan(300);
});

const rowsOf = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE contact_id = ?`).bind(customer.contactId).first<{ n: number }>())!.n;

describe("erasing a portal customer", () => {
  it("removes their sign-in links, sessions, password and request subjects", async () => {
    const subject = `Assunto pessoal ${unique()}`;
    const opened = await call("/api/v1/portal/requests", { method: "POST", json: { subject, description: "Meu endereço mudou.", clientId: `r-${unique()}` }, client: portalClient });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    for (const table of ["portal_sign_in_links", "portal_sessions", "portal_passwords", "portal_requests"]) expect(await rowsOf(table), table).toBeGreaterThan(0);

    const res = await call(`/api/v1/contacts/${customer.contactId}/erase`, { method: "POST", json: { confirm: "ERASE" }, client: boss });
    expect([200, 202]).toContain(res.status);
    await eventually(async () => {
      for (const table of ["portal_sign_in_links", "portal_sessions", "portal_passwords", "portal_requests"]) expect(await rowsOf(table), table).toBe(0);
    });
    const leftovers = await env.DB.prepare("SELECT count(*) AS n FROM portal_requests WHERE subject = ?").bind(subject).first<{ n: number }>();
    expect(leftovers!.n).toBe(0);
    expect((await call("/api/v1/portal/conversations", { client: portalClient })).status).toBe(401);
  });
});
