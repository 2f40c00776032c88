/**
 * @module One article in the console: the Markdown editor with a preview rendered by the
 * server's own renderer (so it is what customers will see), and, for a saved article, its
 * publishing history and feedback. The preview is shown in a sandboxed frame with no
 * script permission: even if the renderer let something through, it could not run here.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Article, ArticleFeedbackList, ArticleRevision, ArticleVisibility, HcCategory, HcLocale, Portal, Tag } from "../../worker/protocol";
import { errorMessage } from "../api";
import { hcApi } from "./hc-api";
import { ImageUploadButton, markdownImage } from "./image-upload";
import { s } from "./strings";

export type EditorTarget = { article: Article } | { portal: Portal; locale: HcLocale; translationOf: Article | null };

interface Draft {
  title: string;
  excerpt: string;
  body: string;
  status: "draft" | "published";
  visibility: ArticleVisibility;
  segmentTagId: string | null;
  categoryId: string | null;
}

const VISIBILITIES: ArticleVisibility[] = ["public", "customers", "segment", "internal"];

function draftOf(target: EditorTarget): Draft {
  if ("article" in target) {
    const a = target.article;
    return { title: a.title, excerpt: a.excerpt, body: a.body, status: a.status, visibility: a.visibility, segmentTagId: a.segmentTagId, categoryId: a.categoryId };
  }
  const source = target.translationOf;
  return { title: "", excerpt: "", body: source?.body ?? "", status: "draft", visibility: source?.visibility ?? "public", segmentTagId: source?.segmentTagId ?? null, categoryId: source?.categoryId ?? null };
}

export function ArticleEditor(props: { target: EditorTarget; categories: HcCategory[]; tags: Tag[]; onSaved: (article: Article) => void; onClose: () => void }) {
  const { target } = props;
  const saved = "article" in target ? target.article : null;
  const [draft, setDraft] = useState(() => draftOf(target));
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [history, setHistory] = useState<ArticleRevision[]>([]);
  const [feedback, setFeedback] = useState<ArticleFeedbackList | null>(null);
  const [imageAlt, setImageAlt] = useState("");
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  /** Puts the uploaded image's Markdown where the cursor is (replacing any selection);
   * the textarea keeps its selection while the file picker is open. */
  const insertImage = (url: string, fileName: string) => {
    const area = bodyRef.current;
    const markdown = markdownImage(imageAlt || fileName.replace(/\.[^.]+$/, ""), url);
    const start = area?.selectionStart ?? draft.body.length;
    const end = area?.selectionEnd ?? start;
    setDraft((d) => ({ ...d, body: d.body.slice(0, start) + markdown + d.body.slice(end) }));
    setImageAlt("");
    requestAnimationFrame(() => area?.setSelectionRange(start + markdown.length, start + markdown.length));
  };

  useEffect(() => {
    if (!saved) return;
    hcApi.revisions(saved.id).then((r) => setHistory(r.revisions), () => undefined);
    hcApi.feedback(saved.id).then(setFeedback, () => undefined);
  }, [saved?.id, saved?.updatedAt]);

  const preview = async () => {
    try {
      setPreviewHtml((await hcApi.preview(draft.body)).html);
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setStatus(null);
    const segmentTagId = draft.visibility === "segment" ? draft.segmentTagId : null;
    try {
      const article =
        "article" in target
          ? await hcApi.update(target.article.id, { ...draft, segmentTagId, ...(target.article.translationOf ? { categoryId: undefined } : {}) })
          : await hcApi.create({
            portalId: target.portal.id,
            locale: target.locale,
            ...(target.translationOf ? { translationOf: target.translationOf.id } : { categoryId: draft.categoryId }),
            title: draft.title,
            excerpt: draft.excerpt,
            body: draft.body,
            status: draft.status,
            visibility: draft.visibility,
            ...(segmentTagId ? { segmentTagId } : {}),
          });
      setStatus(s.saved);
      props.onSaved(article);
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };

  const locale = "article" in target ? target.article.locale : target.locale;
  return (
    <section class="settings-section hc-editor" aria-label={saved ? saved.title : s.newArticle}>
      <button type="button" onClick={props.onClose}>
        ← {s.close}
      </button>
      {"translationOf" in target && target.translationOf && <p class="muted">{s.translationOf(target.translationOf.title)}</p>}
      {/* The id the menu bot's and automation's "answer with an article" take. */}
      {saved && (
        <p class="muted">
          id <code>{saved.id}</code>
        </p>
      )}
      <form class="settings-form" onSubmit={save} noValidate>
        <label>
          {s.fieldTitle} ({locale})
          <input value={draft.title} maxLength={200} required onInput={(e) => set({ title: e.currentTarget.value })} />
        </label>
        <label>
          {s.fieldStatus}
          <select value={draft.status} onChange={(e) => set({ status: e.currentTarget.value as Draft["status"] })}>
            <option value="draft">{s.status.draft}</option>
            <option value="published">{s.status.published}</option>
          </select>
        </label>
        <label>
          {s.fieldVisibility}
          <select value={draft.visibility} onChange={(e) => set({ visibility: e.currentTarget.value as ArticleVisibility })}>
            {VISIBILITIES.map((v) => (
              <option value={v}>{s.visibility[v]}</option>
            ))}
          </select>
        </label>
        {draft.visibility === "segment" && (
          <label>
            {s.fieldSegment}
            <select value={draft.segmentTagId ?? ""} onChange={(e) => set({ segmentTagId: e.currentTarget.value || null })}>
              <option value="">{s.none}</option>
              {props.tags.map((t) => (
                <option value={t.id}>{t.name}</option>
              ))}
            </select>
          </label>
        )}
        {!(saved?.translationOf ?? ("translationOf" in target && target.translationOf)) && (
          <label>
            {s.fieldCategory}
            <select value={draft.categoryId ?? ""} onChange={(e) => set({ categoryId: e.currentTarget.value || null })}>
              <option value="">{s.none}</option>
              {props.categories.map((c) => (
                <option value={c.id}>{c.name}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {s.fieldExcerpt}
          <input value={draft.excerpt} maxLength={300} onInput={(e) => set({ excerpt: e.currentTarget.value })} />
        </label>
        <label>
          {s.fieldBody}
          <textarea ref={bodyRef} class="hc-body" rows={16} value={draft.body} onInput={(e) => set({ body: e.currentTarget.value })} />
        </label>
        <p class="hc-insert-image">
          <label>
            {s.imageAlt} <input value={imageAlt} maxLength={200} onInput={(e) => setImageAlt(e.currentTarget.value)} />
          </label>{" "}
          <ImageUploadButton label={s.insertImage} onUploaded={(u, file) => insertImage(u.url, file.name)} onError={setStatus} />
        </p>
        <p>
          <button type="submit">{s.save}</button> <button type="button" onClick={preview}>{s.preview}</button>
        </p>
        {status && <p role="status">{status}</p>}
      </form>
      {previewHtml !== null && <iframe class="hc-preview" title={s.preview} sandbox="" srcdoc={previewHtml} />}
      {saved && (
        <>
          <h3>{s.feedback}</h3>
          {feedback && (
            <p>
              {s.views(feedback.views)} · {s.helpful(feedback.helpfulYes, feedback.helpfulNo)}
            </p>
          )}
          {feedback && feedback.comments.length === 0 && <p class="muted">{s.noComments}</p>}
          <ul>{feedback?.comments.map((c) => <li>{`${c.helpful ? "👍" : "👎"} ${c.comment ?? ""}`}</li>)}</ul>
          <h3>{s.history}</h3>
          <ol class="hc-history">
            {history.map((r) => (
              <li>
                <time dateTime={new Date(r.at).toISOString()}>{new Date(r.at).toLocaleString()}</time> {s.revisionLine(r.actor.name ?? r.actor.type, s.revision[r.action], r.changed.join(", "))}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
