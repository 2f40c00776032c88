/**
 * @module The key that makes a label's name unique regardless of letter case: tags and
 * conversation types are chosen from lists, where "Ação" and "AÇÃO" would be two
 * confusable entries. Folded here, not in SQL, because SQLite's lower() folds ASCII only.
 */
export function labelKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
