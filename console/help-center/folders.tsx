/**
 * @module A portal's categories and the folders inside them: every agent sees them
 * (articles are filed into them); admins add categories and add, rename and delete
 * folders (the routes are admin-only). The
 * server decides what a delete does to the folder's articles; the list is re-read after
 * each change so what is shown is what is stored.
 */
import { useState } from "preact/hooks";
import type { HcCategory, HcFolder } from "../../worker/protocol";
import { errorMessage } from "../api";
import { hcApi } from "./hc-api";
import { s } from "./strings";

function FolderRow(props: { folder: HcFolder; admin: boolean; run: (action: () => Promise<unknown>) => Promise<boolean> }) {
  const { folder } = props;
  const [name, setName] = useState(folder.name);
  if (!props.admin) return <li>{folder.name}</li>;
  return (
    <li>
      <form class="settings-form--inline" onSubmit={(e) => (e.preventDefault(), void props.run(() => hcApi.renameFolder(folder.id, name)))}>
        <input aria-label={s.folderName(folder.name)} value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />{" "}
        <button type="submit">{s.rename}</button>{" "}
        <button type="button" onClick={() => props.run(() => hcApi.deleteFolder(folder.id))}>
          {s.remove}
        </button>
      </form>
    </li>
  );
}

function CategoryFolders(props: { category: HcCategory; admin: boolean; onChanged: () => void }) {
  const { category } = props;
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      props.onChanged();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };
  const add = async (e: Event) => {
    e.preventDefault();
    if (await run(() => hcApi.createFolder(category.id, name))) setName("");
  };
  return (
    <li>
      <strong>{category.name}</strong>
      {category.folders.length === 0 && <span class="muted"> · {s.noFolders}</span>}
      <ul>
        {category.folders.map((f) => (
          <FolderRow key={`${f.id}:${f.name}`} folder={f} admin={props.admin} run={run} />
        ))}
      </ul>
      {props.admin && (
        <form class="settings-form--inline" onSubmit={add}>
          <input aria-label={s.newFolder(category.name)} value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />{" "}
          <button type="submit">{s.addFolder}</button>
        </form>
      )}
      {error && <p role="alert">{error}</p>}
    </li>
  );
}

/** Admins add a category: its name and the slug its public URL uses. */
function NewCategory(props: { portalId: string; onChanged: () => void }) {
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await hcApi.createCategory(props.portalId, { name: name.trim(), slug: slug.trim() });
      setName("");
      setSlug("");
      props.onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="settings-form--inline hc-new-category" onSubmit={add}>
      <input aria-label={s.categoryName} placeholder={s.categoryName} value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />{" "}
      <input aria-label={s.categorySlug} placeholder={s.categorySlug} value={slug} maxLength={100} onInput={(e) => setSlug(e.currentTarget.value)} />{" "}
      <button type="submit">{s.addCategory}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

export function FolderManager(props: { portalId: string; categories: HcCategory[]; admin: boolean; onChanged: () => void }) {
  return (
    <>
      <h3>{s.folders}</h3>
      {props.admin && <NewCategory portalId={props.portalId} onChanged={props.onChanged} />}
      {props.categories.length === 0 && <p class="muted">{s.noCategories}</p>}
      <ul class="settings-list hc-folders">
        {props.categories.map((c) => (
          <CategoryFolders key={c.id} category={c} admin={props.admin} onChanged={props.onChanged} />
        ))}
      </ul>
    </>
  );
}
