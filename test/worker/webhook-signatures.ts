/**
 * The check every signed provider webhook (access "signed-webhook" in route-table.ts)
 * must pass. A provider calls us with no session and no visitor token: only its signature,
 * made with the secret the inbox shares with it, says the delivery is real. From one
 * delivery the route accepts, the check derives the forgeries it must refuse — unsigned,
 * each signature header missing, empty or altered, the signature of another body, a
 * session cookie or visitor token in place of a signature — and sends each.
 *
 * It returns what went wrong instead of asserting, so webhook-signatures.test.ts can show
 * it catches broken verifiers (run against a test-only app) as well as pass a sound one.
 */
import { ErrorBody } from "../../worker/protocol";

/** How a provider signs its deliveries to one route, for a test to sign like it. */
export interface WebhookSigning<F = unknown> {
  /** A delivery the route accepts, as the provider sends it: raw body and Content-Type. */
  delivery: (f: F) => { body: string; contentType: string };
  /** The headers the provider sends with `body` to `url`, signed with the secret the
   * test environment shares with the route. */
  sign: (body: string, url: string, f: F) => Promise<Record<string, string>>;
  /** Whether the signature covers the body (an HMAC of the payload, like Meta's
   * X-Hub-Signature-256), so the old signature on a changed body must be refused too. A
   * shared-secret header (like Telegram's X-Telegram-Bot-Api-Secret-Token) does not. */
  coversBody: boolean;
  /** The status of the properly signed delivery. */
  ok: number;
}

export interface WebhookTarget<F> {
  method: "POST" | "PUT";
  /** Absolute URL of the route (the signature may cover it, as Twilio's does). */
  url: string;
  signing: WebhookSigning<F>;
  fixture: F;
}

/** Credentials that are not the provider's signature, sent in its place. */
export interface Impostor {
  label: string;
  headers: Record<string, string>;
}

type Send = (request: Request) => Promise<Response>;

interface Forgery {
  label: string;
  body: string;
  headers: Record<string, string>;
}

/** `value` with its middle character changed: the middle, as a changed final base64
 * character can decode to the same bytes (padding bits). */
function altered(value: string): string {
  const i = Math.floor(value.length / 2);
  return value.slice(0, i) + (value[i] === "a" ? "b" : "a") + value.slice(i + 1);
}

async function forgeries<F>(target: WebhookTarget<F>, impostors: Impostor[]): Promise<Forgery[]> {
  const { signing, url, fixture } = target;
  const { body, contentType } = signing.delivery(fixture);
  const signed = await signing.sign(body, url, fixture);
  const plain = { "Content-Type": contentType };
  const without = (name: string) => Object.fromEntries(Object.entries(signed).filter(([k]) => k !== name));
  const list: Forgery[] = [{ label: "no signature", body, headers: plain }];
  for (const name of Object.keys(signed)) {
    if (Object.keys(signed).length > 1) list.push({ label: `no ${name}`, body, headers: { ...plain, ...without(name) } });
    list.push({ label: `an empty ${name}`, body, headers: { ...plain, ...signed, [name]: "" } });
    list.push({ label: `${name} with a character changed`, body, headers: { ...plain, ...signed, [name]: altered(signed[name]!) } });
  }
  if (signing.coversBody) {
    const other = `${body} `;
    list.push({ label: "the signature of another body", body, headers: { ...plain, ...(await signing.sign(other, url, fixture)) } });
    list.push({ label: "a body changed after signing", body: other, headers: { ...plain, ...signed } });
  }
  for (const impostor of impostors) list.push({ label: `${impostor.label} instead of a signature`, body, headers: { ...plain, ...impostor.headers } });
  return list;
}

/**
 * Sends every forgery of `target`'s delivery, then the delivery properly signed, and
 * returns what went wrong (empty when all is well): a forgery answered with anything but
 * 401/403 and the JSON error shape (a 5xx included), a forgery that changed `stored()`,
 * or the signed delivery refused — so a route that refuses everything cannot pass.
 */
export async function signatureFailures<F>(send: Send, target: WebhookTarget<F>, opts: { stored?: () => Promise<unknown>; impostors?: Impostor[] } = {}): Promise<string[]> {
  const failures: string[] = [];
  const snapshot = async () => JSON.stringify((await opts.stored?.()) ?? null);
  for (const forgery of await forgeries(target, opts.impostors ?? [])) {
    const before = await snapshot();
    const res = await send(new Request(target.url, { method: target.method, headers: forgery.headers, body: forgery.body }));
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: reported below
    }
    if (res.status !== 401 && res.status !== 403) failures.push(`${forgery.label}: answered ${res.status}, not 401 or 403`);
    else if (!ErrorBody.safeParse(json).success) failures.push(`${forgery.label}: answered ${text.slice(0, 80)}, not the error shape`);
    if ((await snapshot()) !== before) failures.push(`${forgery.label}: stored something`);
  }
  const { body, contentType } = target.signing.delivery(target.fixture);
  const headers = { "Content-Type": contentType, ...(await target.signing.sign(body, target.url, target.fixture)) };
  const res = await send(new Request(target.url, { method: target.method, headers, body }));
  await res.body?.cancel();
  if (res.status !== target.signing.ok) failures.push(`the properly signed delivery: answered ${res.status}, not ${target.signing.ok}`);
  return failures;
}
