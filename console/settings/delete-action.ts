/**
 * @module A section's delete: the request, then the list, the announcement, or the
 * error. Returns whether the item is gone, which is what DeleteButton needs to know.
 */
import { useState } from "preact/hooks";
import { ApiError, errorMessage } from "../api";
import type { SectionProps } from "./section-parts";
import { s } from "./strings";

export function useDeleteAction({ onForbidden, announce }: SectionProps) {
  const [error, setError] = useState<string | null>(null);
  const run = async (name: string, request: () => Promise<unknown>, removed: () => void): Promise<boolean> => {
    setError(null);
    announce(""); // the last success is not this attempt's outcome

    try {
      await request();
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        onForbidden();
        return false;
      }
      // Someone else deleted it first: the outcome the admin wanted.
      if (!(err instanceof ApiError && err.status === 404)) {
        setError(s.saveFailed(errorMessage(err)));
        return false;
      }
    }
    removed();
    announce(s.deleted(name));
    return true;
  };
  return { error, run };
}
