/**
 * The simulated Twilio customer (SMS, MMS, WhatsApp through Twilio) and the stand-in
 * Twilio API: form-encoded webhooks signed with X-Twilio-Signature over the public URL
 * and the sorted parameters (checked against twilio-node's vectors), STOP/START and their
 * effect on sends, status callbacks to the StatusCallback URL, the Messages API with
 * basic auth and Twilio's errors, media URLs, and the provider modes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import vectors from "../../fixtures/channels/twilio/twilio-node_validation_spec_vectors.json";
import { twilioSignatureOf } from "../../../worker/simulator/twilio-webhooks";
import { capturingSimulator, LOCAL, sim } from "./simulator-kit";
import { sampleInboxes, type Samples } from "./samples";

type Twilio = Samples["sms"];

const basic = (t: Twilio, token = t.credentials.authToken!) => `Basic ${btoa(`${t.credentials.accountSid}:${token}`)}`;
const messagesUrl = (t: Twilio) => `/dev/simulator/twilio/2010-04-01/Accounts/${t.credentials.accountSid}/Messages.json`;

function create(t: Twilio, params: Record<string, string | string[]>, auth = basic(t)) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of [value].flat()) form.append(name, v);
  return sim(messagesUrl(t), { method: "POST", body: form, headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" } });
}

/** The delivery's signature checks out over its URL and parameters, and not over another
 * URL or with one parameter changed. */
async function expectSigned(delivery: { url: string; raw: string; headers: Headers }, authToken: string) {
  const params = [...new URLSearchParams(delivery.raw)];
  const signature = delivery.headers.get("X-Twilio-Signature");
  expect(delivery.headers.get("Content-Type")).toMatch(/^application\/x-www-form-urlencoded/);
  expect(signature).toBe(await twilioSignatureOf(authToken, delivery.url, params));
  expect(signature).not.toBe(await twilioSignatureOf(authToken, delivery.url.replace("/webhooks/", "/webhook/"), params));
  expect(signature).not.toBe(await twilioSignatureOf(authToken, delivery.url, params.map(([k, v]) => [k, k === "Body" || k === "MessageStatus" ? `${v}!` : v] as [string, string])));
}

async function writer(t: Twilio, customerId: string, name = "Maria Souza") {
  const sim2 = capturingSimulator(() => new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', { headers: { "Content-Type": "text/xml" } }));
  const send = async (message: unknown) => {
    const res = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: t.inbox.id, customer: { id: customerId, name }, message } });
    expect(res.status, res.text).toBe(201);
    return res.body.item;
  };
  return { sim2, send };
}

describe("Twilio's signature", () => {
  it("matches twilio-node's test vectors (the URL with its query and port, then the sorted parameters)", async () => {
    const params = Object.entries(vectors.defaultParams);
    expect(await twilioSignatureOf(vectors.token, vectors.requestUrl, params)).toBe(vectors.defaultSignature);
    expect(await twilioSignatureOf(vectors.token, vectors.httpUrlWithPort1234Signature.url, params)).toBe(vectors.httpUrlWithPort1234Signature.signature);
    expect(await twilioSignatureOf(vectors.token, vectors.requestUrlWithHash, [])).toBe(vectors.requestUrlWithHashSignature);
  });
});

describe("an SMS customer", () => {
  it("writes text: a signed form POST reaches /webhooks/twilio/{inbox} with Twilio's parameters, and the phone shows the TwiML answer", async () => {
    const { sms } = await sampleInboxes();
    const { sim2, send } = await writer(sms, "5511987654321");
    const item = await send({ type: "text", text: "Olá, meu pedido atrasou — ação urgente!" });
    const [delivery] = sim2.delivered;
    expect(delivery!.url).toBe(`${LOCAL}/webhooks/twilio/${sms.inbox.id}`);
    await expectSigned(delivery!, sms.credentials.authToken!);
    expect(delivery!.body).toEqual({
      SmsMessageSid: item.providerMessageId,
      NumMedia: "0",
      SmsSid: item.providerMessageId,
      SmsStatus: "received",
      Body: "Olá, meu pedido atrasou — ação urgente!",
      To: "+15550100002",
      NumSegments: "1",
      MessageSid: item.providerMessageId,
      AccountSid: sms.credentials.accountSid,
      From: "+5511987654321",
      ApiVersion: "2010-04-01",
    });
    expect(item.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(item.webhook).toEqual({ status: 200, body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' });
    expect(delivery!.headers.get("User-Agent")).toBe("TwilioProxy/1.1");
  });

  it("sends the sample picture as MMS: MediaUrl0 on the stand-in API redirects to the file; wrong credentials are refused", async () => {
    const { sms } = await sampleInboxes();
    const { sim2, send } = await writer(sms, "5511911112222");
    const item = await send({ type: "image", caption: "foto do produto" });
    const params = sim2.delivered[0]!.body;
    expect(item.providerMessageId).toMatch(/^MM[0-9a-f]{32}$/);
    expect(params).toMatchObject({ MessageSid: item.providerMessageId, NumMedia: "1", MediaContentType0: "image/png", Body: "foto do produto" });
    expect(params.MediaUrl0).toMatch(new RegExp(`^${LOCAL}/dev/simulator/twilio/2010-04-01/Accounts/${sms.credentials.accountSid}/Messages/${item.providerMessageId}/Media/ME\\d{32}$`));
    await expectSigned(sim2.delivered[0]!, sms.credentials.authToken!);
    const media = await sim(params.MediaUrl0, { headers: { Authorization: basic(sms) }, redirect: "manual" });
    expect(media.status).toBe(307);
    const file = await sim(media.headers.get("Location")!);
    expect([file.status, file.headers.get("Content-Type"), [...file.bytes.slice(1, 4)]]).toEqual([200, "image/png", [80, 78, 71]]);
    expect((await sim(params.MediaUrl0, { redirect: "manual" })).status).toBe(307);
    expect((await sim(params.MediaUrl0, { headers: { Authorization: basic(sms, "wrong") }, redirect: "manual" })).status).toBe(401);
  });

  it("sends STOP (OptOutType STOP: the Messages API then refuses 21610) and START (sends go out again); SAIR is the worker's to read", async () => {
    const { sms } = await sampleInboxes();
    const { sim2, send } = await writer(sms, "5511933334444");
    await send({ type: "text", text: "STOP" });
    expect(sim2.delivered[0]!.body).toMatchObject({ Body: "STOP", OptOutType: "STOP" });
    const refused = await create(sms, { To: "+5511933334444", From: "+15550100002", Body: "volte!" });
    expect([refused.status, refused.body]).toEqual([400, { code: 21610, message: "Attempt to send to unsubscribed recipient", more_info: "https://www.twilio.com/docs/errors/21610", status: 400 }]);
    await send({ type: "text", text: "start" });
    expect(sim2.delivered[1]!.body).toMatchObject({ Body: "start", OptOutType: "START" });
    expect((await create(sms, { To: "+5511933334444", From: "+15550100002", Body: "bem-vinda" })).status).toBe(201);
    await send({ type: "text", text: "SAIR" });
    expect(sim2.delivered[2]!.body).not.toHaveProperty("OptOutType");
    expect((await create(sms, { To: "+5511933334444", From: "+15550100002", Body: "ok" })).status).toBe(201);
  });

  it("signs over the inbox's publicBaseUrl when it has one (a custom domain)", async () => {
    const { sms } = await sampleInboxes();
    await env.DB.prepare("UPDATE inboxes SET settings = ? WHERE id = ?").bind(JSON.stringify({ ...sms.inbox.settings, publicBaseUrl: "https://support.example.com" }), sms.inbox.id).run();
    const { sim2, send } = await writer(sms, "5511955556666");
    await send({ type: "text", text: "oi" });
    expect(sim2.delivered[0]!.url).toBe(`https://support.example.com/webhooks/twilio/${sms.inbox.id}`);
    await expectSigned(sim2.delivered[0]!, sms.credentials.authToken!);
  });

  it("refuses what an SMS customer cannot send here (a location, a button, a non-phone id), delivering nothing", async () => {
    const { sms } = await sampleInboxes();
    const sim2 = capturingSimulator();
    const send = (customer: string, message: unknown) => sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: sms.inbox.id, customer: { id: customer }, message } });
    const answers = [await send("5511900000000", { type: "location", latitude: 1, longitude: 2 }), await send("5511900000000", { type: "choice", id: "y", title: "Y" }), await send("maria", { type: "text", text: "hi" })];
    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual(Array(3).fill([400, "validation_failed"]));
    expect(sim2.delivered).toEqual([]);
  });
});

describe("a WhatsApp customer through Twilio", () => {
  it("writes with whatsapp: addresses, ProfileName and WaId; STOP is plain text there", async () => {
    const { twilioWhatsapp: wa } = await sampleInboxes();
    const { sim2, send } = await writer(wa, "5511987654321", "Maria Souza");
    await send({ type: "text", text: "STOP" });
    expect(sim2.delivered[0]!.body).toMatchObject({ From: "whatsapp:+5511987654321", To: "whatsapp:+15550100003", ProfileName: "Maria Souza", WaId: "5511987654321", MessageType: "text", Body: "STOP" });
    expect(sim2.delivered[0]!.body).not.toHaveProperty("OptOutType");
    await expectSigned(sim2.delivered[0]!, wa.credentials.authToken!);
    expect((await create(wa, { To: "whatsapp:+5511987654321", From: "whatsapp:+15550100003", Body: "Olá!" })).status).toBe(201);
  });
});

describe("the stand-in Messages API", () => {
  it("creates a message with basic auth: 201 Message resource, the bubble on the phone, its StatusCallback kept", async () => {
    const { sms } = await sampleInboxes();
    const callback = `${LOCAL}/webhooks/twilio/${sms.inbox.id}/status`;
    const res = await create(sms, { To: "+5511900000001", From: "+15550100002", Body: "Olá! Seu pedido saiu para entrega.", StatusCallback: callback });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      account_sid: sms.credentials.accountSid,
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: "queued",
      direction: "outbound-api",
      to: "+5511900000001",
      from: "+15550100002",
      body: "Olá! Seu pedido saiu para entrega.",
      num_segments: "1",
      num_media: "0",
      error_code: null,
    });
    expect(res.text).not.toContain(sms.credentials.authToken);
    const thread = await sim(`/dev/simulator/api/thread?inbox=${sms.inbox.id}&customer=5511900000001`);
    expect(thread.body.items).toEqual([expect.objectContaining({ direction: "out", providerMessageId: res.body.sid, text: "Olá! Seu pedido saiu para entrega.", callbackData: callback })]);
    expect(JSON.parse(thread.body.items[0].request)).toEqual({ To: "+5511900000001", From: "+15550100002", Body: "Olá! Seu pedido saiu para entrega.", StatusCallback: callback });
  });

  it("counts segments as Twilio bills them (GSM-7 160/153, UCS-2 70/67) and takes media URLs", async () => {
    const { sms } = await sampleInboxes();
    const segments = async (Body: string) => (await create(sms, { To: "+5511900000002", From: "+15550100002", Body })).body.num_segments;
    expect([await segments("a".repeat(160)), await segments("a".repeat(161)), await segments("a".repeat(306)), await segments("a".repeat(307))]).toEqual(["1", "2", "2", "3"]);
    expect([await segments("é".repeat(160)), await segments("€".repeat(80)), await segments("€".repeat(81))]).toEqual(["1", "1", "2"]);
    expect([await segments("ã".repeat(70)), await segments("ã".repeat(71)), await segments("😊".repeat(35)), await segments("😊".repeat(36))]).toEqual(["1", "2", "1", "2"]);
    const mms = await create(sms, { To: "+5511900000002", From: "+15550100002", MediaUrl: ["https://files.example.com/a.png", "https://files.example.com/b.png"] });
    expect([mms.status, mms.body.sid.slice(0, 2), mms.body.num_media]).toEqual([201, "MM", "2"]);
  });

  it("refuses without or with wrong credentials (20003), and what Twilio refuses, keeping nothing", async () => {
    const { sms, twilioWhatsapp } = await sampleInboxes();
    const ok = { To: "+5511900000003", From: "+15550100002", Body: "hi" };
    const unauth = [await create(sms, ok, ""), await create(sms, ok, basic(sms, "wrong")), await create(sms, ok, basic(twilioWhatsapp, twilioWhatsapp.credentials.authToken))];
    expect(unauth.map((r) => [r.status, r.body.code])).toEqual(Array(3).fill([401, 20003]));
    const refused = [
      await create(sms, { From: "+15550100002", Body: "hi" }),
      await create(sms, { To: "+5511900000003", From: "+15550100002" }),
      await create(sms, { ...ok, Body: "x".repeat(1601) }),
      await create(sms, { ...ok, From: "+15559999999" }),
      await create(sms, { ...ok, To: "whatsapp:+5511900000003" }),
      await create(sms, { To: "+5511900000003", MessagingServiceSid: `MG${"0".repeat(32)}`, Body: "hi" }),
      await create(sms, { ...ok, MediaUrl: "ftp://x" }),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual([
      [400, 21604],
      [400, 21602],
      [400, 21617],
      [400, 21606],
      [400, 21910],
      [400, 21701],
      [400, 21620],
    ]);
    expect((await create(sms, { ...ok, Body: "x".repeat(1600) })).status).toBe(201);
    expect((await sim(`/dev/simulator/api/thread?inbox=${sms.inbox.id}&customer=5511900000003`)).body.items).toHaveLength(1);
  });

  it("answers the account (never its auth token) to its own credentials only", async () => {
    const { sms } = await sampleInboxes();
    const url = `/dev/simulator/twilio/2010-04-01/Accounts/${sms.credentials.accountSid}.json`;
    const res = await sim(url, { headers: { Authorization: basic(sms) } });
    expect(res.body).toMatchObject({ sid: sms.credentials.accountSid, friendly_name: "SMS · simulator", status: "active", type: "Full" });
    expect(res.text).not.toContain(sms.credentials.authToken);
    expect((await sim(url, { headers: { Authorization: basic(sms, "nope") } })).status).toBe(401);
    expect((await sim("/dev/simulator/twilio/2010-04-01/Nothing.json")).body.code).toBe(20404);
  });

  it("learns an account no inbox holds yet on its first call (connect checks credentials before the inbox is saved), then refuses another token", async () => {
    const sid = `AC${"ab".repeat(16)}`;
    const auth = (token: string) => ({ Authorization: `Basic ${btoa(`${sid}:${token}`)}` });
    const first = await sim(`/dev/simulator/twilio/2010-04-01/Accounts/${sid}.json`, { headers: auth("first-token") });
    expect([first.status, first.body.sid, first.body.friendly_name]).toEqual([200, sid, "Simulated account"]);
    expect((await sim(`/dev/simulator/twilio/2010-04-01/Accounts/${sid}.json`, { headers: auth("first-token") })).status).toBe(200);
    expect((await sim(`/dev/simulator/twilio/2010-04-01/Accounts/${sid}.json`, { headers: auth("other-token") })).status).toBe(401);
    // It has no numbers yet: a send names a From it does not own.
    const form = new URLSearchParams({ To: "+5511900000009", From: "+15550100002", Body: "hi" });
    const send = await sim(`/dev/simulator/twilio/2010-04-01/Accounts/${sid}/Messages.json`, { method: "POST", body: form, headers: { ...auth("first-token"), "Content-Type": "application/x-www-form-urlencoded" } });
    expect([send.status, send.body.code]).toEqual([400, 21606]);
  });

  it("answers 500, 429 with Retry-After, or 400 21610 while the page says down, throttling or refusing", async () => {
    const { sms } = await sampleInboxes();
    const mode = (m: string) => sim("/dev/simulator/api/provider-mode", { method: "POST", json: { inboxId: sms.inbox.id, mode: m } });
    const ok = { To: "+5511900000004", From: "+15550100002", Body: "hi" };
    await mode("down");
    expect([(await create(sms, ok)).status, (await create(sms, ok)).body.code]).toEqual([500, 20500]);
    await mode("throttling");
    const throttled = await create(sms, ok);
    expect([throttled.status, throttled.body.code, throttled.headers.get("Retry-After")]).toEqual([429, 20429, "5"]);
    await mode("refusing");
    expect([(await create(sms, ok)).status, (await create(sms, ok)).body.code]).toEqual([400, 21610]);
    await mode("healthy");
    expect((await create(sms, ok)).status).toBe(201);
    expect((await sim(`/dev/simulator/api/thread?inbox=${sms.inbox.id}&customer=5511900000004`)).body.items).toHaveLength(1);
  });
});

describe("status callbacks", () => {
  it("go to the send's StatusCallback URL, signed over it: delivered, then undelivered with ErrorCode 30003 for Failed; SMS has no read", async () => {
    const { sms } = await sampleInboxes();
    const callback = `${LOCAL}/webhooks/twilio/${sms.inbox.id}/status`;
    const sent = await create(sms, { To: "+5511900000005", From: "+15550100002", Body: "hi", StatusCallback: callback });
    const item = (await sim(`/dev/simulator/api/thread?inbox=${sms.inbox.id}&customer=5511900000005`)).body.items[0];
    const sim2 = capturingSimulator(() => new Response("<Response/>", { headers: { "Content-Type": "text/xml" } }));
    const receipt = (status: string) => sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: sms.inbox.id, customerId: "5511900000005", itemId: item.id, status } });
    expect((await receipt("delivered")).status).toBe(200);
    expect(sim2.delivered[0]!.url).toBe(callback);
    await expectSigned(sim2.delivered[0]!, sms.credentials.authToken!);
    expect(sim2.delivered[0]!.body).toEqual({ SmsSid: sent.body.sid, SmsStatus: "delivered", MessageStatus: "delivered", To: "+5511900000005", MessageSid: sent.body.sid, AccountSid: sms.credentials.accountSid, From: "+15550100002", ApiVersion: "2010-04-01" });
    const failed = await receipt("failed");
    expect(sim2.delivered[1]!.body).toMatchObject({ MessageStatus: "undelivered", ErrorCode: "30003" });
    expect(failed.body.item.receipt).toBe("failed");
    expect([(await receipt("read")).status, sim2.delivered]).toEqual([400, expect.any(Array)]);
    expect(sim2.delivered).toHaveLength(2);
  });

  it("go to the inbox's status path when the send named none; WhatsApp through Twilio reports read", async () => {
    const { twilioWhatsapp: wa } = await sampleInboxes();
    const sent = await create(wa, { To: "whatsapp:+5511900000006", From: "whatsapp:+15550100003", Body: "hi" });
    expect(sent.status, sent.text).toBe(201);
    const item = (await sim(`/dev/simulator/api/thread?inbox=${wa.inbox.id}&customer=5511900000006`)).body.items[0];
    expect(item.callbackData).toBeNull();
    const sim2 = capturingSimulator();
    const res = await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: wa.inbox.id, customerId: "5511900000006", itemId: item.id, status: "read" } });
    expect(res.status, res.text).toBe(200);
    expect(sim2.delivered[0]!.url).toBe(`${LOCAL}/webhooks/twilio/${wa.inbox.id}/status`);
    expect(sim2.delivered[0]!.body).toMatchObject({ MessageSid: sent.body.sid, MessageStatus: "read", To: "whatsapp:+5511900000006", From: "whatsapp:+15550100003" });
    await expectSigned(sim2.delivered[0]!, wa.credentials.authToken!);
  });
});
