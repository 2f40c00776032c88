/**
 * A Twilio inbox through the inbox API: the account is checked at Twilio before anything
 * is saved (422 provider_refused and nothing written when Twilio refuses), the origin it
 * was saved from is remembered for the StatusCallback and media links, the credentials
 * are never returned, and the webhook URL shown is Twilio's path.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { owner } from "../fixtures";
import { call, ORIGIN, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { ACCOUNT, ACCOUNT_SID, AUTH_TOKEN, TWILIO, twilioError } from "./twilio-kit";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

const body = (settings: Record<string, unknown> = {}) => ({
  kind: "sms",
  name: `Twilio ${crypto.randomUUID().slice(0, 6)}`,
  settings: { from: "+14155550100", ...settings },
  credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
});

const inboxCount = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM inboxes WHERE kind = 'sms'").first<{ n: number }>())!.n;

describe("creating a Twilio inbox", () => {
  it("checks the account, remembers the origin, returns no secret", async () => {
    const twilio = fakeProvider(TWILIO).on("GET", ACCOUNT, [Response.json({ friendly_name: "Loja", status: "active" })]);
    const res = await call("/api/v1/inboxes", { method: "POST", json: body(), client: boss });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(twilio.calls).toHaveLength(1);
    expect(res.body.settings).toMatchObject({ medium: "sms", from: "+14155550100", messagingServiceSid: "", publicBaseUrl: "", callbackOrigin: ORIGIN });
    expect(JSON.stringify(res.body)).not.toContain(AUTH_TOKEN);
    expect(JSON.stringify(res.body)).toContain(`/webhooks/twilio/${res.body.id}`);
  });

  it("refused by Twilio: 422 provider_refused, nothing saved", async () => {
    fakeProvider(TWILIO).on("GET", ACCOUNT, [twilioError(401, 20003, "Authentication Error - invalid username")]);
    const before = await inboxCount();
    const res = await call("/api/v1/inboxes", { method: "POST", json: body(), client: boss });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("provider_refused");
    expect(res.body.error.message).toContain("Twilio error 20003");
    expect(await inboxCount()).toBe(before);
  });

  it("refuses settings without a sender, a bad SID, or a publicBaseUrl with a path (400), calling nobody", async () => {
    const twilio = fakeProvider(TWILIO);
    for (const settings of [{ from: "" }, { from: "11987654321" }, { messagingServiceSid: "MG123" }, { publicBaseUrl: "https://x.example/path" }, { publicBaseUrl: "http://x.example" }]) {
      const res = await call("/api/v1/inboxes", { method: "POST", json: body(settings), client: boss });
      expect(res.status, JSON.stringify(settings)).toBe(400);
    }
    const badSid = await call("/api/v1/inboxes", { method: "POST", json: { ...body(), credentials: { accountSid: "AC123", authToken: "x" } }, client: boss });
    expect(badSid.status).toBe(400);
    expect(twilio.calls).toHaveLength(0);
  });
});
