/**
 * @module How a failed sign-in is recorded, without letting failures grow the audit log
 * without bound.
 *
 * Failed sign-ins cost the caller nothing but a request, so the log takes at most ONE
 * entry per (address, account) per login window (LOGIN_WINDOW_MS, 15 minutes): the entry
 * key is derived from the window, the address and the account, and a repeat is dropped
 * by the key (db/audit-conditional.ts `auditOnce`). The sign-in rate limits
 * (auth/login-limits.ts) already bound the rest: an address gets 5 failures per account
 * and 30 in all per window before a 429 — and a refused (429) attempt is never checked,
 * so it records nothing. One address can therefore add at most 30 entries per window
 * (spraying 30 accounts), a mistyping colleague one; a caller with N addresses at most
 * 30·N. What the log must show — someone is guessing at this account from there — is kept.
 *
 * The entry names the account by the e-mail typed (an agent's work address: personal
 * data, but the security record needs it) and, when it is an agent's, its id as the
 * target; never the password. The e-mail is validated as one (LoginBody), so a password
 * typed into the e-mail field is refused as bad input and never reaches the log.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { auditOnce } from "../db/audit-conditional";
import { LOGIN_WINDOW_MS } from "../auth/login-limits";
import { sha256Base64Url } from "../auth/encoding";
import { auditEntry, type AuditTarget } from "./entry";

export type SignInFailure = "unknown_account" | "wrong_password" | "deactivated" | "no_password";

/** Records an agent's failed sign-in (the first of its address, account and window only). */
export async function recordSignInFailureAudit(
  c: Context<AppEnv>,
  attempt: { email: string; agentId: string | null; reason: SignInFailure },
  now = Date.now(),
): Promise<void> {
  await recordOnce(c, "auth.sign_in_failed", attempt.agentId ? { type: "agent", id: attempt.agentId } : null, attempt, now);
}

/** The same for the customer portal's password sign-in, with the same bound (its own
 * limits, portal/limits.ts, refuse before a check as the agents' do). */
export async function recordPortalSignInFailureAudit(
  c: Context<AppEnv>,
  attempt: { email: string; contactId: string | null; reason: SignInFailure },
  now = Date.now(),
): Promise<void> {
  await recordOnce(c, "portal.sign_in_failed", attempt.contactId ? { type: "contact", id: attempt.contactId } : null, attempt, now);
}

async function recordOnce(
  c: Context<AppEnv>,
  action: "auth.sign_in_failed" | "portal.sign_in_failed",
  target: AuditTarget | null,
  attempt: { email: string; reason: SignInFailure },
  now: number,
): Promise<void> {
  const window = Math.floor(now / LOGIN_WINDOW_MS);
  const address = c.req.header("CF-Connecting-IP") ?? "";
  // The action is part of the key: an agent and a customer may share an address.
  const key = `signin-failed:${await sha256Base64Url(`${action}\n${window}\n${address}\n${attempt.email.toLowerCase()}`)}`;
  // A customer's address stays out of the log (they are a data subject whose erasure the
  // log would outlive): the contact, when known, is the target. An agent's work address
  // is the security record's subject and stays.
  const details = action === "portal.sign_in_failed" ? { reason: attempt.reason } : { email: attempt.email, reason: attempt.reason };
  const entry = auditEntry(c, action, target, details, { type: "anonymous", id: null, name: null });
  await auditOnce(c.var.db, key, { ...entry, at: now });
}
