/**
 * @module The composer's help center button: search published articles (every
 * visibility: the agent decides what to share) as the agent types, then insert a link to
 * the public page or the article's text at the caret. Hits come back with the index's
 * highlight markers; they are turned into <mark> elements, never into HTML.
 */
import { useEffect, useState } from "preact/hooks";
import { HIGHLIGHT_END, HIGHLIGHT_START, type ArticleHit } from "../../../worker/protocol";
import { hcApi } from "../../help-center/hc-api";
import { Popover, usePopoverClose } from "../../shared/popover";
import { Icon } from "../../shared/icon";
import { s } from "./article-strings";
import "./article-picker.css";

const SEARCH_DEBOUNCE_MS = 250;

/** "a \u0002b\u0003 c" → ["a ", <mark>b</mark>, " c"]: text nodes only. */
export function Highlighted(props: { text: string }) {
  const parts = props.text.split(HIGHLIGHT_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return part;
        const [marked, rest = ""] = part.split(HIGHLIGHT_END);
        return (
          <>
            <mark>{marked}</mark>
            {rest}
          </>
        );
      })}
    </>
  );
}

const plain = (text: string) => text.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_END, "");

function Search(props: { onInsert: (snippet: string) => void }) {
  const close = usePopoverClose();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<ArticleHit[] | null>(null);
  useEffect(() => {
    const q = query.trim();
    if (!q) return setHits(null);
    let live = true;
    const timer = setTimeout(() => hcApi.search(q).then((r) => live && setHits(r.hits), () => live && setHits([])), SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  const insert = (snippet: string) => {
    close(false);
    props.onInsert(snippet);
  };
  return (
    <div class="article-picker">
      <input type="search" aria-label={s.search} placeholder={s.search} maxLength={100} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {hits && hits.length === 0 && <p class="muted">{s.none}</p>}
      <ul>
        {hits?.map((hit) => (
          <li key={hit.id}>
            <strong>
              <Highlighted text={hit.title} />
            </strong>
            {hit.visibility === "internal" && <span class="muted"> · {s.internal}</span>}
            <div class="muted">
              <Highlighted text={hit.snippet} />
            </div>
            <button type="button" aria-label={s.linkOf(plain(hit.title))} onClick={() => insert(`${plain(hit.title)}: ${location.origin}${hit.url}`)}>
              {s.link}
            </button>{" "}
            <button type="button" aria-label={s.textOf(plain(hit.title))} onClick={async () => insert((await hcApi.article(hit.id)).body)}>
              {s.text}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ArticlePicker(props: { onInsert: (snippet: string) => void }) {
  return (
    <Popover label={<Icon name="book" />} buttonLabel={s.button} buttonClass="tool-button" panelLabel={s.button} kind="dialog" align="start" above>
      <Search onInsert={props.onInsert} />
    </Popover>
  );
}
