/**
 * @module A help center portal's settings: name, slug, logo, colours, custom domain,
 * languages, audience and the web chat inbox it embeds. Admins create and change portals
 * (the routes are admin-only); agents see the same form read-only. The server's complaints
 * are shown beside the field they name.
 */
import { useEffect, useState } from "preact/hooks";
import { HC_LOCALES, type HcLocale, type Inbox, type Portal, type PortalAudience } from "../../worker/protocol";
import { api, ApiError, errorMessage } from "../api";
import { Field, FormMessage } from "../settings/form-field";
import { hcApi } from "./hc-api";
import { ImageUploadButton } from "./image-upload";
import { s } from "./strings";

interface PortalDraft {
  name: string;
  slug: string;
  logoFileId: string | null;
  logoUrl: string | null;
  primaryColor: string;
  backgroundColor: string;
  customDomain: string;
  defaultLocale: HcLocale;
  locales: HcLocale[];
  audience: PortalAudience;
  chatInboxId: string | null;
}

const blank: PortalDraft = { name: "", slug: "", logoFileId: null, logoUrl: null, primaryColor: "#1f6feb", backgroundColor: "#ffffff", customDomain: "", defaultLocale: "pt-BR", locales: [...HC_LOCALES], audience: "public", chatInboxId: null };

function draftOf(p: Portal | null): PortalDraft {
  if (!p) return blank;
  // Only the fields the (strict) body takes: id, siteOrigin and the times are the server's.
  const { name, slug, logoFileId, primaryColor, backgroundColor, defaultLocale, locales, audience, chatInboxId } = p;
  const logoUrl = logoFileId ? `/hc-files/${encodeURIComponent(logoFileId)}` : null;
  return { name, slug, logoFileId, logoUrl, primaryColor, backgroundColor, customDomain: p.customDomain ?? "", defaultLocale, locales, audience, chatInboxId };
}

/** The field an error belongs to: the server's issue path, or the reference a 404 names. */
function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = String(issue.path[0] ?? "");
    if (key && !out[key]) out[key] = issue.message;
  }
  if (err.code === "inbox_not_found") out.chatInboxId = err.message;
  if (err.code === "not_found") out.logoFileId = err.message;
  return out;
}

export function PortalSettings(props: { portal: Portal | null; admin: boolean; onSaved: (p: Portal) => void; onDeleted?: (id: string) => void }) {
  const { portal, admin } = props;
  const [draft, setDraft] = useState(() => draftOf(portal));
  const [inboxes, setInboxes] = useState<Inbox[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<PortalDraft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => {
    api.inboxes().then((r) => setInboxes(r.inboxes.filter((i) => i.kind === "webchat")), () => undefined);
  }, []);

  const toggleLocale = (l: HcLocale, on: boolean) => set({ locales: on ? HC_LOCALES.filter((x) => x === l || draft.locales.includes(x)) : draft.locales.filter((x) => x !== l) });

  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    setSaved(false);
    const { logoUrl: _shown, customDomain, ...rest } = draft;
    const body = { ...rest, customDomain: customDomain.trim() || null };
    try {
      const result = portal ? await hcApi.updatePortal(portal.id, body) : await hcApi.createPortal(body);
      setSaved(true);
      props.onSaved(result);
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(byField);
      setMessage(Object.keys(byField).length > 0 ? s.checkFields : errorMessage(err));
    }
  };

  // Only an empty portal can go (the server answers 409 otherwise), so nothing but its
  // address is lost; still asked, since links to it stop working.
  const remove = async () => {
    if (!portal || !confirm(s.confirmDeletePortal)) return;
    setMessage(null);
    try {
      await hcApi.deletePortal(portal.id);
      props.onDeleted?.(portal.id);
    } catch (err) {
      setMessage(err instanceof ApiError && err.status === 409 ? s.portalNotEmpty : errorMessage(err));
    }
  };

  return (
    <form class="settings-form hc-portal-form" aria-label={portal ? s.portalSettings : s.newPortal} onSubmit={submit} noValidate>
      {!admin && <p class="muted">{s.readOnly}</p>}
      <fieldset disabled={!admin}>
        <Field label={s.portalName} error={errors.name}>
          {(aria) => <input {...aria} value={draft.name} maxLength={80} onInput={(e) => set({ name: e.currentTarget.value })} />}
        </Field>
        <Field label={s.portalSlug} error={errors.slug}>
          {(aria) => <input {...aria} value={draft.slug} maxLength={48} onInput={(e) => set({ slug: e.currentTarget.value })} />}
        </Field>
        <Field label={s.portalLogo} error={errors.logoFileId}>
          {(aria) => (
            <div {...aria}>
              {draft.logoUrl && <img class="hc-logo-preview" src={draft.logoUrl} alt="" height={32} />}{" "}
              <ImageUploadButton label={s.uploadLogo} disabled={!admin} onUploaded={(u) => set({ logoFileId: u.id, logoUrl: u.url })} onError={(m) => setErrors((x) => ({ ...x, logoFileId: m ?? "" }))} />{" "}
              {draft.logoFileId && (
                <button type="button" onClick={() => set({ logoFileId: null, logoUrl: null })}>
                  {s.removeLogo}
                </button>
              )}
            </div>
          )}
        </Field>
        <Field label={s.primaryColor} error={errors.primaryColor}>
          {(aria) => <input {...aria} type="color" value={draft.primaryColor} onInput={(e) => set({ primaryColor: e.currentTarget.value })} />}
        </Field>
        <Field label={s.backgroundColor} error={errors.backgroundColor}>
          {(aria) => <input {...aria} type="color" value={draft.backgroundColor} onInput={(e) => set({ backgroundColor: e.currentTarget.value })} />}
        </Field>
        <Field label={s.customDomain} hint={s.customDomainHint} error={errors.customDomain}>
          {(aria) => <input {...aria} value={draft.customDomain} maxLength={253} onInput={(e) => set({ customDomain: e.currentTarget.value })} />}
        </Field>
        <Field label={s.defaultLocale} error={errors.defaultLocale}>
          {(aria) => (
            <select {...aria} value={draft.defaultLocale} onChange={(e) => set({ defaultLocale: e.currentTarget.value as HcLocale })}>
              {HC_LOCALES.map((l) => (
                <option value={l}>{l}</option>
              ))}
            </select>
          )}
        </Field>
        <fieldset class="hc-locales">
          <legend>{s.offeredLocales}</legend>
          {HC_LOCALES.map((l) => (
            <label>
              <input type="checkbox" checked={draft.locales.includes(l)} onChange={(e) => toggleLocale(l, e.currentTarget.checked)} /> {l}
            </label>
          ))}
          {errors.locales && <p class="field-error">{errors.locales}</p>}
        </fieldset>
        <Field label={s.audience} error={errors.audience}>
          {(aria) => (
            <select {...aria} value={draft.audience} onChange={(e) => set({ audience: e.currentTarget.value as PortalAudience })}>
              <option value="public">{s.audiences.public}</option>
              <option value="customers">{s.audiences.customers}</option>
            </select>
          )}
        </Field>
        <Field label={s.chatInbox} error={errors.chatInboxId}>
          {(aria) => (
            <select {...aria} value={draft.chatInboxId ?? ""} onChange={(e) => set({ chatInboxId: e.currentTarget.value || null })}>
              <option value="">{s.none}</option>
              {inboxes.map((i) => (
                <option value={i.id}>{i.name}</option>
              ))}
              {draft.chatInboxId && !inboxes.some((i) => i.id === draft.chatInboxId) && <option value={draft.chatInboxId}>{draft.chatInboxId}</option>}
            </select>
          )}
        </Field>
        {admin && <button type="submit">{portal ? s.save : s.create}</button>}{" "}
        {admin && portal && props.onDeleted && (
          <button type="button" class="danger" onClick={remove}>
            {s.deletePortal}
          </button>
        )}
      </fieldset>
      <FormMessage message={message} />
      {saved && <p role="status">{s.portalSaved}</p>}
    </form>
  );
}
