/**
 * @module "Create sample inboxes": a WhatsApp, a Messenger and an Instagram inbox with
 * made-up Meta ids and freshly generated secrets, stored as the inbox API stores channel
 * inboxes (settings parsed by the protocol's shapes, credentials sealed under
 * CREDENTIALS_KEY, hints beside them), so a newcomer needs no Meta account and no form.
 * Idempotent: a kind whose sample account id is already taken is left as it is.
 */
import type { Db } from "../db/client";
import { findDefaultTeam } from "../db/agents";
import { insertInbox, listInboxes } from "../db/inboxes";
import { newId } from "../db/client";
import type { Env } from "../env";
import { randomToken } from "../auth/encoding";
import { credentialHints, sealCredentials } from "../channels/credentials";
import { InstagramSettings, MessengerSettings, WhatsappSettings } from "../protocol";
import type { SimulatedKind, SimulatorInbox } from "../protocol/simulator";
import { accountIdOf, simulatorInboxOf } from "./accounts";

/** Made-up numeric ids in Meta's format; no real account has them. */
const SAMPLE_APP_ID = "400000000000001";

interface Sample {
  kind: SimulatedKind;
  name: string;
  settings: Record<string, unknown>;
  credentials: () => Record<string, string>;
}

const secret = () => randomToken(24);

const SAMPLES: Sample[] = [
  {
    kind: "whatsapp",
    name: "WhatsApp · simulator",
    settings: WhatsappSettings.parse({ phoneNumberId: "100000000000001", businessAccountId: "200000000000001", displayPhone: "+1 555-010-0001" }),
    credentials: () => ({ appSecret: secret(), accessToken: secret(), verifyToken: secret() }),
  },
  {
    kind: "messenger",
    name: "Messenger · simulator",
    settings: MessengerSettings.parse({ pageId: "300000000000001", appId: SAMPLE_APP_ID }),
    credentials: () => ({ appSecret: secret(), pageAccessToken: secret(), verifyToken: secret() }),
  },
  {
    kind: "instagram",
    name: "Instagram · simulator",
    settings: InstagramSettings.parse({ pageId: "300000000000002", appId: SAMPLE_APP_ID, instagramAccountId: "17841400000000001" }),
    credentials: () => ({ appSecret: secret(), pageAccessToken: secret(), verifyToken: secret() }),
  },
];

export async function createSampleInboxes(env: Env, db: Db): Promise<{ created: SimulatorInbox[]; existing: SimulatorInbox[] }> {
  const inboxes = await listInboxes(db);
  const teamId = (await findDefaultTeam(db))?.id ?? null;
  const created: SimulatorInbox[] = [];
  const existing: SimulatorInbox[] = [];
  for (const sample of SAMPLES) {
    const taken = inboxes.find((i) => i.kind === sample.kind && accountIdOf(sample.kind, i.settings) === accountIdOf(sample.kind, sample.settings));
    if (taken) {
      existing.push((await simulatorInboxOf(env, taken))!);
      continue;
    }
    const id = newId();
    const credentials = sample.credentials();
    const row = await insertInbox(db, {
      id,
      kind: sample.kind,
      name: sample.name,
      teamId,
      priority: 50,
      settings: sample.settings,
      credentials: await sealCredentials(env, id, credentials),
      credentialHints: credentialHints(credentials),
      createdAt: Date.now(),
    });
    created.push((await simulatorInboxOf(env, row))!);
  }
  return { created, existing };
}
