/**
 * @module useConversations: every conversation the console knows about, kept current by
 * the team queue socket. The HTTP list fills it (again after every reconnect, to cover
 * what the socket missed while down); queue frames and action results update it.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { QueueFrame } from "../worker/protocol";
import type { ConversationSummary } from "../worker/protocol";
import { LiveSocket, type ConnectionState } from "../widget/live/socket";
import { api, errorMessage, socketUrl, type ListFilter } from "./api";

export interface Conversations {
  all: ReadonlyMap<string, ConversationSummary>;
  connection: ConnectionState;
  error: string | null;
  upsert: (conversation: ConversationSummary) => void;
}

export function useConversations(filter: ListFilter): Conversations {
  const [all, setAll] = useState<ReadonlyMap<string, ConversationSummary>>(new Map());
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [error, setError] = useState<string | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const merge = useCallback((incoming: readonly ConversationSummary[]) => {
    setAll((known) => {
      const next = new Map(known);
      // Summaries come from three paths (list, queue, action replies) in any order;
      // the one with the higher seq is the newer.
      for (const c of incoming) if ((next.get(c.id)?.lastSeq ?? -1) <= c.lastSeq) next.set(c.id, c);
      return next;
    });
  }, []);

  const load = useCallback(() => {
    api.conversations(filterRef.current).then(
      (page) => {
        setError(null);
        merge(page.conversations);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, [merge]);

  useEffect(load, [filter.status]);

  useEffect(() => {
    const socket = new LiveSocket({
      url: () => socketUrl("/api/v1/queue/ws"),
      onFrame: (raw) => {
        const frame = QueueFrame.safeParse(raw);
        if (frame.success && frame.data.type === "conversation") merge([frame.data.conversation]);
      },
      onState: (state) => {
        setConnection(state);
        if (state !== "online") return;
        // The queue sends no greeting, so an open socket is as healthy as it gets.
        socket.markHealthy();
        load();
      },
    });
    return () => socket.close();
  }, []);

  return { all, connection, error, upsert: (c) => merge([c]) };
}
