/**
 * The WhatsApp webhook route refusing what it must, through the real route: forged or
 * unverifiable deliveries (401), the wrong address (404), bodies that are not a webhook
 * (400 with the reason), and what it acknowledges without storing (a well-formed event we
 * do not handle) — each leaving D1 and the rooms as they were. Also Meta's GET handshake.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { insertInbox } from "../../../worker/db/inboxes";
import { metaSignatureOf } from "../../../worker/channels/meta/signature";
import { expectApiError } from "../assertions";
import { call, ORIGIN } from "../http-client";
import { storedRows } from "../stored-rows";
import { channelInbox, conversationsOf, db, post, postMetaSigned } from "./channel-world";
import { WA } from "./whatsapp-fixtures";
import { APP_SECRET, VERIFY_TOKEN, contactsOf, waInbox } from "./whatsapp-webhook-kit";

/** Asserts `act` left every D1 table and the inbox's conversations as they were. */
async function storesNothing(inboxId: string, act: () => Promise<void>) {
  const before = await storedRows();
  await act();
  expect(await storedRows()).toEqual(before);
  expect(await conversationsOf(inboxId)).toEqual([]);
  expect(await contactsOf(inboxId)).toEqual([]);
}

describe("POST /webhooks/whatsapp/{inbox}: refused deliveries store nothing", () => {
  it("a signature made with another secret: 401", async () => {
    const wa = await waInbox();
    await storesNothing(wa.inbox.id, async () => {
      expectApiError(await postMetaSigned(wa.path, wa.body(WA.pywaText), "not the app secret"), 401, "unauthenticated");
    });
  });

  it("the signature of the body before a byte changed: 401", async () => {
    const wa = await waInbox();
    const body = wa.body(WA.pywaText);
    const signature = `sha256=${await metaSignatureOf(new TextEncoder().encode(body), APP_SECRET)}`;
    await storesNothing(wa.inbox.id, async () => {
      expectApiError(await post(wa.path, body.replace("Body Text", "Body Test"), { "X-Hub-Signature-256": signature }), 401, "unauthenticated");
    });
  });

  it("no signature at all: 401", async () => {
    const wa = await waInbox();
    await storesNothing(wa.inbox.id, async () => {
      expectApiError(await post(wa.path, wa.body(WA.pywaText)), 401, "unauthenticated");
    });
  });

  it("no credentials on the inbox: 401, as a forgery (it cannot verify anything)", async () => {
    const id = crypto.randomUUID();
    await insertInbox(db, { id, kind: "whatsapp", name: "No secrets", settings: { phoneNumberId: "1122334455667" }, credentials: null, createdAt: Date.now() });
    await storesNothing(id, async () => {
      expectApiError(await postMetaSigned(`/webhooks/whatsapp/${id}`, WA.pywaText, APP_SECRET), 401, "unauthenticated");
    });
  });

  it("an inbox id that does not exist: 404", async () => {
    const id = crypto.randomUUID();
    await storesNothing(id, async () => {
      expectApiError(await postMetaSigned(`/webhooks/whatsapp/${id}`, WA.pywaText, APP_SECRET), 404, "inbox_not_found");
    });
  });

  it("an inbox of another kind (Messenger) at the WhatsApp address: 404, even signed with its own secret", async () => {
    const messenger = await channelInbox("messenger", { pageId: "1029384756", appId: "5647382910" }, { appSecret: APP_SECRET, pageAccessToken: "EAA-page", verifyToken: VERIFY_TOKEN });
    await storesNothing(messenger.id, async () => {
      expectApiError(await postMetaSigned(`/webhooks/whatsapp/${messenger.id}`, WA.pywaText, APP_SECRET), 404, "inbox_not_found");
    });
  });

  it("a body that is not JSON, properly signed: 400 with the reason", async () => {
    const wa = await waInbox();
    await storesNothing(wa.inbox.id, async () => {
      const res = await wa.deliver('{"object":"whatsapp_business_account","entry":[');
      expectApiError(res, 400, "validation_failed");
    });
  });

  it("JSON of the wrong shape, properly signed: 400 naming where", async () => {
    const wa = await waInbox();
    const wrong = wa.body(WA.pywaText).replace('"entry"', '"entries"');
    await storesNothing(wa.inbox.id, async () => {
      const res = await wa.deliver(wrong);
      expectApiError(res, 400, "validation_failed");
      expect(res.body.error.issues.map((i: { path: unknown[] }) => i.path[0])).toContain("entry");
    });
  });

  it("a message whose text is not a string: 400, nothing half-stored", async () => {
    const wa = await waInbox();
    const wrong = wa.body(WA.pywaText).replace(/"body":\s*"[^"]*"/, '"body": 42');
    expect(wrong).not.toBe(wa.body(WA.pywaText));
    await storesNothing(wa.inbox.id, async () => {
      expectApiError(await wa.deliver(wrong), 400, "validation_failed");
    });
  });

  it("bytes that are not UTF-8, properly signed: 400", async () => {
    const wa = await waInbox();
    const bytes = new Uint8Array([...new TextEncoder().encode('{"object":"whatsapp_business_account","entry":[]}'), 0xff, 0xfe]);
    const signature = `sha256=${await metaSignatureOf(bytes, APP_SECRET)}`;
    await storesNothing(wa.inbox.id, async () => {
      const res = await exports.default.fetch(new Request(ORIGIN + wa.path, { method: "POST", body: bytes, headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature } }));
      expectApiError({ status: res.status, body: await res.json(), headers: res.headers }, 400, "bad_request");
    });
  });
});

describe("POST /webhooks/whatsapp/{inbox}: well-formed events we do not handle", () => {
  it.each([
    ["a template status update", WA.templateStatusUpdate],
    ["an account update", WA.accountUpdateUnhandled],
    ["the business app syncing its contacts", WA.smbStateSyncUnhandled],
  ])("%s: 200 and nothing stored (so Meta does not retry it forever)", async (_, fixture) => {
    const wa = await waInbox();
    await storesNothing(wa.inbox.id, async () => {
      const res = await wa.send(fixture);
      expect(res).toMatchObject({ status: 200, body: { ok: true } });
    });
  });

  it("a change for another phone number of the same business account: 200 and nothing stored here", async () => {
    const wa = await waInbox();
    await storesNothing(wa.inbox.id, async () => {
      const res = await wa.deliver(WA.pywaText.replaceAll("1122334455667", "9998887776665"));
      expect(res).toMatchObject({ status: 200, body: { ok: true } });
    });
  });

  it("a receipt for a customer who never wrote: 200, and no contact or conversation made for it", async () => {
    const wa = await waInbox();
    await storesNothing(wa.inbox.id, async () => {
      expect(await wa.send(WA.pywaDelivered)).toMatchObject({ status: 200, body: { ok: true } });
    });
  });
});

describe("GET /webhooks/whatsapp/{inbox}: Meta's subscription handshake", () => {
  const handshake = (inboxId: string, token: string, challenge = "1158201444") =>
    call(`/webhooks/whatsapp/${inboxId}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=${challenge}`);

  it("the right verify token: the challenge echoed as text, 200", async () => {
    const wa = await waInbox();
    const res = await handshake(wa.inbox.id, VERIFY_TOKEN, "chal-1158201444");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(res.body).toBe("chal-1158201444");
  });

  it("a wrong verify token: 403", async () => {
    const wa = await waInbox();
    expectApiError(await handshake(wa.inbox.id, `${VERIFY_TOKEN}x`), 403, "forbidden");
  });

  it("an unknown inbox: 404", async () => {
    expectApiError(await handshake(crypto.randomUUID(), VERIFY_TOKEN), 404, "inbox_not_found");
  });

  it("an inbox without credentials: 401", async () => {
    const id = crypto.randomUUID();
    await insertInbox(db, { id, kind: "whatsapp", name: "No secrets", settings: { phoneNumberId: "1122334455667" }, credentials: null, createdAt: Date.now() });
    expectApiError(await handshake(id, VERIFY_TOKEN), 401, "unauthenticated");
  });
});
