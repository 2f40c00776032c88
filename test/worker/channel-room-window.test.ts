import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "./assertions";
import { owner } from "./fixtures";
import { openSocket } from "./socket-harness";
import { fakeProvider } from "./provider-fake";
import { GRAPH, agentReplies, customerText, deliveryOf, messagesOf, queueRows, wamid, whatsappConversation } from "./channel-room-kit";
import { sentAnswer } from "./channels/whatsapp-kit";
import { windowVerdict } from "../../worker/conversation/service-window";
import type { ServiceWindow } from "../../worker/channels/types";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A WhatsApp conversation whose customer last wrote `ago` ms ago (null: never). */
async function customerWrote(ago: number | null) {
  const boss = await owner();
  const c = await whatsappConversation();
  if (ago !== null) await c.ingest([customerText("oi", wamid(), { providerAt: Date.now() - ago })]);
  const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [], sentAnswer("wamid.window"));
  return { boss, c, graph };
}

describe("WhatsApp's 24-hour customer-service window", () => {
  it("refuses a free-form reply 25 hours after the customer's last message: 422, nothing stored, nothing sent", async () => {
    const { boss, c, graph } = await customerWrote(25 * HOUR);
    const res = await agentReplies(boss, c.conversationId, "ainda precisa de ajuda?");
    expectApiError(res, 422, "outside_service_window");
    expect(res.body.error.message).toMatch(/more than 1 day ago.*only an approved template can be sent/);
    expect(messagesOf(await c.history()).map((m) => m.body)).toEqual(["oi"]);
    expect(await queueRows(c.conversationId)).toEqual([]);
    await runDurableObjectAlarm(c.room);
    expect(graph.calls).toHaveLength(0);
  });

  it("refuses a reply when the customer never wrote on the channel", async () => {
    const { boss, c } = await customerWrote(null);
    const res = await agentReplies(boss, c.conversationId, "olá");
    expectApiError(res, 422, "outside_service_window");
    expect(res.body.error.message).toMatch(/has not written on this channel yet/);
  });

  it("lets an approved template go out after the window, stored with a readable body and sent as the template", async () => {
    const { boss, c, graph } = await customerWrote(3 * DAY);
    const template = { name: "pedido_atualizado", language: "pt_BR", parameters: ["Maria", "#1234"] };
    const res = await agentReplies(boss, c.conversationId, "", { template });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const seq = res.body.seq as number;
    const message = messagesOf(await c.history()).find((m) => m.seq === seq)!;
    expect(message).toMatchObject({ body: "[template: pedido_atualizado]", content: { type: "template", ...template }, delivery: "pending" });
    await eventually(async () => expect(deliveryOf(await c.history(), seq)).toBe("sent"));
    const payload = JSON.parse(graph.callsTo("POST", c.sendPath)[0]!.body);
    expect(payload).toMatchObject({ type: "template", template: { name: "pedido_atualizado", language: { code: "pt_BR" } } });
  });

  it("allows a reply within the window and a private note at any time", async () => {
    const { boss, c } = await customerWrote(23 * HOUR);
    expect((await agentReplies(boss, c.conversationId, "claro!")).status).toBe(201);
    const late = await customerWrote(30 * DAY);
    expect((await agentReplies(late.boss, late.c.conversationId, "lembrar de ligar", { kind: "note" })).status).toBe(201);
  });

  it("refuses a socket send frame outside the window with an error frame naming the message", async () => {
    const { boss, c } = await customerWrote(2 * DAY);
    const ws = await openSocket(`/api/v1/conversations/${c.conversationId}/ws?after=0`, boss);
    ws.send({ type: "send", clientId: "late-1", body: "oi de novo" });
    await ws.until((frames) => frames.some((f) => f.type === "error"));
    expect(ws.frames.find((f) => f.type === "error")).toMatchObject({ type: "error", code: "outside_service_window", clientId: "late-1" });
    expect(ws.acks()).toEqual([]);
    expect(messagesOf(await c.history())).toHaveLength(1);
    ws.close();
  });
});

describe("replies that quote a message (replyToSeq)", () => {
  it("stores the quoted seq and provider id, and the send quotes it", async () => {
    const { boss, c, graph } = await customerWrote(HOUR);
    const quoted = messagesOf(await c.history())[0]!;
    const res = await agentReplies(boss, c.conversationId, "sobre isso:", { replyToSeq: quoted.seq });
    expect(res.status).toBe(201);
    const reply = messagesOf(await c.history()).find((m) => m.seq === res.body.seq)!;
    expect(reply.replyTo).toEqual({ seq: quoted.seq, providerMessageId: quoted.providerMessageId });
    await eventually(async () => expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1));
    expect(JSON.parse(graph.callsTo("POST", c.sendPath)[0]!.body).context).toEqual({ message_id: quoted.providerMessageId });
  });

  it("refuses a replyToSeq that is not a message of the conversation: 404, nothing stored", async () => {
    const { boss, c } = await customerWrote(HOUR);
    expectApiError(await agentReplies(boss, c.conversationId, "?", { replyToSeq: 99 }), 404, "message_not_found");
    expect(messagesOf(await c.history())).toHaveLength(1);
  });
});

describe("the window rule (windowVerdict)", () => {
  const now = Date.UTC(2026, 4, 10, 12);
  const whatsapp: ServiceWindow = { replyMs: DAY, templates: true };
  // Messenger and Instagram with Meta's Human Agent feature (the page's humanAgentTag).
  const humanAgent: ServiceWindow = { replyMs: DAY, extendedMs: 7 * DAY, extendedTag: "HUMAN_AGENT", templates: false };
  const messenger: ServiceWindow = { replyMs: DAY, templates: false };

  it("Messenger with HUMAN_AGENT: free within 24 hours, tagged up to 7 days, refused after", () => {
    expect(windowVerdict(humanAgent, now - HOUR, now, false)).toEqual({ ok: true, tag: null });
    expect(windowVerdict(humanAgent, now - 3 * DAY, now, false)).toEqual({ ok: true, tag: "HUMAN_AGENT" });
    expect(windowVerdict(humanAgent, now - 7 * DAY, now, false)).toEqual({ ok: true, tag: "HUMAN_AGENT" });
    const late = windowVerdict(humanAgent, now - 7 * DAY - 1, now, false);
    expect(late).toEqual({ ok: false, message: expect.stringMatching(/more than 7 days ago.*after they write again/) });
    // No templates on Messenger: a template does not open the window.
    expect(windowVerdict(humanAgent, now - 8 * DAY, now, true).ok).toBe(false);
  });

  it("Messenger without the feature: 24 hours, then refused", () => {
    expect(windowVerdict(messenger, now - DAY, now, false)).toEqual({ ok: true, tag: null });
    expect(windowVerdict(messenger, now - DAY - 1, now, false).ok).toBe(false);
  });

  it("WhatsApp: templates at any time, nothing else after 24 hours or before the customer wrote", () => {
    expect(windowVerdict(whatsapp, now - 2 * DAY, now, true)).toEqual({ ok: true, tag: null });
    expect(windowVerdict(whatsapp, now - 2 * DAY, now, false).ok).toBe(false);
    expect(windowVerdict(whatsapp, null, now, false)).toEqual({ ok: false, message: expect.stringMatching(/not written on this channel yet/) });
    expect(windowVerdict(null, null, now, false)).toEqual({ ok: true, tag: null });
  });
});
