/**
 * The public help center read by a customer signed in to the customer portal (the
 * `sb_portal` session): customers' articles open to them, a customers-only portal opens,
 * internal articles and drafts stay closed, and such pages are never cacheable by a shared
 * cache. Without the session the same pages are closed.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../fixtures";
import { ORIGIN, type Client } from "../http-client";
import { customerOnChannels, setUpPortal, signedIn } from "../portal/portal-kit";
import { makeArticle, makePortal } from "./hc-kit";

let boss: Client;
let customer: Client;

beforeAll(async () => {
  boss = await owner();
  const portal = await setUpPortal(boss);
  customer = await signedIn((await customerOnChannels(portal)).email);
});

async function page(path: string, client?: Client) {
  const headers = new Headers({ "CF-Connecting-IP": "203.0.113.50" });
  if (client?.cookie) headers.set("Cookie", client.cookie);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { headers, redirect: "manual" }));
  return { status: res.status, cache: res.headers.get("Cache-Control"), text: await res.text() };
}

describe("the public help center for a signed-in portal customer", () => {
  it("shows customers' articles to them only, never internal ones or drafts, and not to a shared cache", async () => {
    const hc = await makePortal(boss);
    const forCustomers = await makeArticle(boss, hc.id, { title: "Só para clientes", visibility: "customers" });
    const internal = await makeArticle(boss, hc.id, { title: "Nota interna", visibility: "internal" });
    const draft = await makeArticle(boss, hc.id, { title: "Rascunho", status: "draft" });
    const path = (a: { groupId: string }) => `/hc/${hc.slug}/pt-BR/articles/${a.groupId}`;

    expect((await page(path(forCustomers))).status).toBe(404);
    const signedInView = await page(path(forCustomers), customer);
    expect(signedInView.status).toBe(200);
    expect(signedInView.text).toContain("Só para clientes");
    expect(signedInView.cache).toBe("private, no-store");
    expect((await page(path(internal), customer)).status).toBe(404);
    expect((await page(path(draft), customer)).status).toBe(404);
  });

  it("opens a customers-only portal to them and keeps it closed to anonymous readers", async () => {
    const closed = await makePortal(boss, { audience: "customers" });
    const a = await makeArticle(boss, closed.id, { title: "Manual do cliente", visibility: "public" });
    const path = `/hc/${closed.slug}/pt-BR/articles/${a.groupId}`;
    const anonymous = await page(path);
    expect(anonymous.status).toBe(403);
    expect(anonymous.text).not.toContain("Manual do cliente");
    const view = await page(path, customer);
    expect(view.status).toBe(200);
    expect(view.text).toContain("Manual do cliente");
  });
});
