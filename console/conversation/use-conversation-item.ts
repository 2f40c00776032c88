/**
 * @module useConversationItem: the open conversation's row (status, assignee, team,
 * star, tags, type, read mark) and the actions that change it. The row comes from the
 * list when it has one, is refreshed from `GET /conversations/:id` (the room's own
 * state) on open, and follows every action's answer and every live status or assignment
 * event. Each change is reported through `onChange`, so the list never disagrees with
 * the pane.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { z } from "zod";
import type { ConversationItem, StatusBody } from "../../worker/protocol";
import type { FeedEvent } from "../../client/feed";
import { ApiError, errorMessage } from "../api";
import { paneApi } from "./api";
import { s } from "./strings";
import { q } from "./queue-strings";

export interface PaneActions {
  assign: (body: { assigneeId?: string | null; teamId?: string | null }) => void;
  /** Resolves true once stored (resolve-and-next waits for it). */
  setStatus: (body: z.input<typeof StatusBody>) => Promise<boolean>;
  star: (starred: boolean) => void;
  setTags: (tagIds: string[]) => void;
  setType: (typeId: string | null) => void;
  /** Call the customer back at `at` (ms), or cancel that with null (issue 14). */
  setCallback: (at: number | null) => void;
}

export interface ConversationItemState {
  item: ConversationItem | undefined;
  /** The last action's failure, or the conversation's load failure. */
  error: string | null;
  notFound: boolean;
  busy: boolean;
  actions: PaneActions;
  update: (change: (item: ConversationItem) => ConversationItem) => void;
  applyLiveEvent: (event: FeedEvent) => void;
}

const FIELDS = ["status", "assigneeId", "teamId", "snoozedUntil", "resolvedAt", "callbackAt", "starred", "readSeq", "unread", "tagIds", "typeId", "lastSeq", "contactName"] as const;
function same(a: ConversationItem, b: ConversationItem): boolean {
  return FIELDS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

/** What a stored status, assignment or callback event changes in the row; null for the
 * rest, and for an event the row already includes (the room's state can be ahead of the
 * replay). The callback follows the room's rules (status-machine.ts): resolving or giving
 * the conversation to someone ends the queue's promise. */
export function foldLiveEvent(item: ConversationItem, e: FeedEvent): ConversationItem | null {
  if (e.seq <= item.lastSeq) return null;
  const lastSeq = e.seq;
  if (e.type === "status") {
    const resolvedAt = e.to === "resolved" ? e.at : e.to === "open" ? null : item.resolvedAt;
    const callbackAt = e.to === "resolved" ? null : item.callbackAt;
    return { ...item, lastSeq, status: e.to, snoozedUntil: e.to === "snoozed" ? e.snoozedUntil : null, resolvedAt, callbackAt };
  }
  if (e.type === "assignment") return { ...item, lastSeq, assigneeId: e.assigneeId, teamId: e.teamId, callbackAt: e.assigneeId !== null ? null : item.callbackAt };
  if (e.type === "callback") return { ...item, lastSeq, callbackAt: e.callbackAt };
  return null;
}

export function useConversationItem(id: string, initial: ConversationItem | undefined, onChange: (item: ConversationItem) => void): ConversationItemState {
  const [item, setItem] = useState(initial);
  const current = useRef(initial);
  const report = useRef(onChange);
  report.current = onChange;
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [busy, setBusy] = useState(false);
  const tagWrites = useRef<Promise<unknown>>(Promise.resolve());

  const commit = useCallback((next: ConversationItem) => {
    const prev = current.current;
    current.current = next;
    setItem(next);
    if (!prev || !same(prev, next)) report.current(next);
  }, []);
  const update = useCallback((change: (item: ConversationItem) => ConversationItem) => {
    if (current.current) commit(change(current.current));
  }, []);

  // The list's copy moved on (a queue frame, another tab): take it, no echo back.
  useEffect(() => {
    if (!initial) return;
    current.current = { ...initial, ...(current.current && current.current.id === initial.id ? pickLocal(current.current, initial) : {}) };
    setItem(current.current);
  }, [initial]);

  useEffect(() => {
    paneApi.detail(id).then(
      (res) => commit(res.conversation),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 404) setNotFound(true);
        else setError(s.pane.loadFailed(errorMessage(err)));
      },
    );
  }, [id]);

  const run = async (action: () => Promise<ConversationItem | null>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      if (next) commit(next);
      return true;
    } catch (err) {
      setError(s.actions.failed(errorMessage(err)));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const actions: PaneActions = {
    assign: (body) =>
      void run(async () => {
        const res = await paneApi.assign(id, body);
        // A manual assignment may exceed the agent's capacity; say so (issue 14).
        if (res.overCapacity) setError(q.header.overCapacity(res.overCapacity.load, res.overCapacity.capacity));
        return res.conversation;
      }),
    setStatus: (body) => run(async () => (await paneApi.setStatus(id, body)).conversation),
    star: (starred) => void run(async () => (await paneApi.star(id, starred), current.current ? { ...current.current, starred } : null)),
    setType: (typeId) => void run(async () => (await paneApi.setType(id, typeId)).conversation),
    setCallback: (at) => void run(async () => (at === null ? await paneApi.cancelCallback(id) : await paneApi.scheduleCallback(id, at)).conversation),
    // Shown at once (the menu stays open for the next toggle); written in order, so the
    // last toggle is the one the server keeps; put back if the server refuses.
    setTags: (tagIds) => {
      const before = current.current?.tagIds ?? [];
      update((i) => ({ ...i, tagIds }));
      tagWrites.current = tagWrites.current.then(() =>
        paneApi.setTags(id, tagIds).then(
          (res) => update((i) => ({ ...i, tagIds: res.tagIds })),
          (err: unknown) => {
            update((i) => ({ ...i, tagIds: before }));
            setError(s.actions.failed(errorMessage(err)));
          },
        ),
      );
    },
  };

  const applyLiveEvent = useCallback((event: FeedEvent) => {
    const prev = current.current;
    const next = prev && foldLiveEvent(prev, event);
    if (next) commit(next);
  }, []);

  return { item, error, notFound, busy, actions, update, applyLiveEvent };
}

/** A list row can trail the room (queue frames follow the D1 projection); the fields the
 * pane got from the room or from this agent's own writes win until the list catches up. */
function pickLocal(local: ConversationItem, list: ConversationItem): Partial<ConversationItem> {
  return local.lastSeq > list.lastSeq ? { status: local.status, assigneeId: local.assigneeId, teamId: local.teamId, snoozedUntil: local.snoozedUntil, resolvedAt: local.resolvedAt, callbackAt: local.callbackAt, lastSeq: local.lastSeq } : {};
}
