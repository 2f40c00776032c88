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
import { auditEntry } from "./entry";

export type SignInFailure = "unknown_account" | "wrong_password" | "deactivated";

/** Records the failure (the first of its address, account and window only). */
export async function recordSignInFailureAudit(
  c: Context<AppEnv>,
  attempt: { email: string; agentId: string | null; reason: SignInFailure },
  now = Date.now(),
): Promise<void> {
  const window = Math.floor(now / LOGIN_WINDOW_MS);
  const address = c.req.header("CF-Connecting-IP") ?? "";
  const key = `signin-failed:${await sha256Base64Url(`${window}\n${address}\n${attempt.email.toLowerCase()}`)}`;
  const entry = auditEntry(c, "auth.sign_in_failed", attempt.agentId ? { type: "agent", id: attempt.agentId } : null, { email: attempt.email, reason: attempt.reason }, { type: "anonymous", id: null, name: null });
  await auditOnce(c.var.db, key, { ...entry, at: now });
}
