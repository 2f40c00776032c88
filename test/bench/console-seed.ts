/**
 * Seeds the console benchmark's 5,000 conversations straight into local D1, before the
 * Worker starts.
 *
 * Why not through the API: every conversation is a Durable Object, and a visitor session,
 * a few messages and the projection each cost several requests; thousands of them would
 * take minutes and measure the seeding more than the console. The console's list and
 * search read D1 only, so D1 rows shaped exactly like the rooms' projection
 * (worker/db/projection.ts) are what the list sees in production: contacts with their
 * channel identity, conversation rows (status, preview, times, last_seq), and each
 * conversation's messages with the stored event JSON. The FTS triggers of
 * migrations/0002_console.sql index them as they are inserted, as they would the
 * projection's own inserts.
 *
 * What these rows lack is a room: opening one shows an empty timeline (a room with no
 * events is created on first use). So the benchmark also creates a few dozen
 * conversations through the real API after the server starts, newer than all of these,
 * and times switching between those.
 *
 * The SQL goes through `wrangler d1 execute DB --local --persist-to <state> --file`,
 * after the migrations and before `wrangler dev` opens the database.
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runWrangler } from "./server.ts";

export interface SeedOptions {
  conversations: number;
  /** Messages per conversation (customer and agent alternating, customer first). */
  messagesEach: number;
  /** The newest seeded activity; real conversations created later sort above. */
  newestAt: number;
}

export interface SeedResult {
  conversations: number;
  messages: number;
  open: number;
  sqlBytes: number;
  ms: number;
}

/** The seeded inboxes: several channels, as an omnichannel team's list has. Web chat
 * gets no public key so no widget can open a session on it. */
const INBOXES = [
  { id: randomUUID(), kind: "webchat", name: "Seeded web chat", priority: 50 },
  { id: randomUUID(), kind: "whatsapp", name: "Seeded WhatsApp", priority: 40 },
  { id: randomUUID(), kind: "email", name: "Seeded e-mail", priority: 20 },
] as const;

const FIRST = ["Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Heitor", "Isabela", "João", "Karen", "Lucas", "Mariana", "Nicolás", "Olivia", "Paulo", "Renata", "Samuel", "Tatiane", "Vinícius"];
const LAST = ["Silva", "Souza", "Oliveira", "Santos", "Pereira", "Costa", "Almeida", "Nunes", "Ribeiro", "Smith", "García", "Müller"];
const CUSTOMER = [
  "Olá, meu pedido #{n} ainda não chegou. Podem verificar?",
  "Hi, I was charged twice for order {n}. Can you refund one of them?",
  "Não consigo acessar minha conta desde ontem, aparece erro de senha.",
  "Can I change the delivery address for order {n}?",
  "Vocês têm previsão de reposição do tamanho M?",
  "The app crashes when I open the invoices page.",
];
const AGENT = [
  "Oi! Vou verificar o pedido {n} agora mesmo.",
  "Sorry about that! I've opened a refund request for order {n}.",
  "Claro, posso ajudar. Já enviei um link para redefinir a senha.",
  "Done, the new address is on the order.",
];
/** Who answered in the seeded messages. Only a snapshot in the event (like any event's
 * actor): agent rows cannot be seeded, since owner setup works only while there are none,
 * so the seeded conversations are all unassigned. */
const SEED_AGENTS = [
  { id: "seed-agent-1", name: "Bia (seed)" },
  { id: "seed-agent-2", name: "Caio (seed)" },
];

/** D1 rejects statements over 100 KB (https://developers.cloudflare.com/d1/platform/limits/). */
const ROWS_PER_INSERT = 100;
const PREVIEW_CHARS = 140;

const q = (v: string | number | null): string => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);

function inserts(table: string, columns: string[], rows: (string | number | null)[][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => `(${r.map(q).join(",")})`);
    out.push(`INSERT INTO ${table} (${columns.join(",")}) VALUES\n${values.join(",\n")};`);
  }
  return out;
}

/** Deterministic variety: the n-th pick of a list. */
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

export function seedSql(o: SeedOptions): { sql: string; messages: number; open: number } {
  const DAY = 86_400_000;
  const inboxRows = INBOXES.map((i) => [i.id, i.kind, i.name, null, i.priority, "{}", null, null, o.newestAt - 60 * DAY]);
  const contacts: (string | number | null)[][] = [];
  const identities: (string | number | null)[][] = [];
  const conversations: (string | number | null)[][] = [];
  const messages: (string | number | null)[][] = [];
  let open = 0;

  for (let n = 0; n < o.conversations; n++) {
    const inbox = pick(INBOXES, n);
    const contactId = randomUUID();
    const conversationId = randomUUID();
    const name = `${pick(FIRST, n * 7)} ${pick(LAST, n * 3)}`;
    const email = `${name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(" ", ".")}.${n}@example.com`;
    const phone = `+55 11 9${String(10_000_000 + n).slice(-8, -4)}-${String(n).padStart(4, "0").slice(-4)}`;
    // Spread over the last 30 days, newest first by n, all older than `newestAt`.
    const lastAt = o.newestAt - Math.floor((n * 30 * DAY) / o.conversations) - 1_000;
    const createdAt = lastAt - o.messagesEach * 90_000;
    const status = n % 20 === 7 ? "snoozed" : n % 5 === 2 || n % 5 === 4 ? "resolved" : "open";
    if (status === "open") open++;
    const externalId = inbox.kind === "webchat" ? randomUUID() : inbox.kind === "whatsapp" ? phone.replace(/\D/g, "") : email;

    contacts.push([contactId, name, inbox.kind === "whatsapp" ? null : email, inbox.kind === "email" ? null : phone, 0, "{}", createdAt]);
    identities.push([randomUUID(), contactId, inbox.kind === "webchat" ? `webchat:${inbox.id}` : inbox.kind, externalId, null, createdAt]);

    let preview = "";
    let firstResponseAt: number | null = null;
    for (let seq = 1; seq <= o.messagesEach; seq++) {
      const fromContact = seq % 2 === 1;
      const at = createdAt + seq * 90_000;
      const body = pick(fromContact ? CUSTOMER : AGENT, n + seq).replace("{n}", String(10_000 + n));
      const agent = pick(SEED_AGENTS, n);
      const actor = fromContact ? { type: "contact", id: contactId, name } : { type: "agent", id: agent.id, name: agent.name };
      const id = randomUUID();
      const event = { type: "message", seq, id, conversationId, at, actor, kind: "text", body, clientId: null, providerMessageId: null, delivery: fromContact ? null : "delivered" };
      messages.push([conversationId, seq, id, fromContact ? "in" : "out", actor.type, actor.id, "text", body, JSON.stringify(event), null, null, event.delivery, at]);
      if (!fromContact) firstResponseAt ??= at;
      preview = body.slice(0, PREVIEW_CHARS);
    }
    conversations.push([
      conversationId, inbox.id, contactId, null, null, status, inbox.priority, createdAt, firstResponseAt,
      status === "resolved" ? lastAt : null, lastAt, status === "snoozed" ? o.newestAt + 7 * DAY : null, o.messagesEach, preview,
    ]);
  }

  const statements = [
    ...inserts("inboxes", ["id", "kind", "name", "team_id", "priority", "settings", "public_key", "identity_secret", "created_at"], inboxRows),
    ...inserts("contacts", ["id", "name", "email", "phone", "priority", "attributes", "created_at"], contacts),
    ...inserts("contact_identities", ["id", "contact_id", "kind", "external_id", "verified_at", "created_at"], identities),
    ...inserts(
      "conversations",
      ["id", "inbox_id", "contact_id", "team_id", "assignee_id", "status", "priority", "created_at", "first_response_at", "resolved_at", "last_activity_at", "snoozed_until", "last_seq", "last_message_preview"],
      conversations,
    ),
    ...inserts(
      "messages",
      ["conversation_id", "seq", "id", "direction", "sender_type", "sender_id", "kind", "body", "event", "provider_message_id", "client_id", "delivery_status", "created_at"],
      messages,
    ),
  ];
  return { sql: statements.join("\n"), messages: messages.length, open };
}

/** Writes the seed SQL beside the state and runs it against the local D1 in `persistDir`. */
export async function seedConsoleConversations(appDir: string, persistDir: string, o: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const { sql, messages, open } = seedSql(o);
  const file = join(persistDir, "..", "console-seed.sql");
  await writeFile(file, sql);
  await runWrangler(appDir, ["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file, "--yes"], 180_000);
  return { conversations: o.conversations, messages, open, sqlBytes: Buffer.byteLength(sql), ms: performance.now() - started };
}
