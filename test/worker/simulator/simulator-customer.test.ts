/**
 * The simulated customer: what the page sends becomes the provider's documented webhook,
 * signed over its exact bytes with the inbox's app secret and delivered to the inbox's
 * webhook path; receipts for agent replies carry what the worker needs to match them.
 * (These tests catch the delivery in place of the worker's routes, to look at it; the
 * journey tests deliver to the real routes.)
 */
import { describe, expect, it } from "vitest";
import { verifyMetaSignature } from "../../../worker/channels/meta/signature";
import { capturingSimulator, LOCAL, sim } from "./simulator-kit";
import { sampleInboxes } from "./samples";

const GRAPH = "/dev/simulator/graph/v23.0";

async function expectSignedBy(delivery: { raw: string; headers: Headers }, appSecret: string) {
  const raw = new TextEncoder().encode(delivery.raw).buffer as ArrayBuffer;
  expect(delivery.headers.get("X-Hub-Signature-256")).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(await verifyMetaSignature(raw, delivery.headers, appSecret)).toBe(true);
  expect(await verifyMetaSignature(raw, delivery.headers, appSecret + "x")).toBe(false);
}

describe("sample inboxes", () => {
  it("creates one WhatsApp, Messenger, Instagram, Telegram, two Twilio and an e-mail inbox once, with sealed credentials, and lists them", async () => {
    const first = await sim("/dev/simulator/api/sample-inboxes", { method: "POST", json: {} });
    expect(first.status, first.text).toBe(201);
    expect(first.body.created.map((i: any) => i.kind)).toEqual(["whatsapp", "messenger", "instagram", "telegram", "sms", "sms", "email"]);
    expect(first.body.consoleUrl).toBe(`${LOCAL}/console/`);
    const again = await sim("/dev/simulator/api/sample-inboxes", { method: "POST", json: {} });
    expect([again.status, again.body.created, again.body.existing.map((i: any) => i.id)]).toEqual([200, [], first.body.created.map((i: any) => i.id)]);

    const samples = await sampleInboxes();
    for (const kind of ["whatsapp", "messenger", "instagram", "telegram", "sms", "twilioWhatsapp"] as const) {
      const { inbox, credentials } = samples[kind];
      expect(inbox.credentials).toMatch(/^v1\./);
      for (const secret of Object.values(credentials)) expect(inbox.credentials).not.toContain(secret);
    }
    for (const kind of ["whatsapp", "messenger", "instagram"] as const) expect(samples[kind].credentials.appSecret!.length).toBeGreaterThanOrEqual(32);
    // Telegram: a bot token's shape, and a webhook secret setWebhook accepts (1-256 of [A-Za-z0-9_-]).
    expect(samples.telegram.credentials.botToken).toMatch(/^7000000001:[A-Za-z0-9_-]{35}$/);
    expect(samples.telegram.credentials.webhookSecret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    // Twilio: "AC" + 32 hex and a 32-hex auth token, a different account for each sample.
    for (const kind of ["sms", "twilioWhatsapp"] as const) {
      expect(samples[kind].credentials.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
      expect(samples[kind].credentials.authToken).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(samples.sms.credentials.accountSid).not.toBe(samples.twilioWhatsapp.credentials.accountSid);
    expect([samples.sms.inbox.settings, samples.twilioWhatsapp.inbox.settings]).toEqual([
      { medium: "sms", from: "+15550100002", messagingServiceSid: "", publicBaseUrl: "", callbackOrigin: LOCAL, reopenWindowHours: 24 },
      { medium: "whatsapp", from: "+15550100003", messagingServiceSid: "", publicBaseUrl: "", callbackOrigin: LOCAL, reopenWindowHours: 24 },
    ]);
    const listed = await sim("/dev/simulator/api/inboxes");
    expect(listed.body.inboxes.map((i: any) => [i.kind, i.accountId, i.medium, i.problem])).toEqual([
      ["whatsapp", samples.whatsapp.phoneNumberId, null, null],
      ["messenger", samples.messenger.pageId, null, null],
      ["instagram", samples.instagram.pageId, null, null],
      ["telegram", "7000000001", null, null],
      ["sms", "+15550100002", "sms", null],
      ["sms", "+15550100003", "whatsapp", null],
      ["email", "suporte@example.com", null, null],
    ]);
    // E-mail: no credentials at all (Cloudflare hands the Worker its mail).
    expect([samples.email.inbox.credentials, samples.email.addresses]).toEqual([null, ["suporte@example.com", "financeiro@example.com"]]);
    expect(listed.text).not.toContain(samples.whatsapp.credentials.appSecret);
    for (const secret of [samples.telegram.credentials.botToken, samples.telegram.credentials.webhookSecret, samples.sms.credentials.authToken]) expect(listed.text).not.toContain(secret);
  });
});

describe("a WhatsApp customer", () => {
  it("writes text: a signed whatsapp_business_account webhook reaches /webhooks/whatsapp/{inbox}, and the phone shows it with the worker's answer", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const sim2 = capturingSimulator(() => Response.json({ received: 1 }, { status: 200 }));
    const res = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: wa.inbox.id, customer: { id: "5511987654321", name: "Maria Souza" }, message: { type: "text", text: "Olá, preciso de ajuda com meu pedido 📦" } } });
    expect(res.status, res.text).toBe(201);
    expect(sim2.delivered).toHaveLength(1);
    const [delivery] = sim2.delivered;
    expect(delivery!.url).toBe(`${LOCAL}/webhooks/whatsapp/${wa.inbox.id}`);
    await expectSignedBy(delivery!, wa.credentials.appSecret!);
    const value = delivery!.body.entry[0].changes[0].value;
    expect(delivery!.body.object).toBe("whatsapp_business_account");
    expect(delivery!.body.entry[0].id).toBe(wa.businessAccountId);
    expect(delivery!.body.entry[0].changes[0].field).toBe("messages");
    expect(value.metadata).toEqual({ display_phone_number: "15550100001", phone_number_id: wa.phoneNumberId });
    expect(value.contacts).toEqual([{ profile: { name: "Maria Souza" }, wa_id: "5511987654321" }]);
    expect(value.messages).toEqual([{ from: "5511987654321", id: res.body.item.providerMessageId, timestamp: String(Math.floor(res.body.item.at / 1000)), type: "text", text: { body: "Olá, preciso de ajuda com meu pedido 📦" } }]);
    expect(res.body.item).toMatchObject({ direction: "in", text: "Olá, preciso de ajuda com meu pedido 📦", webhook: { status: 200, body: '{"received":1}' } });
    expect(res.body.item.providerMessageId).toMatch(/^wamid\./);
    // The raw bytes are exactly what was signed: unicode is not re-escaped on the way.
    expect(delivery!.raw).toContain("📦");
  });

  it("sends a picture the worker can fetch back through the media API, a location, a button reply and a quoted reply", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const sim2 = capturingSimulator();
    const customer = { id: "5511911112222", name: "João" };
    const send = (message: unknown, replyTo: string | null = null) => sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: wa.inbox.id, customer, message, replyTo } });

    expect((await send({ type: "image", caption: "Veja a foto" })).status).toBe(201);
    const image = sim2.delivered[0]!.body.entry[0].changes[0].value.messages[0];
    expect(image).toMatchObject({ type: "image", image: { caption: "Veja a foto", mime_type: "image/png", id: expect.stringMatching(/^\d+$/) } });
    const meta = await sim(`${GRAPH}/${image.image.id}`, { headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    expect(meta.status, meta.text).toBe(200);
    expect(meta.body.sha256).toBe(image.image.sha256);
    const bytes = await sim(meta.body.url);
    expect([...bytes.bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);

    await send({ type: "location", latitude: -23.561414, longitude: -46.655881, name: "MASP", address: "Av. Paulista, 1578" });
    expect(sim2.delivered[1]!.body.entry[0].changes[0].value.messages[0]).toMatchObject({ type: "location", location: { latitude: -23.561414, longitude: -46.655881, name: "MASP", address: "Av. Paulista, 1578" } });

    await send({ type: "choice", id: "yes", title: "Sim" });
    expect(sim2.delivered[2]!.body.entry[0].changes[0].value.messages[0]).toMatchObject({ type: "interactive", interactive: { type: "button_reply", button_reply: { id: "yes", title: "Sim" } } });

    await send({ type: "text", text: "isso" }, "wamid.agentreply");
    expect(sim2.delivered[3]!.body.entry[0].changes[0].value.messages[0].context).toEqual({ from: "15550100001", id: "wamid.agentreply" });
  });

  it("without a phone number (a business-scoped user id) is sent as user_id / from_user_id only", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const sim2 = capturingSimulator();
    await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: wa.inbox.id, customer: { id: "BR.1502576394655843", name: "Bia" }, message: { type: "text", text: "oi" } } });
    const value = sim2.delivered[0]!.body.entry[0].changes[0].value;
    expect(value.contacts).toEqual([{ profile: { name: "Bia" }, user_id: "BR.1502576394655843" }]);
    expect(value.messages[0].from_user_id).toBe("BR.1502576394655843");
    expect(value.messages[0]).not.toHaveProperty("from");
  });

  it("sends delivered, read and failed statuses for an agent reply, with its wamid and callback data", async () => {
    const samples = await sampleInboxes();
    const wa = samples.whatsapp;
    const sent = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: { messaging_product: "whatsapp", to: "5511933334444", type: "text", text: { body: "Seu pedido saiu" }, biz_opaque_callback_data: "evt-42" }, headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    const wamid = sent.body.messages[0].id;
    const item = (await sim(`/dev/simulator/api/thread?inbox=${wa.inbox.id}&customer=5511933334444`)).body.items[0];
    const sim2 = capturingSimulator();
    for (const status of ["delivered", "read", "failed"]) {
      const res = await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: wa.inbox.id, customerId: "5511933334444", itemId: item.id, status } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.item).toMatchObject({ receipt: status, webhook: { status: 200 } });
    }
    const statuses = sim2.delivered.map((d) => d.body.entry[0].changes[0].value.statuses[0]);
    expect(statuses.map((s) => [s.id, s.status, s.recipient_id, s.biz_opaque_callback_data])).toEqual([
      [wamid, "delivered", "5511933334444", "evt-42"],
      [wamid, "read", "5511933334444", "evt-42"],
      [wamid, "failed", "5511933334444", "evt-42"],
    ]);
    expect(statuses[2].errors[0]).toMatchObject({ code: 131026, title: "Message undeliverable" });
    for (const d of sim2.delivered) await expectSignedBy(d, wa.credentials.appSecret!);
    const after = (await sim(`/dev/simulator/api/thread?inbox=${wa.inbox.id}&customer=5511933334444`)).body.items[0];
    expect(after.receipt).toBe("failed");
  });
});

describe("a Messenger or Instagram customer", () => {
  it("writes to the page: object page, the page as entry and recipient, the PSID as sender; quick replies and pictures as Meta sends them", async () => {
    const { messenger: fb } = await sampleInboxes();
    const sim2 = capturingSimulator();
    const customer = { id: "7100000000000001", name: "" };
    const res = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: fb.inbox.id, customer, message: { type: "text", text: "¿Tienen envío a Lima?" } } });
    expect(res.status, res.text).toBe(201);
    const [d] = sim2.delivered;
    expect(d!.url).toBe(`${LOCAL}/webhooks/meta/${fb.inbox.id}`);
    await expectSignedBy(d!, fb.credentials.appSecret!);
    expect(d!.body).toEqual({
      object: "page",
      entry: [{ id: fb.pageId, time: res.body.item.at, messaging: [{ sender: { id: customer.id }, recipient: { id: fb.pageId }, timestamp: res.body.item.at, message: { mid: res.body.item.providerMessageId, text: "¿Tienen envío a Lima?" } }] }],
    });

    await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: fb.inbox.id, customer, message: { type: "choice", id: "yes", title: "Sí" }, replyTo: "m_agent" } });
    expect(sim2.delivered[1]!.body.entry[0].messaging[0].message).toMatchObject({ text: "Sí", quick_reply: { payload: "yes" }, reply_to: { mid: "m_agent" } });

    await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: fb.inbox.id, customer, message: { type: "image" } } });
    const attachment = sim2.delivered[2]!.body.entry[0].messaging[0].message.attachments[0];
    expect(attachment.type).toBe("image");
    expect(attachment.payload.url).toMatch(/^http:\/\/localhost:8787\/dev\/simulator\/files\/\d+$/);
    expect((await sim(attachment.payload.url)).headers.get("Content-Type")).toBe("image/png");

    const location = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: fb.inbox.id, customer, message: { type: "location", latitude: 1, longitude: 2 } } });
    expect([location.status, location.body.error.code]).toEqual([400, "validation_failed"]);
    expect(sim2.delivered).toHaveLength(3);
  });

  it("sends delivery and read watermarks at the moment of the receipt (Messenger), and read by message id (Instagram)", async () => {
    const samples = await sampleInboxes();
    const fb = samples.messenger;
    const sent = await sim(`${GRAPH}/${fb.pageId}/messages`, { method: "POST", json: { recipient: { id: "7100000000000002" }, message: { text: "Enviamos sim!" } }, headers: { Authorization: `Bearer ${fb.credentials.pageAccessToken}` } });
    const mid = sent.body.message_id;
    const item = (await sim(`/dev/simulator/api/thread?inbox=${fb.inbox.id}&customer=7100000000000002`)).body.items[0];
    const sim2 = capturingSimulator();
    const before = Date.now();
    await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: fb.inbox.id, customerId: "7100000000000002", itemId: item.id, status: "delivered" } });
    await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: fb.inbox.id, customerId: "7100000000000002", itemId: item.id, status: "read" } });
    const [delivered, read] = sim2.delivered.map((d) => d.body.entry[0].messaging[0]);
    expect(delivered).toMatchObject({ sender: { id: "7100000000000002" }, recipient: { id: fb.pageId }, delivery: { mids: [mid] } });
    expect(delivered.delivery.watermark).toBeGreaterThanOrEqual(before);
    expect(delivered.delivery.watermark).toBeGreaterThanOrEqual(item.at);
    expect(read.read.watermark).toBeGreaterThanOrEqual(delivered.delivery.watermark);
    const failed = await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: fb.inbox.id, customerId: "7100000000000002", itemId: item.id, status: "failed" } });
    expect([failed.status, failed.body.error.code]).toEqual([400, "validation_failed"]);

    const ig = samples.instagram;
    const igSent = await sim(`${GRAPH}/${ig.pageId}/messages`, { method: "POST", json: { recipient: { id: "17800000000000002" }, message: { text: "Obrigada!" } }, headers: { Authorization: `Bearer ${ig.credentials.pageAccessToken}` } });
    const igItem = (await sim(`/dev/simulator/api/thread?inbox=${ig.inbox.id}&customer=17800000000000002`)).body.items[0];
    const noDelivery = await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: ig.inbox.id, customerId: "17800000000000002", itemId: igItem.id, status: "delivered" } });
    expect(noDelivery.status).toBe(400);
    await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: ig.inbox.id, customerId: "17800000000000002", itemId: igItem.id, status: "read" } });
    const igRead = sim2.delivered[2]!.body;
    expect(igRead.object).toBe("instagram");
    expect(igRead.entry[0].id).toBe(ig.instagramAccountId);
    expect(igRead.entry[0].messaging[0]).toMatchObject({ sender: { id: "17800000000000002" }, recipient: { id: ig.instagramAccountId }, read: { mid: igSent.body.message_id } });
    await expectSignedBy(sim2.delivered[2]!, ig.credentials.appSecret!);
  });
});

describe("the page's endpoints", () => {
  it("show the worker's refusal on the bubble (a 401 from the webhook is kept, not hidden)", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const sim2 = capturingSimulator(() => Response.json({ error: { code: "unauthenticated", message: "Bad signature." } }, { status: 401 }));
    const res = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: wa.inbox.id, customer: { id: "5511955556666" }, message: { type: "text", text: "hi" } } });
    expect(res.status).toBe(201);
    expect(res.body.item.webhook).toEqual({ status: 401, body: '{"error":{"code":"unauthenticated","message":"Bad signature."}}' });
  });

  it("refuse writes from another origin (403) or not in JSON (415), bad input (400) and unknown inboxes or replies (404), delivering nothing", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const sim2 = capturingSimulator();
    const body = JSON.stringify({ inboxId: wa.inbox.id, customer: { id: "5511977778888" }, message: { type: "text", text: "hi" } });
    const cross = await sim2.call("/dev/simulator/api/messages", { method: "POST", body, headers: { "Content-Type": "application/json", Origin: "https://evil.example" } });
    expect([cross.status, cross.body.error.code]).toEqual([403, "csrf_rejected"]);
    const plain = await sim2.call("/dev/simulator/api/messages", { method: "POST", body, headers: { "Content-Type": "text/plain" } });
    expect([plain.status, plain.body.error.code]).toEqual([415, "unsupported_media_type"]);
    const bad = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: wa.inbox.id, customer: { id: "../../etc" }, message: { type: "text", text: "" } } });
    expect([bad.status, bad.body.error.code, bad.body.error.issues.length]).toEqual([400, "validation_failed", 2]);
    const malformed = await sim2.call("/dev/simulator/api/messages", { method: "POST", body: "{nope", headers: { "Content-Type": "application/json" } });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, "malformed_json"]);
    const noInbox = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: "nope", customer: { id: "5511977778888" }, message: { type: "text", text: "hi" } } });
    expect([noInbox.status, noInbox.body.error.code]).toEqual([404, "inbox_not_found"]);
    const noItem = await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: wa.inbox.id, customerId: "5511977778888", itemId: "000-none", status: "read" } });
    expect([noItem.status, noItem.body.error.code]).toEqual([404, "message_not_found"]);
    expect(sim2.delivered).toEqual([]);
  });
});
