/**
 * @module Who may try a password, and when. Only failed sign-ins count, and a refused
 * attempt (429) is not a failure: it is never checked, so it cannot spend anyone's budget.
 * All counters share one fixed window of LOGIN_WINDOW_MS, kept in D1's `rate_limits`.
 *
 * The rule, for a sign-in to account E from address A:
 *
 * 1. A has failed on E 5 times in the window → 429. Someone mistyping gets 5 tries per
 *    place they sign in from.
 * 2. A has failed 30 times in the window, on any accounts → 429. One address spraying
 *    many accounts stops there. Successful sign-ins never count: a whole office behind one
 *    NAT signs in freely.
 * 3. E has failed 10 times in the window, from any addresses → E is "under attack" for
 *    the rest of the window: only an address that has not failed on E in this window may
 *    try (once; a failure makes it one that has). So a password guesser with many
 *    addresses gets one guess per address per window instead of five, while the person
 *    whose account it is still signs in with the right password from any address they
 *    have not mistyped from (their phone, home) — nobody can lock them out by failing on
 *    purpose, which a plain per-account limit allowed (10 wrong passwords from 10
 *    addresses refused even the right one).
 *
 * A success clears only the (A, E) counter; E's count stays until its window passes, so
 * a guesser gains nothing when the owner signs in meanwhile. Unlocking by e-mail can join
 * rule 3 once the server sends e-mail.
 */
import type { Db } from "../db/client";
import { clearTokens, countUnder, peekCounts } from "./rate-limit";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT = 5;
export const LOGIN_FAILURES_PER_ADDRESS = 30;
export const LOGIN_FAILURES_BEFORE_ACCOUNT_SLOWS = 10;

function keys(address: string, email: string) {
  return {
    pair: `login:fail:${address}:${email}`,
    address: `login:fail:ip:${address}`,
    account: `login:fail:email:${email}`,
  };
}

/** Whether `address` may try a password for `email` now; reads, counts nothing. */
export async function mayTrySignIn(db: Db, address: string, email: string, now = Date.now()): Promise<boolean> {
  const k = keys(address, email);
  const counts = await peekCounts(db, [k.pair, k.address, k.account], LOGIN_WINDOW_MS, now);
  const pair = counts.get(k.pair)!;
  if (pair >= LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT) return false;
  if (counts.get(k.address)! >= LOGIN_FAILURES_PER_ADDRESS) return false;
  if (counts.get(k.account)! >= LOGIN_FAILURES_BEFORE_ACCOUNT_SLOWS && pair > 0) return false;
  return true;
}

export async function recordSignInFailure(db: Db, address: string, email: string, now = Date.now()): Promise<void> {
  const k = keys(address, email);
  await countUnder(db, [k.pair, k.address, k.account], LOGIN_WINDOW_MS, now);
}

export async function recordSignInSuccess(db: Db, address: string, email: string): Promise<void> {
  await clearTokens(db, keys(address, email).pair);
}
