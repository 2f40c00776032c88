/**
 * @module Search results in the list column: each hit a link that opens its conversation
 * at the message (`?seq=`), with the channel icon, who, when, and the snippet with the
 * hits marked.
 */
import type { SearchHit } from "../../worker/protocol";
import { ChannelIcon } from "../shared/channel-icon";
import { shortTime } from "../list/conversation-row";
import { conversationPath, followLink } from "../router";
import { LoadMore } from "../shell/load-more";
import { Snippet } from "./snippet";
import { s } from "./strings";
import type { SearchState } from "./use-search";
import "./search.css";

export function SearchResults(props: { search: SearchState; selectedId: string | null; onClear: () => void }) {
  const { search } = props;
  const searching = search.loading && search.hits.length === 0;
  return (
    <section class="list search-results" aria-labelledby="search-title">
      <div class="list-head">
        <h2 id="search-title">{s.heading(search.query)}</h2>
        <button type="button" class="link-button" onClick={props.onClear}>
          {s.clear}
        </button>
      </div>
      <p class="muted search-count" role="status">
        {searching ? s.searching : search.error ? "" : search.hits.length === 0 ? s.none(search.query) : s.count(search.hits.length, search.hasMore)}
      </p>
      {search.error && (
        <p class="error" role="alert">
          {s.error(search.error)}{" "}
          <button type="button" onClick={search.retry}>
            {s.retry}
          </button>
        </p>
      )}
      {search.hits.length > 0 && (
        <ul class="rows" aria-labelledby="search-title">
          {search.hits.map((hit, i) => (
            <SearchRow key={`${hit.conversationId}:${hit.seq ?? "contact"}:${i}`} hit={hit} selected={hit.conversationId === props.selectedId} />
          ))}
        </ul>
      )}
      <LoadMore
        hasMore={search.hasMore}
        loading={search.loading && search.hits.length > 0}
        failed={search.error !== null}
        onMore={search.loadMore}
        loadingLabel={s.loadingMore}
        moreLabel={s.loadMore}
      />
    </section>
  );
}

function SearchRow({ hit, selected }: { hit: SearchHit; selected: boolean }) {
  const path = conversationPath(hit.conversationId, hit.seq);
  return (
    <li class="row">
      <a href={path} class="row-link" aria-current={selected ? "page" : undefined} onClick={(e) => followLink(e, path)}>
        <ChannelIcon channel={hit.channel} />
        <span class="row-main">
          <span class="row-top">
            <strong class="row-name">{hit.contactName ?? s.visitor}</strong>
            <time dateTime={new Date(hit.at).toISOString()}>{shortTime(hit.at)}</time>
          </span>
          <span class="row-snippet">
            <span class="hit-kind">{hit.kind === "contact" ? s.contactHit : s.messageHit}</span> <Snippet text={hit.snippet} />
          </span>
        </span>
      </a>
    </li>
  );
}
