/**
 * The benchmark's floor: a bare Durable Object relay, one per conversation, that writes
 * each message to its SQLite and forwards it — what Switchboard's ConversationRoom does
 * before everything that follows a stored event. It speaks just enough of Switchboard's
 * HTTP and socket protocol (hello, send → ack + event, history's lastSeq) for the chat
 * benchmark to drive it with the same client. Never part of the production Worker: it
 * runs only under `npm run bench`, from ./relay.wrangler.toml.
 *
 * It is also the channel benchmark's floor (test/bench/channel-webhooks.ts):
 * `POST /webhooks/whatsapp/{inbox}` checks X-Hub-Signature-256 as Switchboard does (HMAC
 * of the raw bytes under BENCH_APP_SECRET, compared in constant time), parses the JSON,
 * and makes one SQLite write in one Durable Object per sender — the least any webhook
 * receiver that acks only after a durable write can do. The same for Telegram
 * (`/webhooks/telegram/{inbox}`: X-Telegram-Bot-Api-Secret-Token compared in constant
 * time with BENCH_TELEGRAM_SECRET, one object per chat) and Twilio
 * (`/webhooks/twilio/{inbox}`: X-Twilio-Signature's HMAC-SHA1 of the request URL and the
 * sorted form parameters under BENCH_TWILIO_AUTH_TOKEN, one object per sender, empty TwiML).
 * E-mail comes through `email()`, as wrangler dev hands it a message POSTed to
 * /cdn-cgi/handler/email: the raw message read whole, its header block split off and
 * Message-ID and From read, one write in the sender's object (nothing signs mail).
 */
import { DurableObject } from "cloudflare:workers";

interface RelayEnv {
  RELAY: DurableObjectNamespace<Relay>;
  /** The app secret the channel benchmark signs its webhooks with (`--var`). */
  BENCH_APP_SECRET?: string;
  /** The channel benchmark's Telegram secret_token and Twilio auth token (`--var`). */
  BENCH_TELEGRAM_SECRET?: string;
  BENCH_TWILIO_AUTH_TOKEN?: string;
}

export class Relay extends DurableObject<RelayEnv> {
  private lastSeq: number;
  private conversationId: string | null = null;

  constructor(ctx: DurableObjectState, env: RelayEnv) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    this.lastSeq = ctx.storage.sql.exec<{ s: number | null }>("SELECT max(seq) AS s FROM events").one().s ?? 0;
  }

  async lastSeqOf(): Promise<number> {
    return this.lastSeq;
  }

  /** The webhook floor's one durable write: the delivery as it came. */
  async storeDelivery(body: string): Promise<number> {
    const seq = ++this.lastSeq;
    this.ctx.storage.sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", seq, body);
    return seq;
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    this.conversationId = url.searchParams.get("conversation");
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [url.searchParams.get("role") ?? "contact"]);
    server.serializeAttachment({ role: url.searchParams.get("role"), conversationId: this.conversationId });
    server.send(JSON.stringify({ type: "hello", conversationId: this.conversationId, lastSeq: this.lastSeq }));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== "string") return;
    const frame = JSON.parse(message) as { type: string; clientId: string; body: string };
    if (frame.type !== "send") return;
    const { role, conversationId } = ws.deserializeAttachment() as { role: string; conversationId: string };
    const seq = ++this.lastSeq;
    const event = {
      type: "message",
      seq,
      id: crypto.randomUUID(),
      conversationId,
      at: Date.now(),
      actor: { type: role, id: null },
      kind: "text",
      body: frame.body,
      clientId: frame.clientId,
      providerMessageId: null,
      delivery: null,
    };
    const text = JSON.stringify({ type: "event", event });
    this.ctx.storage.sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", seq, text);
    ws.send(JSON.stringify({ type: "ack", clientId: frame.clientId, seq }));
    for (const other of this.ctx.getWebSockets()) other.send(text);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A signed WhatsApp delivery: verified, parsed, stored once in its sender's object. */
async function webhookFloor(request: Request, env: RelayEnv): Promise<Response> {
  const raw = await request.arrayBuffer();
  const header = /^sha256=([0-9a-f]{64})$/.exec(request.headers.get("X-Hub-Signature-256") ?? "");
  const key = await crypto.subtle.importKey("raw", utf8(env.BENCH_APP_SECRET ?? ""), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = [...new Uint8Array(await crypto.subtle.sign("HMAC", key, raw))].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (!header || !crypto.subtle.timingSafeEqual(utf8(header[1]!), utf8(expected))) return json({ error: { code: "unauthenticated", message: "bad signature" } }, 401);
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw);
  const body = JSON.parse(text) as { entry?: Array<{ changes?: Array<{ value?: { messages?: Array<{ from?: string }> } }> }> };
  const from = body.entry?.[0]?.changes?.[0]?.value?.messages?.[0]?.from;
  if (!from) return json({ ok: true });
  await env.RELAY.getByName(`wa:${from}`).storeDelivery(text);
  return json({ ok: true });
}

const unauthenticated = () => json({ error: { code: "unauthenticated", message: "bad signature" } }, 401);

/** Hashes both sides first, so the compare takes as long whatever length was sent. */
async function sameSecret(sent: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sent, expected].map((t) => crypto.subtle.digest("SHA-256", utf8(t))));
  return crypto.subtle.timingSafeEqual(a!, b!);
}

/** A Telegram update: the secret checked, parsed, stored once in its chat's object. */
async function telegramFloor(request: Request, env: RelayEnv): Promise<Response> {
  if (!env.BENCH_TELEGRAM_SECRET || !(await sameSecret(request.headers.get("X-Telegram-Bot-Api-Secret-Token") ?? "", env.BENCH_TELEGRAM_SECRET))) return unauthenticated();
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await request.arrayBuffer());
  const chat = (JSON.parse(text) as { message?: { chat?: { id?: number } } }).message?.chat?.id;
  if (chat === undefined) return json({ ok: true });
  await env.RELAY.getByName(`tg:${chat}`).storeDelivery(text);
  return json({ ok: true });
}

/** A Twilio SMS webhook: signature over the URL and sorted parameters, stored once in its sender's object. */
async function twilioFloor(request: Request, env: RelayEnv): Promise<Response> {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await request.arrayBuffer());
  const params = [...new URLSearchParams(text)].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const key = await crypto.subtle.importKey("raw", utf8(env.BENCH_TWILIO_AUTH_TOKEN ?? ""), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(request.url + params.map(([n, v]) => n + v).join(""))));
  const expected = btoa(String.fromCharCode(...mac));
  if (!env.BENCH_TWILIO_AUTH_TOKEN || !(await sameSecret(request.headers.get("X-Twilio-Signature") ?? "", expected))) return unauthenticated();
  const from = params.find(([n]) => n === "From")?.[1];
  if (from) await env.RELAY.getByName(`tw:${from}`).storeDelivery(text);
  return new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', { headers: { "Content-Type": "text/xml; charset=utf-8" } });
}

/** The least an e-mail receiver does: reads the whole message (as a MIME parser must),
 * finds the header block's end, reads Message-ID and From from the headers (unfolded),
 * and stores the headers once in the sender's object. Not a MIME parse: the floor. */
async function emailFloor(message: ForwardableEmailMessage, env: RelayEnv): Promise<void> {
  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  let end = raw.length;
  for (let i = 0; i + 3 < raw.length; i++) {
    if (raw[i] === 13 && raw[i + 1] === 10 && raw[i + 2] === 13 && raw[i + 3] === 10) {
      end = i;
      break;
    }
  }
  const headers = new TextDecoder().decode(raw.subarray(0, end)).replace(/\r\n[ \t]+/g, " ");
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(headers)?.[1]?.trim() ?? "";
  const messageId = field("Message-ID");
  if (!messageId) {
    message.setReject("no Message-ID");
    return;
  }
  await env.RELAY.getByName(`em:${message.from.toLowerCase()}`).storeDelivery(JSON.stringify({ messageId, from: field("From"), size: raw.length, headers }));
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

export default {
  async email(message: ForwardableEmailMessage, env: RelayEnv): Promise<void> {
    await emailFloor(message, env);
  },
  async fetch(request: Request, env: RelayEnv): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === "/api/health") return json({ ok: true });
    if (request.method === "POST" && path.startsWith("/webhooks/whatsapp/")) return webhookFloor(request, env);
    if (request.method === "POST" && path.startsWith("/webhooks/telegram/")) return telegramFloor(request, env);
    if (request.method === "POST" && path.startsWith("/webhooks/twilio/")) return twilioFloor(request, env);
    if (path === "/api/v1/setup") return json({}, 201, { "Set-Cookie": "sb_session=relay; Path=/" });
    if (path === "/api/v1/inboxes") return json({ id: "relay-inbox", publicKey: "relay" }, 201);
    if (path === "/api/v1/widget/sessions") {
      const id = crypto.randomUUID();
      return json({ token: id, contactId: id, conversationId: id });
    }
    if (path === "/api/v1/conversations") return json({ conversations: [], nextCursor: null });
    // The widget opens its socket with a ticket minted with its token; the relay checks
    // nothing, so the ticket is the token (the conversation id) itself.
    if (path === "/api/v1/widget/socket-tickets") return json({ ticket: request.headers.get("Authorization")?.replace(/^Bearer /, "") ?? "" });
    const socket = path === "/api/v1/widget/ws" ? { id: url.searchParams.get("ticket") ?? url.searchParams.get("token"), role: "contact" } : /^\/api\/v1\/conversations\/([^/]+)\/ws$/.exec(path)?.slice(1, 2).map((id) => ({ id, role: "agent" }))[0];
    if (socket?.id) {
      const target = new URL(`http://relay/?conversation=${socket.id}&role=${socket.role}`);
      return env.RELAY.getByName(socket.id).fetch(new Request(target, { headers: request.headers }));
    }
    const history = /^\/api\/v1\/conversations\/([^/]+)\/messages$/.exec(path);
    if (history) return json({ events: [], lastSeq: await env.RELAY.getByName(history[1]!).lastSeqOf(), more: false });
    return json({ error: { code: "not_found", message: "relay: no such route" } }, 404);
  },
};
