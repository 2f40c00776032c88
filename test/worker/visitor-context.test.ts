/**
 * Web visitors are told apart: each anonymous visitor gets a distinct, readable,
 * searchable name until they give theirs, and agents see where they are (page, where
 * they came from), on what (browser, OS), from where (country, city) and their time zone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ContactDetail, SearchHit } from "../../worker/protocol";
import { visitorName } from "../../worker/channels/webchat/visitor-name";
import { eventually } from "./assertions";
import { agentWithRole, clientAddress, customerWrites, owner, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";

const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36";
const SAO_PAULO = { country: "BR", city: "São Paulo", timezone: "America/Sao_Paulo" };

let boss: Client;
let agent: Client;
let inbox: { id: string; publicKey: string };

beforeAll(async () => {
  boss = await owner();
  agent = await agentWithRole("agent");
  inbox = await webchatInbox(boss);
});

/** A widget session as a browser would start it: its own address, User-Agent and the
 * `request.cf` Cloudflare's edge adds (absent locally, so tests pass their own). */
async function session(body: Record<string, unknown>, init: { userAgent?: string; cf?: Record<string, unknown> } = {}) {
  const headers: Record<string, string> = { "CF-Connecting-IP": clientAddress() };
  if (init.userAgent) headers["User-Agent"] = init.userAgent;
  const res = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey, ...body }, headers, cf: init.cf } as Parameters<typeof call>[1]);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { token: string; contactId: string; contact: { name: string | null } };
}

async function detail(contactId: string): Promise<ContactDetail> {
  const res = await call(`/api/v1/contacts/${contactId}`, { client: agent });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const searchHits = async (q: string): Promise<SearchHit[]> => (await call(`/api/v1/search?q=${encodeURIComponent(q)}`, { client: agent })).body.hits;

describe("generated visitor names", () => {
  it("gives two anonymous visitors two different readable names, marked as generated", async () => {
    const a = await session({});
    const b = await session({});
    const [da, db] = [await detail(a.contactId), await detail(b.contactId)];
    expect(da.contact.name).toMatch(/^\p{L}+(?:-\p{L}+)? \p{L}+ \d{4}$/u);
    expect(db.contact.name).toMatch(/^\p{L}+(?:-\p{L}+)? \p{L}+ \d{4}$/u);
    expect(da.contact.name).not.toBe(db.contact.name);
    expect([da.contact.nameGenerated, db.contact.nameGenerated]).toEqual([true, true]);
  });

  it("names the visitor in the widget's language, and the conversation list shows it", async () => {
    const pt = await session({ locale: "pt-BR" });
    expect((await detail(pt.contactId)).contact.name).toBe(visitorName(pt.contactId, "pt-BR"));
    const es = await session({ locale: "es" });
    expect((await detail(es.contactId)).contact.name).toBe(visitorName(es.contactId, "es"));
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "oi", clientId: "named-1" }, headers: bearer(pt.token) });
    const row = await eventually(async () => {
      const list = await call(`/api/v1/conversations?inbox=${inbox.id}`, { client: agent });
      const found = list.body.conversations.find((c: { contactId: string }) => c.contactId === pt.contactId);
      expect(found).toBeDefined();
      return found;
    });
    expect(row.contactName).toBe(visitorName(pt.contactId, "pt-BR"));
  });

  it("does not hand the generated name to the widget, which still asks for the real one", async () => {
    const v = await session({});
    expect(v.contact.name).toBeNull();
    const again = await session({ token: v.token });
    expect(again.contact.name).toBeNull();
    // Resuming keeps the same name.
    expect((await detail(v.contactId)).contact.name).toBe(visitorName(v.contactId));
  });

  it("finds a visitor by the generated name, accents or not", async () => {
    const v = await customerWrites(inbox.publicKey, "preciso de ajuda");
    const name = (await detail(v.contactId)).contact.name!;
    const plain = name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    for (const q of [name, plain]) {
      const found = await eventually(async () => {
        const hits = await searchHits(q);
        expect(hits.length).toBeGreaterThan(0);
        return hits;
      });
      expect(found.map((h) => [h.kind, h.contactId])).toContainEqual(["contact", v.contactId]);
    }
  });

  it("is replaced by the name the visitor gives, for good", async () => {
    const v = await customerWrites(inbox.publicKey, "olá");
    const generated = (await detail(v.contactId)).contact.name!;
    const res = await call("/api/v1/widget/contact", { method: "PATCH", json: { name: "Ana Lima" }, headers: bearer(v.token) });
    expect(res.body.contact.name).toBe("Ana Lima");
    expect((await detail(v.contactId)).contact).toMatchObject({ name: "Ana Lima", nameGenerated: false });
    await session({ token: v.token });
    expect((await detail(v.contactId)).contact.name).toBe("Ana Lima");
    const byOldName = await searchHits(generated);
    expect(byOldName.map((h) => h.contactId)).not.toContain(v.contactId);
  });

  it("is replaced by a name from identify() and by an agent's edit", async () => {
    const a = await session({});
    await call("/api/v1/widget/identify", { method: "POST", json: { id: `u-${crypto.randomUUID()}`, name: "Bruno" }, headers: bearer(a.token) });
    expect((await detail(a.contactId)).contact).toMatchObject({ name: "Bruno", nameGenerated: false });
    const b = await session({});
    const edit = await call(`/api/v1/contacts/${b.contactId}`, { method: "PATCH", json: { name: "Carla" }, client: agent });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((await detail(b.contactId)).contact).toMatchObject({ name: "Carla", nameGenerated: false });
  });

  it("leaves a contact's e-mail-only identify() with its generated name", async () => {
    const v = await session({});
    await call("/api/v1/widget/identify", { method: "POST", json: { id: `u-${crypto.randomUUID()}`, email: "x@example.com" }, headers: bearer(v.token) });
    expect((await detail(v.contactId)).contact).toMatchObject({ name: visitorName(v.contactId), nameGenerated: true, email: "x@example.com" });
  });
});

describe("visitor context", () => {
  it("captures the page, where they came from, browser and OS, and the edge's country, city and time zone", async () => {
    const v = await session(
      { context: { page: { url: "https://shop.example/shoes?size=40", title: "  Shoes ", referrer: "https://www.google.com/" } } },
      { userAgent: ANDROID_CHROME, cf: SAO_PAULO },
    );
    expect((await detail(v.contactId)).visitor).toMatchObject({
      pageUrl: "https://shop.example/shoes?size=40",
      pageTitle: "Shoes",
      referrer: "https://www.google.com/",
      browser: "Chrome 126",
      os: "Android 14",
      country: "BR",
      city: "São Paulo",
      timezone: "America/Sao_Paulo",
    });
  });

  it("prefers the browser's time zone to the one guessed from the address", async () => {
    const v = await session({ context: { timezone: "America/Manaus" } }, { cf: SAO_PAULO });
    expect((await detail(v.contactId)).visitor).toMatchObject({ timezone: "America/Manaus", country: "BR" });
  });

  it("ignores what the edge does not know (local development, XX, a bad zone)", async () => {
    const v = await session({}, { cf: { country: "XX", city: " ", timezone: "Not/AZone" } });
    expect((await detail(v.contactId)).visitor).toMatchObject({ country: null, city: null, timezone: null, pageUrl: null });
  });

  it("follows the visitor from page to page, keeping the site they came from", async () => {
    const v = await session({ context: { page: { url: "https://shop.example/", referrer: "https://news.example/review" } } });
    const moved = await call("/api/v1/widget/page", {
      method: "POST",
      json: { url: "https://shop.example/cart#step-2", title: "Cart", referrer: "https://shop.example/" },
      headers: bearer(v.token),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await detail(v.contactId)).visitor).toMatchObject({ pageUrl: "https://shop.example/cart#step-2", pageTitle: "Cart", referrer: "https://news.example/review" });
    // A full page load resumes the session with the new page: still no write per message.
    await session({ token: v.token, context: { page: { url: "https://shop.example/checkout" } } });
    expect((await detail(v.contactId)).visitor).toMatchObject({ pageUrl: "https://shop.example/checkout", pageTitle: null, referrer: "https://news.example/review" });
  });

  it("does not write the context for a message", async () => {
    const v = await session({ context: { page: { url: "https://shop.example/" } } });
    const before = (await detail(v.contactId)).visitor!.updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "hello", clientId: "ctx-1" }, headers: bearer(v.token) });
    expect((await detail(v.contactId)).visitor!.updatedAt).toBe(before);
  });

  it("refuses a page update without a visitor token", async () => {
    const res = await call("/api/v1/widget/page", { method: "POST", json: { url: "https://shop.example/" } });
    expect(res.status).toBe(401);
  });
});
