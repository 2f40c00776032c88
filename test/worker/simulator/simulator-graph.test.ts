/**
 * The stand-in Graph API: it answers the adapters' calls as Meta documents them (ids,
 * shapes, errors), checks the inbox's token, keeps each send as a bubble on the simulated
 * phone, hosts uploads, and plays down, throttling or refusing on request.
 */
import { describe, expect, it } from "vitest";
import { sim } from "./simulator-kit";
import { sampleInboxes, type Samples } from "./samples";

const GRAPH = "/dev/simulator/graph/v23.0";

async function thread(samples: Samples, kind: keyof Samples, customer: string) {
  const res = await sim(`/dev/simulator/api/thread?inbox=${samples[kind].inbox.id}&customer=${customer}`);
  expect(res.status, res.text).toBe(200);
  return res.body as { items: any[]; providerMode: string };
}

describe("WhatsApp's send API", () => {
  it("accepts a text send with the inbox's token, answers a wamid and shows it on the phone", async () => {
    const samples = await sampleInboxes();
    const wa = samples.whatsapp;
    const body = { messaging_product: "whatsapp", recipient_type: "individual", to: "5511900000001", type: "text", text: { body: "Olá! Como posso ajudar? 😊" }, biz_opaque_callback_data: "event-1" };
    const res = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: body, headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ messaging_product: "whatsapp", contacts: [{ input: "5511900000001", wa_id: "5511900000001" }], messages: [{ id: expect.stringMatching(/^wamid\.[\w-]{20,}$/) }] });
    const { items } = await thread(samples, "whatsapp", "5511900000001");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ direction: "out", providerMessageId: res.body.messages[0].id, text: "Olá! Como posso ajudar? 😊", receipt: null, callbackData: "event-1", replyTo: null });
    expect(JSON.parse(items[0].request)).toEqual(body);
  });

  it("takes a business-scoped user id in `recipient` for a customer without a phone number", async () => {
    const samples = await sampleInboxes();
    const wa = samples.whatsapp;
    const res = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: { messaging_product: "whatsapp", recipient: "BR.1502576394655843", type: "text", text: { body: "oi" } }, headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.contacts).toEqual([{ input: "BR.1502576394655843", user_id: "BR.1502576394655843" }]);
    expect((await thread(samples, "whatsapp", "BR.1502576394655843")).items.map((i) => i.text)).toEqual(["oi"]);
  });

  it("renders a sample template with its parameters, and keeps the quoted message", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const body = {
      messaging_product: "whatsapp",
      to: "5511900000002",
      type: "template",
      context: { message_id: "wamid.quoted" },
      template: { name: "order_update", language: { code: "pt_BR" }, components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "#77" }, { type: "text", text: "3 dias" }] }] },
    };
    const res = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: body, headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    expect(res.status, res.text).toBe(200);
    const { items } = await thread(await sampleInboxes(), "whatsapp", "5511900000002");
    expect(items[0]).toMatchObject({ text: "Olá Ana, seu pedido #77 foi enviado e chega em 3 dias.", replyTo: "wamid.quoted" });
  });

  it("refuses a wrong or missing token (190), an unknown phone number id (100/33) and a malformed send (100), keeping nothing", async () => {
    const samples = await sampleInboxes();
    const wa = samples.whatsapp;
    const body = { messaging_product: "whatsapp", to: "5511900000003", type: "text", text: { body: "hi" } };
    const wrong = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: body, headers: { Authorization: "Bearer not-the-token" } });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.type]).toEqual([401, 190, "OAuthException"]);
    const missing = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: body });
    expect([missing.status, missing.body.error.code]).toEqual([401, 190]);
    const unknown = await sim(`${GRAPH}/999999999999999/messages`, { method: "POST", json: body, headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.error_subcode]).toEqual([400, 100, 33]);
    const noText = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: { messaging_product: "whatsapp", to: "5511900000003", type: "text" }, headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    expect([noText.status, noText.body.error.code]).toEqual([400, 100]);
    expect(noText.body.error.message).toContain("text");
    expect((await thread(samples, "whatsapp", "5511900000003")).items).toEqual([]);
  });

  it("answers 500, 429 with Retry-After, or a permanent 400 while the page says the provider is down, throttling or refusing", async () => {
    const samples = await sampleInboxes();
    const wa = samples.whatsapp;
    const send = () => sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: { messaging_product: "whatsapp", to: "5511900000004", type: "text", text: { body: "hi" } }, headers: { Authorization: `Bearer ${wa.credentials.accessToken}` } });
    const mode = (m: string) => sim("/dev/simulator/api/provider-mode", { method: "POST", json: { inboxId: wa.inbox.id, mode: m } });

    expect((await mode("down")).status).toBe(200);
    const down = await send();
    expect([down.status, down.body.error.is_transient]).toEqual([500, true]);
    expect((await thread(samples, "whatsapp", "5511900000004")).providerMode).toBe("down");

    await mode("throttling");
    const throttled = await send();
    expect([throttled.status, throttled.body.error.code, throttled.headers.get("Retry-After")]).toEqual([429, 130429, "5"]);

    await mode("refusing");
    const refused = await send();
    expect([refused.status, refused.body.error.code]).toEqual([400, 131047]);
    expect((await thread(samples, "whatsapp", "5511900000004")).items).toEqual([]);

    await mode("healthy");
    expect((await send()).status).toBe(200);
    expect((await thread(samples, "whatsapp", "5511900000004")).items).toHaveLength(1);
  });

  it("takes an upload, answers its metadata to the inbox's token only, and serves the bytes as an inert attachment", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", "application/pdf");
    form.set("file", new File([new TextEncoder().encode("%PDF-1.4 hello")], "invoice.pdf", { type: "application/pdf" }));
    const auth = { Authorization: `Bearer ${wa.credentials.accessToken}` };
    const upload = await sim(`${GRAPH}/${wa.phoneNumberId}/media`, { method: "POST", body: form, headers: auth });
    expect(upload.status, upload.text).toBe(200);
    expect(upload.body.id).toMatch(/^\d+$/);

    const meta = await sim(`${GRAPH}/${upload.body.id}`, { headers: auth });
    expect(meta.status, meta.text).toBe(200);
    expect(meta.body).toMatchObject({ messaging_product: "whatsapp", mime_type: "application/pdf", file_size: 14, id: upload.body.id, url: `http://localhost:8787/dev/simulator/files/${upload.body.id}` });
    expect(meta.body.sha256).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await sim(`${GRAPH}/${upload.body.id}`, { headers: { Authorization: "Bearer other" } })).status).toBe(401);

    const file = await sim(meta.body.url);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(new TextEncoder().encode("%PDF-1.4 hello"));
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(file.headers.get("Content-Disposition")).toBe('attachment; filename="invoice.pdf"');
    expect(file.headers.get("Content-Security-Policy")).toContain("sandbox");

    const sent = await sim(`${GRAPH}/${wa.phoneNumberId}/messages`, { method: "POST", json: { messaging_product: "whatsapp", to: "5511900000005", type: "document", document: { id: upload.body.id, caption: "Sua fatura", filename: "invoice.pdf" } }, headers: auth });
    expect(sent.status, sent.text).toBe(200);
    const { items } = await thread(await sampleInboxes(), "whatsapp", "5511900000005");
    expect(items[0]).toMatchObject({ text: "Sua fatura", media: { url: meta.body.url, contentType: "application/pdf", name: "invoice.pdf" } });
  });

  it("lists the sample templates under the business account, and answers the phone number's fields", async () => {
    const { whatsapp: wa } = await sampleInboxes();
    const auth = { Authorization: `Bearer ${wa.credentials.accessToken}` };
    const templates = await sim(`${GRAPH}/${wa.businessAccountId}/message_templates?status=APPROVED`, { headers: auth });
    expect(templates.status, templates.text).toBe(200);
    const names = templates.body.data.map((t: any) => `${t.name}/${t.language}/${t.status}`);
    expect(names).toContain("order_update/pt_BR/APPROVED");
    expect(names).toContain("follow_up/es/APPROVED");
    expect(templates.body.data[0].components[0]).toMatchObject({ type: "BODY", text: expect.stringContaining("{{1}}") });

    const phone = await sim(`${GRAPH}/${wa.phoneNumberId}?fields=display_phone_number,verified_name`, { headers: auth });
    expect(phone.body).toEqual({ display_phone_number: "+1 555-010-0001", verified_name: "WhatsApp · simulator", id: wa.phoneNumberId });
    const nonexisting = await sim(`${GRAPH}/${wa.phoneNumberId}?fields=secret_stuff`, { headers: auth });
    expect([nonexisting.status, nonexisting.body.error.code]).toEqual([400, 100]);
  });
});

describe("the Messenger and Instagram Send API", () => {
  it("accepts sends to the page (also as /me) with the page token and answers recipient_id and message_id", async () => {
    const samples = await sampleInboxes();
    const fb = samples.messenger;
    const body = { recipient: { id: "7000000000000001" }, messaging_type: "RESPONSE", message: { text: "Oi! Tudo bem?", metadata: "event-9" } };
    const res = await sim(`${GRAPH}/${fb.pageId}/messages`, { method: "POST", json: body, headers: { Authorization: `Bearer ${fb.credentials.pageAccessToken}` } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ recipient_id: "7000000000000001", message_id: expect.stringMatching(/^m_[\w-]{40,}$/) });
    const viaMe = await sim(`${GRAPH}/me/messages?access_token=${fb.credentials.pageAccessToken}`, { method: "POST", json: { ...body, message: { text: "second" } } });
    expect(viaMe.status, viaMe.text).toBe(200);
    const nobody = await sim(`${GRAPH}/me/messages?access_token=not-a-page-token`, { method: "POST", json: body });
    expect([nobody.status, nobody.body.error.code]).toEqual([401, 190]);
    const { items } = await thread(samples, "messenger", "7000000000000001");
    expect(items.map((i) => i.text)).toEqual(["Oi! Tudo bem?", "second"]);

    const ig = samples.instagram;
    const igRes = await sim(`${GRAPH}/${ig.pageId}/messages`, { method: "POST", json: { recipient: { id: "17800000000000001" }, message: { text: "Hola 👋" } }, headers: { Authorization: `Bearer ${ig.credentials.pageAccessToken}` } });
    expect(igRes.status, igRes.text).toBe(200);
    expect((await thread(samples, "instagram", "17800000000000001")).items.map((i) => i.text)).toEqual(["Hola 👋"]);
  });

  it("takes a file sent with the message in one multipart call and shows it", async () => {
    const samples = await sampleInboxes();
    const fb = samples.messenger;
    const form = new FormData();
    form.set("recipient", JSON.stringify({ id: "7000000000000003" }));
    form.set("messaging_type", "RESPONSE");
    form.set("message", JSON.stringify({ attachment: { type: "file", payload: { is_reusable: false } }, metadata: "evt-7" }));
    form.set("filedata", new File([new TextEncoder().encode("%PDF-1.4 recibo")], "recibo.pdf", { type: "application/pdf" }));
    const res = await sim(`${GRAPH}/${fb.pageId}/messages`, { method: "POST", body: form, headers: { Authorization: `Bearer ${fb.credentials.pageAccessToken}` } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.message_id).toMatch(/^m_/);
    const [item] = (await thread(samples, "messenger", "7000000000000003")).items;
    expect(item.media).toMatchObject({ contentType: "application/pdf", name: "recibo.pdf" });
    expect((await sim(item.media.url)).text).toBe("%PDF-1.4 recibo");
    expect(JSON.parse(item.request)).toEqual({
      recipient: { id: "7000000000000003" },
      messaging_type: "RESPONSE",
      message: { attachment: { type: "file", payload: { is_reusable: false } }, metadata: "evt-7" },
      filedata: "<recibo.pdf, application/pdf, 15 bytes>",
    });
  });

  it("refuses MESSAGE_TAG without a tag and a message without text or attachment; a sender action shows nothing", async () => {
    const { messenger: fb } = await sampleInboxes();
    const auth = { Authorization: `Bearer ${fb.credentials.pageAccessToken}` };
    const untagged = await sim(`${GRAPH}/${fb.pageId}/messages`, { method: "POST", json: { recipient: { id: "7000000000000002" }, messaging_type: "MESSAGE_TAG", message: { text: "late" } }, headers: auth });
    expect([untagged.status, untagged.body.error.code]).toEqual([400, 100]);
    const empty = await sim(`${GRAPH}/${fb.pageId}/messages`, { method: "POST", json: { recipient: { id: "7000000000000002" }, message: {} }, headers: auth });
    expect(empty.status).toBe(400);
    const typing = await sim(`${GRAPH}/${fb.pageId}/messages`, { method: "POST", json: { recipient: { id: "7000000000000002" }, sender_action: "typing_on" }, headers: auth });
    expect([typing.status, typing.body]).toEqual([200, { recipient_id: "7000000000000002" }]);
    const tagged = await sim(`${GRAPH}/${fb.pageId}/messages`, { method: "POST", json: { recipient: { id: "7000000000000002" }, messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT", message: { text: "late" } }, headers: auth });
    expect(tagged.status).toBe(200);
    expect((await thread(await sampleInboxes(), "messenger", "7000000000000002")).items.map((i) => i.text)).toEqual(["late"]);
  });
});
