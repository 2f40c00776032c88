/**
 * @module The stand-in Twilio REST API under `/dev/simulator/twilio/`: what the Twilio
 * adapter calls when TWILIO_API_URL points here.
 * - `POST /2010-04-01/Accounts/{sid}/Messages.json` (form-encoded: To, From or
 *   MessagingServiceSid, Body, MediaUrl…, StatusCallback), answered 201 with a Message
 *   resource (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource);
 *   the send becomes a bubble on the simulated phone, its StatusCallback kept for the
 *   receipt buttons;
 * - `GET /2010-04-01/Accounts/{sid}.json`, the account (without its auth token);
 * - `GET …/Messages/{sid}/Media/{sid}`, an inbound MMS's file: redirected to the file, as
 *   Twilio redirects media URLs to its CDN.
 * Every call needs HTTP basic auth with the account SID and its auth token
 * (https://www.twilio.com/docs/usage/requests-to-twilio), compared in constant time.
 * The simulated Twilio knows the accounts of the Twilio inboxes, and learns a new one on
 * its first call (the adapter's `connect` checks credentials before the inbox is saved;
 * a developer may type made-up ones in the console); after that, another token is 401;
 * errors are Twilio's JSON (twilio-answers.ts).
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { constantTimeEqual } from "../auth/encoding";
import { database } from "../db/client";
import { twilioAccounts, type TwilioAccount } from "./accounts";
import { providerModeOf } from "./provider-mode";
import { setTwilioTokenDigest, sha256Hex, twilioTokenDigestOf } from "./provider-state";
import { headMedia } from "./state";
import { twilioError } from "./twilio-answers";
import { twilioSend } from "./twilio-send";
import { mediaIdOfSid } from "./twilio-webhooks";

const API = "/dev/simulator/twilio/2010-04-01";

const encode = (text: string) => new Uint8Array(new TextEncoder().encode(text));

/** The Twilio inboxes of the account the call authenticates as (none: an account no
 * inbox holds yet), or null when it does not authenticate. The path's SID must be the
 * caller's own (a subaccount's is out of the simulator's scope). */
async function callerOf(c: Context<AppEnv>, pathSid: string): Promise<TwilioAccount[] | null> {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
  let decoded = "";
  try {
    decoded = basic ? atob(basic) : "";
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0 || decoded.slice(0, colon) !== pathSid) return null;
  if (!/^AC[0-9a-f]{32}$/.test(pathSid)) return null;
  const token = encode(decoded.slice(colon + 1));
  const matching = (await twilioAccounts(c.env, database(c.env.DB))).filter((a) => a.credentials.accountSid === pathSid);
  const authenticated = matching.filter((a) => constantTimeEqual(token, encode(a.credentials.authToken)));
  if (authenticated.length) return authenticated;
  const digest = await sha256Hex(decoded.slice(colon + 1));
  const known = await twilioTokenDigestOf(c.env.FILES, pathSid);
  if (known === null && matching.length === 0) {
    await setTwilioTokenDigest(c.env.FILES, pathSid, digest);
    return [];
  }
  return known !== null && constantTimeEqual(encode(known), encode(digest)) ? [] : null;
}

export const twilioRoutes = new Hono<AppEnv>()
  .post(`${API}/Accounts/:sid/Messages.json`, async (c) => {
    const accounts = await callerOf(c, c.req.param("sid"));
    if (!accounts) return twilioError(c, 401, 20003, "Authenticate");
    return twilioSend(c, accounts, (account) => providerModeOf(c.env.FILES, account.inbox.id));
  })
  .get(`${API}/Accounts/:sid/Messages/:messageSid/Media/:mediaSid`, async (c) => {
    const sid = c.req.param("sid");
    const mediaId = mediaIdOfSid(c.req.param("mediaSid"));
    const head = mediaId ? await headMedia(c.env.FILES, mediaId) : null;
    const owners = (await twilioAccounts(c.env, database(c.env.DB))).filter((a) => a.credentials.accountSid === sid);
    if (!mediaId || !head || !owners.some((a) => a.inbox.id === head.inboxId)) return twilioError(c, 404, 20404, "The requested resource was not found");
    // Media URLs answer without credentials unless the account turned HTTP auth on; wrong
    // credentials are refused either way.
    if (c.req.header("Authorization") && !(await callerOf(c, sid))) return twilioError(c, 401, 20003, "Authenticate");
    return c.redirect(`${new URL(c.req.url).origin}/dev/simulator/files/${mediaId}`, 307);
  })
  .get(`${API}/Accounts/:file`, async (c) => {
    const sid = /^(AC[0-9a-f]{32})\.json$/.exec(c.req.param("file"))?.[1];
    if (!sid) return twilioError(c, 404, 20404, "The requested resource was not found");
    const accounts = await callerOf(c, sid);
    if (!accounts) return twilioError(c, 401, 20003, "Authenticate");
    const created = new Date(accounts[0]?.inbox.createdAt ?? Date.now()).toUTCString();
    return c.json({
      sid,
      owner_account_sid: sid,
      friendly_name: accounts[0]?.inbox.name ?? "Simulated account",
      status: "active",
      type: "Full",
      date_created: created,
      date_updated: created,
      uri: `/2010-04-01/Accounts/${sid}.json`,
    }, 200);
  })
  .all("/dev/simulator/twilio/*", (c) => twilioError(c, 404, 20404, "The requested resource was not found"));
