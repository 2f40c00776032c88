/**
 * @module A protocol enum's values in the tuple shape drizzle's `text(…, { enum })` takes,
 * so a column's values are the protocol's, stated once (the enum types the column; SQLite
 * itself stores any text). Shared by every schema file.
 */
export function valuesOf<T extends string>(e: { options: readonly T[] }): [T, ...T[]] {
  return e.options as [T, ...T[]];
}
