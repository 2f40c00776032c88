/**
 * @module The widget's help center (a lazily loaded chunk, see ui/help-slot.tsx): a search
 * box whose suggestions follow what the visitor types (debounced), an article opened in
 * place, "Was this helpful?", and "Chat with us" to start the conversation.
 *
 * The article's HTML comes from the server's sanitizing renderer; it is still shown in a
 * sandboxed frame that may run no script, so even a renderer bug could not act in the
 * widget (which holds the visitor's token). Titles and snippets are text; the search
 * index's highlight markers become <mark> elements, never HTML.
 */
import { useEffect, useState } from "preact/hooks";
import type { ArticleHit, PublicArticle } from "../../worker/protocol/help-center";
import type { Locale } from "../locale";
import { HELP_STRINGS } from "./strings";
import "./help.css";

/** The search index's highlight markers (worker/protocol/console.ts HIGHLIGHT_START/END),
 * restated so the chunk does not import that module and zod with it; a test keeps them equal. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";
/** Suggestions wait for a pause in typing: one request per thought, not per key. */
export const SUGGEST_DEBOUNCE_MS = 300;
/** The search's bound on `q` (protocol/help-center.ts MAX_HC_SEARCH_CHARS), restated so
 * the chunk does not import zod; a test keeps them equal. A draft is cut to it. */
export const MAX_SEARCH_CHARS = 100;
const ARTICLE_STYLE = "<style>body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1f2328}img{max-width:100%}pre{overflow:auto}</style>";

export interface HelpPanelProps {
  slug: string;
  locale: Locale;
  /** What the visitor is writing in the message box before the conversation starts. */
  draft?: string;
  onChat: () => void;
}

const base = (slug: string) => `/api/v1/help-center/public/${encodeURIComponent(slug)}`;

async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: "omit", ...init });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

function Marked(props: { text: string }) {
  return (
    <>
      {props.text.split(MARK_START).map((part, i) => {
        if (i === 0) return part;
        const [marked, rest = ""] = part.split(MARK_END);
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

export function HelpPanel({ slug, locale, draft = "", onChat }: HelpPanelProps) {
  const s = HELP_STRINGS[locale];
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<ArticleHit[] | null>(null);
  const [article, setArticle] = useState<PublicArticle | null>(null);
  const [voted, setVoted] = useState(false);
  const [failed, setFailed] = useState(false);

  // The search box wins; without it, what the visitor is writing to the team suggests
  // articles (chatwoot#6699 asks for it), matched by any of its meaningful words, since a
  // sentence rarely has all of its words in one article.
  const typed = query.trim();
  const q = typed || draft.trim().slice(0, MAX_SEARCH_CHARS);
  const fromDraft = !typed;
  useEffect(() => {
    if (!q) return setHits(null);
    let live = true;
    const timer = setTimeout(() => {
      getJson<{ hits: ArticleHit[] }>(`${base(slug)}/search?q=${encodeURIComponent(q)}&locale=${locale}${fromDraft ? "&match=any" : ""}`).then(
        (r) => live && (setHits(r.hits), setFailed(false)),
        () => live && setFailed(true),
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, fromDraft, slug, locale]);

  const open = async (hit: ArticleHit) => {
    try {
      setArticle(await getJson<PublicArticle>(`${base(slug)}/articles/${encodeURIComponent(hit.groupId)}?locale=${locale}`));
      setVoted(false);
    } catch {
      setFailed(true);
    }
  };
  const vote = (helpful: boolean) => {
    if (!article) return;
    setVoted(true);
    void fetch(`${base(slug)}/articles/${encodeURIComponent(article.groupId)}/feedback?locale=${locale}`, {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ helpful }),
    }).catch(() => undefined);
  };

  return (
    <section class="sb-help" aria-label={s.heading}>
      {article ? (
        <div class="sb-help-article">
          <button type="button" class="sb-secondary" onClick={() => setArticle(null)}>
            ← {s.back}
          </button>
          <h2 class="sb-help-title">{article.title}</h2>
          {article.fallback && <p class="sb-help-note">{s.fallback}</p>}
          <iframe class="sb-help-frame" title={article.title} sandbox="" srcdoc={ARTICLE_STYLE + article.html} />
          <a href={article.url} target="_blank" rel="noopener">
            {s.openPage}
          </a>
          <div class="sb-help-vote" role="group" aria-label={s.helpful}>
            {voted ? (
              <p role="status">{s.thanks}</p>
            ) : (
              <>
                <span>{s.helpful}</span>{" "}
                <button type="button" class="sb-secondary" onClick={() => vote(true)}>
                  👍 {s.yes}
                </button>{" "}
                <button type="button" class="sb-secondary" onClick={() => vote(false)}>
                  👎 {s.no}
                </button>
              </>
            )}
          </div>
        </div>
      ) : (
        <>
          <label class="sb-help-search">
            <span>{s.heading}</span>
            <input type="search" aria-label={s.search} placeholder={s.placeholder} maxLength={100} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
          {failed && <p class="sb-help-note">{s.failed}</p>}
          {hits && hits.length === 0 && !fromDraft && <p class="sb-help-note">{s.none}</p>}
          {hits && hits.length > 0 && fromDraft && (
            <p class="sb-help-note" id="sb-help-suggested">
              {s.suggested}
            </p>
          )}
          {hits && hits.length > 0 && (
            <ul class="sb-help-hits" aria-labelledby={fromDraft ? "sb-help-suggested" : undefined}>
              {hits.map((hit) => (
                <li key={hit.id}>
                  <button type="button" class="sb-help-hit" onClick={() => open(hit)}>
                    <Marked text={hit.title} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <button type="button" class="sb-help-chat" onClick={onChat}>
        {s.chat}
      </button>
    </section>
  );
}
