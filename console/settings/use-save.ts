/**
 * @module A form's save: checks the fields first (no request when they are wrong), then
 * runs the request and keeps what failed, per field and for the form.
 */
import { useState } from "preact/hooks";
import { NO_FAILURE, saveFailure, type FieldErrors, type SaveFailure } from "./form-errors";

export interface Save {
  busy: boolean;
  failure: SaveFailure;
  /** `checked` is the result of `checkFields`; `action` runs only when it passed. */
  run: <T>(checked: { ok: true; data: T } | { ok: false; fields: FieldErrors }, action: (data: T) => Promise<void>) => Promise<void>;
  clear: () => void;
}

export function useSave(options: { uniqueField?: string; onForbidden: () => void }): Save {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SaveFailure>(NO_FAILURE);

  const run: Save["run"] = async (checked, action) => {
    if (!checked.ok) {
      setFailure({ fields: checked.fields, form: null, forbidden: false });
      return;
    }
    setBusy(true);
    setFailure(NO_FAILURE);
    try {
      await action(checked.data);
    } catch (err) {
      const failed = saveFailure(err, options.uniqueField);
      if (failed.forbidden) options.onForbidden();
      setFailure(failed);
    } finally {
      setBusy(false);
    }
  };

  return { busy, failure, run, clear: () => setFailure(NO_FAILURE) };
}
