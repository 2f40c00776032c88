/**
 * "Test connection" for Messenger and Instagram inboxes, asserted at the fetch boundary:
 * one Graph read with the saved page token, reported short and free of secrets.
 */
import { describe, expect, it } from "vitest";
import { instagramAdapter } from "../../../worker/channels/instagram/adapter";
import { messengerAdapter } from "../../../worker/channels/messenger/adapter";
import { fakeProvider, networkFailure } from "../provider-fake";
import { GRAPH, graphError, IG_ACCOUNT_ID, instagramContext, messengerContext, PAGE_ID, PAGE_TOKEN } from "./meta-kit";

const PAGE = new RegExp(`^/v\\d+\\.\\d+/${PAGE_ID}$`);
const IG_ACCOUNT = new RegExp(`^/v\\d+\\.\\d+/${IG_ACCOUNT_ID}$`);

describe("Meta testConnection", () => {
  it("Messenger: reads the page's name with the page token", async () => {
    const fake = fakeProvider(GRAPH).on("GET", PAGE, [Response.json({ name: "Padaria São João", id: PAGE_ID })]);
    expect(await messengerAdapter.testConnection(messengerContext())).toEqual({ ok: true, status: 200, detail: "Padaria São João" });
    const [call] = fake.calls;
    expect(call!.url.searchParams.get("fields")).toBe("name");
    expect(call!.url.searchParams.has("access_token")).toBe(false);
    expect(call!.headers.get("Authorization")).toBe(`Bearer ${PAGE_TOKEN}`);
  });

  it("Instagram: reads the professional account's username", async () => {
    const fake = fakeProvider(GRAPH).on("GET", IG_ACCOUNT, [Response.json({ username: "padaria.sj", id: IG_ACCOUNT_ID })]);
    expect(await instagramAdapter.testConnection(instagramContext())).toEqual({ ok: true, status: 200, detail: "@padaria.sj" });
    expect(fake.calls[0]!.url.searchParams.get("fields")).toBe("username");
  });

  it("reports Meta's refusal in its own words, and an unreachable Graph as status 0", async () => {
    fakeProvider(GRAPH).on("GET", PAGE, [graphError(400, "Error validating access token: Session has expired.", 190), networkFailure()]);
    expect(await messengerAdapter.testConnection(messengerContext())).toEqual({ ok: false, status: 400, detail: "Error validating access token: Session has expired." });
    expect(await messengerAdapter.testConnection(messengerContext())).toMatchObject({ ok: false, status: 0, detail: expect.stringContaining("unreachable") });
  });

  it("never returns the token: not when Meta's error quotes it, not in an unexpected answer", async () => {
    fakeProvider(GRAPH).on("GET", PAGE, [graphError(400, `Malformed access token ${PAGE_TOKEN}`, 190), Response.json({ unexpected: true })]);
    expect(await messengerAdapter.testConnection(messengerContext())).toEqual({ ok: false, status: 400, detail: "Malformed access token ****" });
    const check = await messengerAdapter.testConnection(messengerContext());
    expect(check).toEqual({ ok: false, status: 200, detail: "Meta answered without the account's name" });
  });
});
