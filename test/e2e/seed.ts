/**
 * @module Seeds a fresh Worker over HTTP, the way the console would: owner setup, then a
 * web chat inbox. For tests whose subject is not the setup screens.
 */

export interface Seeded {
  publicKey: string;
  inboxId: string;
  /** `Cookie` header value of the owner's session. */
  cookie: string;
}

export const SEED_OWNER = { name: "Ana Owner", email: "ana@example.com", password: "correct horse battery" };

export async function seedOwnerAndInbox(baseUrl: string): Promise<Seeded> {
  // Cookie-authenticated writes must come from the site's own origin (CSRF guard).
  const headers = { "Content-Type": "application/json", Origin: baseUrl };
  const setup = await fetch(`${baseUrl}/api/v1/setup`, { method: "POST", headers, body: JSON.stringify(SEED_OWNER) });
  if (setup.status !== 201) throw new Error(`POST /api/v1/setup: ${setup.status} ${await setup.text()}`);
  const session = setup.headers.getSetCookie().find((c) => c.startsWith("sb_session="));
  if (!session) throw new Error("POST /api/v1/setup set no sb_session cookie");
  const cookie = session.split(";")[0]!;

  const inbox = await fetch(`${baseUrl}/api/v1/inboxes`, {
    method: "POST",
    headers: { ...headers, Cookie: cookie },
    body: JSON.stringify({ kind: "webchat", name: "Website" }),
  });
  if (inbox.status !== 201) throw new Error(`POST /api/v1/inboxes: ${inbox.status} ${await inbox.text()}`);
  const { id: inboxId, publicKey } = (await inbox.json()) as { id: string; publicKey: string | null };
  if (!publicKey) throw new Error("the new web chat inbox has no public key");
  return { publicKey, inboxId, cookie };
}
