/**
 * Twilio replies and what comes back about them, through the real routes and the room's
 * delivery queue: STOP (and its Portuguese variants) opts the customer out and agents'
 * replies are refused until START/VOLTAR; status callbacks out of order end in the right
 * state; a send retried after 500 and 429 goes out once, never twice after success.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { agentReplies, deliveriesOf, makeDueNow, queueRows } from "../channel-room-kit";
import { owner } from "../fixtures";
import { ORIGIN, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { eventsOf, messagesIn } from "./channel-world";
import { onlyConversation, projectedRows } from "./whatsapp-webhook-kit";
import { createdAnswer, MESSAGES, messageSid, TW, TWILIO, twilioError, twInbox, withParams, type TwInbox } from "./twilio-kit";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

/** The customer writes `body` (a fresh MessageSid); answers the conversation id. */
async function customerWrites(tw: TwInbox, body: string): Promise<string> {
  const res = await tw.deliver(withParams(TW.sms, { Body: body, MessageSid: messageSid() }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (await onlyConversation(tw.inbox.id)).id;
}

async function statusCallback(tw: TwInbox, sid: string, status: string, errorCode?: string) {
  const form = withParams(TW.status.sent, { MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, ...(errorCode ? { ErrorCode: errorCode } : {}) });
  const res = await tw.deliver(form, { path: tw.statusPath });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
}

const statusesOf = async (conversationId: string, seq: number) => deliveriesOf(await eventsOf(boss, conversationId), seq).map((d) => (d.error ? `${d.status}: ${d.error}` : d.status));

async function sentReply(conversationId: string, body: string): Promise<number> {
  const res = await agentReplies(boss, conversationId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const seq = res.body.seq as number;
  await eventually(async () => expect(messagesIn(await eventsOf(boss, conversationId)).find((m) => m.seq === seq)!.finalDelivery).toBe("sent"));
  return seq;
}

describe("opting out and back in", () => {
  it.each(["STOP", "Sair", "  parar ", "CANCELAR", "unsubscribe", "párar"])("%j: stored as the customer's message, then the agent's reply is refused 422 recipient_unreachable", async (keyword) => {
    const tw = await twInbox();
    const twilio = fakeProvider(TWILIO).on("POST", MESSAGES, [], createdAnswer(messageSid()));
    await customerWrites(tw, "Oi");
    const conversationId = await customerWrites(tw, keyword);
    const events = await eventsOf(boss, conversationId);
    expect(messagesIn(events).map((m) => m.body)).toEqual(["Oi", keyword]);
    expect(events.filter((e) => e.type === "reachability")).toEqual([expect.objectContaining({ reachable: false, reason: "opted_out" })]);
    const refused = await agentReplies(boss, conversationId, "Posso ajudar?");
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("recipient_unreachable");
    expect(twilio.calls).toHaveLength(0);
  });

  it("START or VOLTAR opts back in: replies go out again", async () => {
    const tw = await twInbox();
    const twilio = fakeProvider(TWILIO).on("POST", MESSAGES, [createdAnswer("SMabab0000000000000000000000000001"), createdAnswer("SMabab0000000000000000000000000002")]);
    const conversationId = await customerWrites(tw, "STOP");
    await customerWrites(tw, "Voltar");
    await sentReply(conversationId, "Bem-vindo de volta!");
    await customerWrites(tw, "stop");
    expect((await agentReplies(boss, conversationId, "Tchau")).status).toBe(422);
    await customerWrites(tw, "START");
    await sentReply(conversationId, "Oi de novo");
    expect(twilio.callsTo("POST", MESSAGES).map((c) => new URLSearchParams(c.body).get("Body"))).toEqual(["Bem-vindo de volta!", "Oi de novo"]);
  });

  it("a STOP redelivered changes nothing more: one message, one reachability event", async () => {
    const tw = await twInbox();
    const form = withParams(TW.sms, { Body: "STOP", MessageSid: messageSid() });
    expect((await tw.deliver(form)).status).toBe(200);
    expect((await tw.deliver(form)).status).toBe(200);
    const conversationId = (await onlyConversation(tw.inbox.id)).id;
    const events = await eventsOf(boss, conversationId);
    expect(messagesIn(events)).toHaveLength(1);
    expect(events.filter((e) => e.type === "reachability")).toHaveLength(1);
  });
});

describe("status callbacks", () => {
  it("out of order (read, delivered, sent): ends read, in the room and in D1", async () => {
    const tw = await twInbox();
    const sid = messageSid();
    fakeProvider(TWILIO).on("POST", MESSAGES, [createdAnswer(sid)]);
    const conversationId = await customerWrites(tw, "Oi");
    const seq = await sentReply(conversationId, "Seu pedido saiu 🚚");
    await statusCallback(tw, sid, "read");
    await statusCallback(tw, sid, "delivered");
    await statusCallback(tw, sid, "sent");
    await statusCallback(tw, sid, "queued");
    expect(await statusesOf(conversationId, seq)).toEqual(["sent", "read"]);
    await projectedRows(conversationId, (rows) => expect(rows.find((r) => r.seq === seq)).toMatchObject({ delivery_status: "read", provider_message_id: sid }));
  });

  it("undelivered: failed with Twilio's error code, and final", async () => {
    const tw = await twInbox();
    const sid = messageSid();
    fakeProvider(TWILIO).on("POST", MESSAGES, [createdAnswer(sid)]);
    const conversationId = await customerWrites(tw, "Oi");
    const seq = await sentReply(conversationId, "Olá");
    await statusCallback(tw, sid, "undelivered", "30003");
    await statusCallback(tw, sid, "delivered");
    expect(await statusesOf(conversationId, seq)).toEqual(["sent", "failed: Twilio error 30003"]);
  });

  it("the reply's StatusCallback is the inbox's status hook", async () => {
    const tw = await twInbox();
    const twilio = fakeProvider(TWILIO).on("POST", MESSAGES, [createdAnswer(messageSid())]);
    const conversationId = await customerWrites(tw, "Oi");
    await sentReply(conversationId, "Olá");
    expect(new URLSearchParams(twilio.calls[0]!.body).get("StatusCallback")).toBe(`http://localhost${tw.statusPath}`);
  });
});

describe("retries", () => {
  it("after a 500 and a 429 the reply goes out once, and never again after success", async () => {
    const tw = await twInbox();
    const sid = messageSid();
    const twilio = fakeProvider(TWILIO).on("POST", MESSAGES, [twilioError(500, 20500, "Internal Server Error"), twilioError(429, 20429, "Too Many Requests", { "Retry-After": "1" }), createdAnswer(sid)]);
    const conversationId = await customerWrites(tw, "Oi");
    const res = await agentReplies(boss, conversationId, "Já verifico");
    expect(res.status).toBe(201);
    const room = env.CONVERSATION_ROOM.getByName(conversationId);
    await eventually(async () => expect((await queueRows(conversationId))[0]?.last_error).toBe("Twilio error 20500: Internal Server Error"));
    await makeDueNow(conversationId);
    await runDurableObjectAlarm(room);
    await eventually(async () => expect((await queueRows(conversationId))[0]?.last_error).toBe("Twilio error 20429: Too Many Requests"));
    await makeDueNow(conversationId);
    await runDurableObjectAlarm(room);
    await eventually(async () => expect(await statusesOf(conversationId, res.body.seq)).toEqual(["sent"]));
    expect(await queueRows(conversationId)).toEqual([]);
    await runDurableObjectAlarm(room);
    expect(twilio.callsTo("POST", MESSAGES)).toHaveLength(3);
  });

  it("a 4xx fails the reply with Twilio's reason, sent once", async () => {
    const tw = await twInbox();
    const twilio = fakeProvider(TWILIO).on("POST", MESSAGES, [twilioError(400, 21610, "Attempt to send to unsubscribed recipient")]);
    const conversationId = await customerWrites(tw, "Oi");
    const res = await agentReplies(boss, conversationId, "Olá");
    await eventually(async () => expect(await statusesOf(conversationId, res.body.seq)).toEqual([expect.stringMatching(/^failed: the customer has opted out .*21610/)]));
    expect(twilio.calls).toHaveLength(1);
  });
});

describe("files", () => {
  it("an agent's file goes as a signed MediaUrl Twilio can fetch without a session, for that file only", async () => {
    const tw = await twInbox();
    const twilio = fakeProvider(TWILIO).on("POST", MESSAGES, [createdAnswer(messageSid())]);
    const conversationId = await customerWrites(tw, "Manda o boleto?");
    const pdf = "%PDF-1.4 boleto";
    const up = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/conversations/${conversationId}/uploads`, { method: "POST", headers: { "Content-Type": "application/pdf", "X-File-Name": "boleto.pdf", Origin: ORIGIN, Cookie: boss.cookie! }, body: pdf }),
    );
    expect(up.status).toBe(201);
    const file = (await up.json()) as { id: string };
    const reply = await agentReplies(boss, conversationId, "Segue o boleto", { attachmentIds: [file.id] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    await eventually(async () => expect(twilio.calls).toHaveLength(1));
    const [mediaUrl] = new URLSearchParams(twilio.calls[0]!.body).getAll("MediaUrl");
    expect(mediaUrl).toMatch(new RegExp(`^${ORIGIN}/api/v1/widget/files/${file.id}\\?exp=\\d+&sig=`));
    const fetched = await exports.default.fetch(new Request(mediaUrl!));
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe(pdf);
    const forged = await exports.default.fetch(new Request(mediaUrl!.replace(file.id, crypto.randomUUID())));
    expect(forged.status).toBe(403);
  });
});
