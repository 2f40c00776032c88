/**
 * @module useDraft: the composer's text for one conversation, kept in sessionStorage so
 * an agent who switches to another conversation and back finds their half-written reply.
 * Per tab (sessionStorage), so two tabs do not fight over one draft.
 */
import { useEffect, useState } from "preact/hooks";

const PREFIX = "switchboard:draft:";

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function useDraft(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => storage()?.getItem(PREFIX + key) ?? "");
  useEffect(() => {
    try {
      if (text) storage()?.setItem(PREFIX + key, text);
      else storage()?.removeItem(PREFIX + key);
    } catch {
      // Quota: the draft lives as long as the pane.
    }
  }, [key, text]);
  return [text, setText];
}
