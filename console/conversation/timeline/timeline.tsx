/**
 * @module The timeline: a `role="log"` that announces new messages politely, with a
 * heading per day, earlier pages loaded at the top (scrolling up, or the button), and the
 * view kept where the agent is reading: it follows new messages only while the agent is
 * at the bottom, stays put when earlier pages slide in above, and opens centred on a
 * search hit.
 */
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Actor, ChannelKind, MessageEvent, Tag } from "../../../worker/protocol";
import type { FeedEvent, PendingMessage } from "../../../client/feed";
import type { ConnectionState } from "../../../client/socket";
import { Icon } from "../../shared/icon";
import { dayLabel } from "../format";
import { MessageItem, PendingItem } from "./message-item";
import { SystemLine, actorName, type NameContext } from "./system-line";
import { buildTimeline, deliveryOf, pendingDelivery } from "./timeline-model";
import { foldChanges } from "./message-changes";
import type { QuotedMessage } from "./reply-quote";
import type { MessageTagsState } from "./use-message-tags";
import type { Timeline as TimelineData } from "./use-timeline";
import { s } from "../strings";

/** Within this many pixels of the bottom counts as "reading the latest". */
const STICKY_PX = 80;
/** Scrolled this close to the top loads the page before. */
const LOAD_OLDER_PX = 48;

export interface TimelineProps {
  events: readonly FeedEvent[];
  pending: readonly PendingMessage[];
  connection: ConnectionState;
  typing: readonly Actor[];
  contactReadSeq: number;
  ctx: NameContext;
  channel: ChannelKind;
  /** Each message's tags, and how to change them. */
  messageTags: Pick<MessageTagsState, "bySeq" | "set">;
  tags: readonly Tag[];
  atSeq: number | null;
  /** Whether the first page is in, and the earlier pages above it. */
  pages: Pick<TimelineData, "loaded" | "hasOlder" | "olderState" | "loadOlder">;
  onRetry: (message: PendingMessage) => void;
  onDiscard: (message: PendingMessage) => void;
  /** The inbox keeps unsent messages' text for its agents. */
  keepUnsentText?: boolean;
}

const NO_TAGS: readonly string[] = [];

export function Timeline(props: TimelineProps) {
  const { loaded, hasOlder, olderState } = props.pages;
  const rows = useMemo(() => buildTimeline(props.events, props.pending), [props.events, props.pending]);
  const changes = useMemo(() => foldChanges(props.events), [props.events]);
  const messages = useMemo(() => new Map(props.events.filter((e): e is MessageEvent => e.type === "message").map((e) => [e.seq, e])), [props.events]);
  /** The message a reply quotes, when that one is loaded. */
  const quotedBy = (e: MessageEvent): QuotedMessage | null | undefined => {
    if (!e.replyTo) return undefined;
    const target = e.replyTo.seq === null ? undefined : messages.get(e.replyTo.seq);
    return target ? { event: target, changes: changes.get(target.seq) } : null;
  };
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const positioned = useRef(false);
  const revealed = useRef<number | null>(null);
  const olderAnchor = useRef<{ height: number; top: number } | null>(null);
  const [away, setAway] = useState(false);

  const loadOlder = () => {
    const el = scroller.current;
    if (!hasOlder || olderState === "loading" || !el) return;
    olderAnchor.current = { height: el.scrollHeight, top: el.scrollTop };
    void props.pages.loadOlder();
  };

  const firstKey = rows.find((r) => r.kind !== "day")?.key;
  const lastKey = rows.at(-1)?.key;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !loaded) return;
    if (!positioned.current) {
      positioned.current = true;
      const hit = props.atSeq === null ? null : el.querySelector<HTMLElement>(`[data-seq="${props.atSeq}"]`);
      if (hit) {
        hit.scrollIntoView?.({ block: "center" });
        stick.current = false;
        revealed.current = props.atSeq;
      } else el.scrollTop = el.scrollHeight;
      return;
    }
    const anchor = olderAnchor.current;
    if (anchor) {
      olderAnchor.current = null;
      el.scrollTop = el.scrollHeight - anchor.height + anchor.top;
      return;
    }
    // Follow new messages while at the bottom, and always after the agent's own send.
    const mine = rows.at(-1)?.kind === "pending";
    if (stick.current || mine) el.scrollTop = el.scrollHeight;
  }, [loaded, firstKey, lastKey]);

  // A new hit while open: centre it once it is in the log (it may need a page first).
  const hitLoaded = props.atSeq !== null && props.events.some((e) => e.seq === props.atSeq);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !positioned.current || !hitLoaded || revealed.current === props.atSeq) return;
    revealed.current = props.atSeq;
    el.querySelector<HTMLElement>(`[data-seq="${props.atSeq}"]`)?.scrollIntoView?.({ block: "center" });
    stick.current = false;
  }, [props.atSeq, hitLoaded]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
    setAway(!stick.current);
    if (el.scrollTop < LOAD_OLDER_PX && olderState === "idle") loadOlder();
  };

  // An image that finishes loading grows the log after it was scrolled: follow it
  // while the agent is at the bottom.
  const onMediaLoad = () => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  };

  const online = props.connection === "online";
  const typingNames = props.typing.map((actor) => actorName(actor, props.ctx));

  return (
    <div class="timeline-wrap">
      <div class="timeline" ref={scroller} role="log" aria-live="polite" aria-label={s.timeline.label} aria-busy={!loaded} onScroll={onScroll} onLoadCapture={onMediaLoad} tabIndex={0}>
        {loaded && (
          <div class="timeline-top">
            {hasOlder ? (
              <button type="button" class="link-button" onClick={loadOlder} disabled={olderState === "loading"}>
                {olderState === "loading" ? s.timeline.loadingOlder : s.timeline.loadOlder}
              </button>
            ) : (
              props.events.length > 0 && <p class="muted">{s.timeline.beginning}</p>
            )}
            {olderState === "failed" && <p class="error">{s.timeline.olderFailed}</p>}
          </div>
        )}
        {!loaded && <p class="muted timeline-note">{s.pane.loading}</p>}
        {loaded && rows.length === 0 && <p class="muted timeline-note">{s.timeline.empty}</p>}
        <ol class="timeline-list">
          {rows.map((row) => {
            if (row.kind === "day") {
              return (
                <li key={row.key} class="day-separator">
                  <h3>{dayLabel(row.at)}</h3>
                </li>
              );
            }
            if (row.kind === "pending") {
              return (
                <PendingItem
                  key={row.key}
                  message={row.message}
                  delivery={pendingDelivery(row.message, online)}
                  onRetry={() => props.onRetry(row.message)}
                  onDiscard={() => props.onDiscard(row.message)}
                />
              );
            }
            const e = row.event;
            if (e.type !== "message") return <SystemLine key={row.key} event={e} before={row.before} ctx={props.ctx} />;
            return (
              <MessageItem
                key={row.key}
                event={e}
                ctx={props.ctx}
                channel={props.channel}
                delivery={deliveryOf(e, props.contactReadSeq, changes.get(e.seq))}
                changes={changes.get(e.seq)}
                quoted={quotedBy(e)}
                keepUnsentText={props.keepUnsentText}
                tagIds={props.messageTags.bySeq.get(e.seq) ?? NO_TAGS}
                tags={props.tags}
                onTags={(ids) => props.messageTags.set(e.seq, ids)}
                highlighted={e.seq === props.atSeq}
              />
            );
          })}
        </ol>
      </div>
      <p class="typing" role="status">
        {typingNames.length > 0 && s.timeline.typing(typingNames.join(", "))}
      </p>
      {away && (
        <button
          type="button"
          class="jump-latest"
          onClick={() => {
            const el = scroller.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
        >
          <Icon name="arrow-down" text={s.timeline.jumpToLatest} />
        </button>
      )}
    </div>
  );
}
