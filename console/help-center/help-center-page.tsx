/**
 * @module The console's help center (issue 17): pick a portal (admins create and set it up,
 * agents see its settings read-only; portal-settings.tsx), arrange folders (folders.tsx), see its
 * articles in every language with views and helpful counts, write or edit one, or add a
 * translation. Loaded as its own chunk (shell/lazy-part.tsx): agents who never open it
 * never download it.
 */
import { useEffect, useState } from "preact/hooks";
import { HC_LOCALES, type Article, type ArticleSummary, type HcCategory, type HcLocale, type Me, type Portal, type Tag } from "../../worker/protocol";
import { errorMessage } from "../api";
import { hasRole } from "../shell/roles";
import { ArticleEditor, type EditorTarget } from "./article-editor";
import { FolderManager } from "./folders";
import { hcApi } from "./hc-api";
import { PortalSettings } from "./portal-settings";
import { s } from "./strings";
import "./help-center.css";

export function HelpCenterPage(props: { me: Me }) {
  const admin = hasRole(props.me, "admin");
  const [portals, setPortals] = useState<Portal[] | null>(null);
  const [portalId, setPortalId] = useState<string | null>(null);
  const [articles, setArticles] = useState<ArticleSummary[]>([]);
  const [categories, setCategories] = useState<HcCategory[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [locale, setLocale] = useState<HcLocale | "">("");
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [error, setError] = useState<string | null>(null);
  const portal = portals?.find((p) => p.id === portalId) ?? null;

  useEffect(() => {
    hcApi.portals().then((r) => {
      setPortals(r.portals);
      setPortalId((current) => current ?? r.portals[0]?.id ?? null);
    }, (err) => setError(errorMessage(err)));
    hcApi.tags().then((r) => setTags(r.tags), () => undefined);
  }, []);

  const reload = () => {
    if (!portalId) return;
    hcApi.articles(portalId, locale ? { locale } : {}).then((r) => setArticles(r.articles), (err) => setError(errorMessage(err)));
    hcApi.categories(portalId).then((r) => setCategories(r.categories), () => undefined);
  };
  useEffect(reload, [portalId, locale]);

  const open = async (id: string) => {
    try {
      setEditing({ article: await hcApi.article(id) });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const saved = (article: Article) => {
    setEditing({ article });
    reload();
  };

  if (editing) return <ArticleEditor target={editing} categories={categories} tags={tags} onSaved={saved} onClose={() => setEditing(null)} />;
  return (
    <section class="settings-section hc-page" aria-labelledby="hc-heading">
      <h2 id="hc-heading">{s.title}</h2>
      {error && <p role="alert">{error}</p>}
      {portals && portals.length === 0 && <p>{admin ? s.noPortals : s.noPortalsAgent}</p>}
      {portals && portals.length > 0 && (
        <p>
          <label>
            {s.portal}{" "}
            <select value={portalId ?? ""} onChange={(e) => setPortalId(e.currentTarget.value)}>
              {portals.map((p) => (
                <option value={p.id}>{p.name}</option>
              ))}
            </select>
          </label>{" "}
          <label>
            <select value={locale} aria-label={s.fieldLocale} onChange={(e) => setLocale(e.currentTarget.value as HcLocale | "")}>
              <option value="">{s.allLocales}</option>
              {HC_LOCALES.map((l) => (
                <option value={l}>{l}</option>
              ))}
            </select>
          </label>{" "}
          {portal && (
            <a href={`/hc/${portal.slug}/${portal.defaultLocale}/`} target="_blank" rel="noopener">
              {s.publicPage}
            </a>
          )}
        </p>
      )}
      {admin && (
        <details class="hc-new-portal">
          <summary>{s.newPortal}</summary>
          <PortalSettings key={`new:${portals?.length ?? 0}`} portal={null} admin onSaved={(p) => (setPortals((all) => [...(all ?? []), p]), setPortalId(p.id))} />
        </details>
      )}
      {portal && (
        <>
          <details class="hc-portal-settings">
            <summary>{s.portalSettings}</summary>
            <PortalSettings
              key={portal.id}
              portal={portal}
              admin={admin}
              onSaved={(p) => setPortals((all) => (all ?? []).map((x) => (x.id === p.id ? p : x)))}
              onDeleted={(id) => {
                const rest = (portals ?? []).filter((x) => x.id !== id);
                setPortals(rest);
                setPortalId(rest[0]?.id ?? null);
              }}
            />
          </details>
          <FolderManager portalId={portal.id} categories={categories} admin={admin} onChanged={reload} />
          <h3>{s.articles}</h3>
          <p>
            {portal.locales.map((l) => (
              <button type="button" onClick={() => setEditing({ portal, locale: l, translationOf: null })}>
                {s.newArticle} ({l})
              </button>
            ))}
          </p>
          {articles.length === 0 && <p class="muted">{s.noArticles}</p>}
          <ul class="settings-list hc-articles">
            {articles.map((a) => (
              <li>
                <button type="button" class="link-button" onClick={() => open(a.id)}>
                  {a.title}
                </button>{" "}
                <span class="muted">
                  {a.locale} · {s.status[a.status]} · {s.visibility[a.visibility]} · {s.views(a.views)} · {s.helpful(a.helpfulYes, a.helpfulNo)}
                </span>{" "}
                {a.translationOf === null &&
                  portal.locales
                    .filter((l) => l !== a.locale && !articles.some((t) => t.groupId === a.groupId && t.locale === l))
                    .map((l) => (
                      <button
                        type="button"
                        onClick={async () => setEditing({ portal, locale: l, translationOf: await hcApi.article(a.id) })}
                      >
                        {s.translate} ({l})
                      </button>
                    ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
