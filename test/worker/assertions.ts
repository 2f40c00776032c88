/**
 * Assertions the worker tests share: the one error shape every API answers with, and
 * retrying a check until D1 (which trails the rooms) catches up.
 */
import { expect } from "vitest";
import { ErrorBody, type ErrorCode } from "../../worker/protocol";

/** Asserts the one error shape every API answers with, `{ error: { code, message, issues? } }`;
 * validation errors must say where (`issues` with paths). */
export function expectApiError(res: { status: number; body: any; headers?: Headers }, status: number, code: ErrorCode) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expect(ErrorBody.safeParse(res.body).success, `not the error shape: ${JSON.stringify(res.body)}`).toBe(true);
  if (res.headers) expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  if (code === "validation_failed") expect(res.body.error.issues?.length, "validation errors carry issues").toBeGreaterThan(0);
}

/** Retries `check` until it stops throwing: for reads of D1, which trails the rooms by one
 * projection (asynchronous by design). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
