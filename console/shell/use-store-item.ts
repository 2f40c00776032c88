/**
 * @module The store's current item for one id, re-rendering when it changes: the open
 * conversation may be outside the loaded list (a deep link, a search hit) and must still
 * follow live changes.
 */
import { useEffect, useState } from "preact/hooks";
import type { ConversationItem } from "../../worker/protocol";
import type { ConversationStore } from "../list/conversation-store";

export function useStoreItem(store: ConversationStore, id: string | null): ConversationItem | undefined {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (id === null) return;
    return store.subscribe(({ item }) => {
      if (item.id === id) setTick((n) => n + 1);
    });
  }, [store, id]);
  return id === null ? undefined : store.get(id);
}
