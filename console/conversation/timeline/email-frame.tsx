/**
 * @module An e-mail's HTML part in a sandboxed frame. The HTML is fetched from the file
 * route (as the console fetches attachments: session cookie, same origin), made safe by
 * email-html.ts, and put in `srcdoc` of an `<iframe sandbox="">`: no scripts, no forms,
 * no popups, and an opaque origin that can reach neither the console nor its cookies.
 * Remote images stay out until the agent clicks "load images"; `cid:` images come from
 * the message's own inline files, fetched here and handed over as data: URLs (the
 * sandboxed frame could not fetch them itself: it has no session).
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Attachment } from "../../../worker/protocol";
import { errorMessage } from "../../api";
import { e } from "../email-strings";
import { fileUrl } from "./attachment-view";
import { normalizeCid, safeEmailHtml } from "./email-html";

/** Beyond this the frame would cost the console more than it shows; the original .eml
 * stays downloadable. */
export const MAX_HTML_CHARS = 2_000_000;
/** Inline images travel as data: URLs inside `srcdoc`: keep the document bounded. */
const MAX_INLINE_BYTES = 5 * 1024 * 1024;
const RASTER = /^image\/(png|jpe?g|gif|webp|bmp)$/i;

type Load = { state: "loading" } | { state: "failed"; why: string } | { state: "too-big" } | { state: "ready"; html: string; inline: ReadonlyMap<string, string> };

/** The `cid:` references in the HTML, normalized. */
function cidsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/cid:([^"'\s)>]+)/gi)].map((m) => normalizeCid(m[1]!)));
}

/** The inline file a Content-ID names. The message's attachments carry their file name
 * only, and mail clients name inline parts after it (Outlook: `image001.png@01D9…` for
 * image001.png; Apple Mail: the file name itself), so both are tried. */
export function attachmentForCid(cid: string, attachments: readonly Attachment[]): Attachment | undefined {
  const images = attachments.filter((a) => RASTER.test(a.contentType));
  // By Content-ID (RFC 2392); mail stored before attachments carried one falls back to
  // the file name (Outlook names inline images after their Content-ID's local part).
  const byId = images.find((a) => a.contentId !== undefined && normalizeCid(a.contentId) === cid);
  if (byId) return byId;
  const local = cid.split("@")[0]!;
  return images.find((a) => [cid, local].includes(a.name.toLowerCase()));
}

async function dataUrl(attachment: Attachment): Promise<string> {
  const res = await fetch(fileUrl(attachment.id), { credentials: "same-origin" });
  if (!res.ok) throw new Error(String(res.status));
  const bytes = new Uint8Array(await res.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${attachment.contentType.toLowerCase()};base64,${btoa(binary)}`;
}

async function loadInline(html: string, attachments: readonly Attachment[]): Promise<Map<string, string>> {
  const inline = new Map<string, string>();
  let budget = MAX_INLINE_BYTES;
  for (const cid of cidsIn(html)) {
    const file = attachmentForCid(cid, attachments);
    if (!file || file.size > budget) continue;
    budget -= file.size;
    // One image that cannot be fetched leaves a gap, not a failed message.
    inline.set(cid, await dataUrl(file).catch(() => ""));
  }
  for (const [cid, url] of inline) if (!url) inline.delete(cid);
  return inline;
}

export function EmailFrame(props: { htmlFileId: string; subject: string; attachments: readonly Attachment[] }) {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [loadImages, setLoadImages] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const res = await fetch(fileUrl(props.htmlFileId), { credentials: "same-origin" });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const html = await res.text();
        if (html.length > MAX_HTML_CHARS) return live && setLoad({ state: "too-big" });
        const inline = await loadInline(html, props.attachments);
        if (live) setLoad({ state: "ready", html, inline });
      } catch (err) {
        if (live) setLoad({ state: "failed", why: errorMessage(err) });
      }
    })();
    return () => void (live = false);
  }, [props.htmlFileId]);

  const safe = useMemo(() => (load.state === "ready" ? safeEmailHtml(load.html, { loadImages, inline: load.inline }) : null), [load, loadImages]);

  if (load.state === "loading") return <p class="email-note muted">{e.htmlLoading}</p>;
  if (load.state === "failed") return <p class="email-note error" role="alert">{e.htmlFailed(load.why)}</p>;
  if (load.state === "too-big" || !safe) return <p class="email-note muted">{e.htmlTooBig}</p>;
  return (
    <div class="email-html">
      {safe.blockedRemote > 0 && !loadImages && (
        <p class="email-images">
          <span class="muted">{e.imagesBlocked(safe.blockedRemote)}</span>{" "}
          <button type="button" class="link-button" onClick={() => setLoadImages(true)}>
            {e.loadImages}
          </button>
        </p>
      )}
      {/* sandbox="" allows nothing: no scripts, forms, popups, top navigation, nor the
          console's origin. Not one token may be added here. */}
      <iframe class="email-frame" sandbox="" referrerpolicy="no-referrer" title={e.htmlTitle(props.subject || e.noSubject)} srcdoc={safe.document} />
    </div>
  );
}
