/**
 * @module The list column: the loaded rows of the current view in server order, the live
 * connection state, the empty and error states, and infinite scroll.
 */
import type { ConversationItem, ConversationView, Tag } from "../../worker/protocol";
import type { ConnectionState } from "../../client/socket";
import { LoadMore } from "../shell/load-more";
import type { ConversationStore } from "./conversation-store";
import { ConversationRow } from "./conversation-row";
import { s } from "./strings";
import type { ConversationListState } from "./use-conversation-list";
import "./list.css";

export function ConversationList(props: {
  store: ConversationStore;
  list: ConversationListState;
  view: ConversationView;
  filtered: boolean;
  meId: string;
  selectedId: string | null;
  tags: ReadonlyMap<string, Tag>;
  connection: ConnectionState;
  onStar: (item: ConversationItem, starred: boolean) => void;
}) {
  const { store, list } = props;
  const rows = list.ids.map((id) => store.get(id)).filter((item): item is ConversationItem => item !== undefined);

  return (
    <section class="list" aria-labelledby="list-title">
      <div class="list-head">
        <h2 id="list-title">{s.views[props.view]}</h2>
        <span class={`live live--${props.connection}`} role="status">
          {s.live[props.connection]}
        </span>
      </div>
      {list.error && (
        <p class="error" role="alert">
          {s.error(list.error)}{" "}
          <button type="button" onClick={list.reload}>
            {s.retry}
          </button>
        </p>
      )}
      {rows.length === 0 && !list.loading && !list.error ? (
        <p class="muted list-empty">{props.filtered ? s.empty.filtered : s.empty[props.view]}</p>
      ) : (
        <ul class="rows" aria-labelledby="list-title" aria-busy={list.loading}>
          {rows.map((item) => (
            <ConversationRow
              key={item.id}
              item={item}
              selected={item.id === props.selectedId}
              mine={props.view !== "mine" && item.assigneeId === props.meId}
              tags={props.tags}
              onStar={props.onStar}
            />
          ))}
        </ul>
      )}
      <LoadMore
        hasMore={list.hasMore}
        loading={list.loading && rows.length > 0}
        failed={list.error !== null}
        onMore={list.loadMore}
        loadingLabel={s.loadingMore}
        moreLabel={s.loadMore}
      />
    </section>
  );
}
