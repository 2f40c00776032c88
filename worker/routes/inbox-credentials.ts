/**
 * @module An inbox's credentials as its routes write them: checked against the inbox's
 * kind, sealed under CREDENTIALS_KEY (worker/channels/credentials.ts) with a hint per
 * credential beside them. An update may replace one secret at a time: the others are
 * opened and sealed again with it. Nothing here logs, and no error carries a secret.
 */
import type { z } from "zod";
import { credentialHints, credentialsKeyConfigured, openCredentials, sealCredentials } from "../channels/credentials";
import type { InboxRow } from "../db/inboxes";
import { ApiError, validationError } from "../http/api-error";
import type { CredentialHint } from "../protocol";

type CredentialsSchema = z.ZodObject<Record<string, z.ZodType<string>>>;
type KeyEnv = { CREDENTIALS_KEY?: string };

/** What the inboxes table stores for a set of credentials. */
export interface SealedCredentials {
  credentials: string;
  credentialHints: Record<string, CredentialHint>;
}

/** Refuses before anything is read or written when credentials could not be sealed
 * (they are never stored in the clear): 503 credentials_unavailable, saying what to do. */
export async function requireCredentialsKey(env: KeyEnv): Promise<void> {
  // sealCredentials refuses with that error when the key is missing or malformed, so
  // the message is stated once, beside the key's format.
  if (!credentialsKeyConfigured(env)) await sealCredentials(env, "", {});
}

/** A complete set of credentials (validated by the kind's schema), sealed for `inboxId`.
 * Without the key it refuses (503) before anything is written. */
export async function sealNew(env: KeyEnv, inboxId: string, credentials: Record<string, string>): Promise<SealedCredentials> {
  return { credentials: await sealCredentials(env, inboxId, credentials), credentialHints: credentialHints(credentials) };
}

/**
 * `patch` (some of the kind's credentials) over the saved ones, sealed again. Null when
 * the patch names none (nothing to change). The result must be a complete set: when the
 * saved ones cannot be opened (none yet, or CREDENTIALS_KEY was replaced) the admin has to
 * enter every one again, and is told which are missing.
 */
export async function sealPatch(env: KeyEnv, inbox: InboxRow, schema: CredentialsSchema | null, patch: Record<string, unknown>): Promise<SealedCredentials | null> {
  if (!schema) throw new ApiError(400, "validation_failed", "The body is not valid.", [{ path: ["credentials"], message: "This kind of inbox has no credentials." }]);
  const parsed = schema.partial().safeParse(patch);
  if (!parsed.success) throw prefixed(validationError(parsed.error, "body"), "credentials");
  const changes = Object.fromEntries(Object.entries(parsed.data).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  if (Object.keys(changes).length === 0) return null;
  await requireCredentialsKey(env);
  const saved = (await openCredentials(env, inbox.id, inbox.credentials)) ?? {};
  const merged = schema.safeParse({ ...saved, ...changes });
  if (!merged.success) {
    const missing = Object.keys(schema.shape).filter((name) => !(name in saved) && !(name in changes));
    const why = inbox.credentials
      ? "The saved credentials cannot be opened (was CREDENTIALS_KEY replaced?), so enter all of them again."
      : "This inbox has no saved credentials yet: enter all of them.";
    throw new ApiError(409, "conflict", why, missing.map((name) => ({ path: ["credentials", name], message: "Required: it has no saved value to keep." })));
  }
  return sealNew(env, inbox.id, merged.data);
}

function prefixed(error: ApiError, field: string): ApiError {
  return new ApiError(error.status, error.code, error.message, error.issues?.map((i) => ({ ...i, path: [field, ...i.path] })));
}
