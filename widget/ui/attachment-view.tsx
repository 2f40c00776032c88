/**
 * @module One attachment in a message: an image inline (a link to the full size around
 * it), any other file as a download link with its name and size. The URL is a signed,
 * short-lived link fetched per file (never the visitor token in a URL). An image keeps
 * the URL it loaded with (the browser has the bytes); the link's href is refreshed when
 * the pointer or focus reaches it after the link has run out, before the click.
 */
import { useEffect, useState } from "preact/hooks";
import type { Attachment, WidgetFileLink } from "../../worker/protocol";
import { formatSize } from "../attachments";
import { isInlineImage } from "../../worker/protocol/limits";
import { useStrings } from "../i18n";
import type { FileLinks } from "./message-list";

export function AttachmentView({ attachment, link }: { attachment: Attachment; link: FileLinks }) {
  const s = useStrings();
  const [current, setCurrent] = useState<WidgetFileLink | null>(null);
  const [src, setSrc] = useState<string | null>(null);
  const load = () =>
    link(attachment.id).then(
      (next) => {
        setCurrent(next);
        setSrc((shown) => shown ?? next.url);
      },
      () => {}, // No link (offline, file gone): the name still shows; hovering tries again.
    );
  useEffect(() => void load(), [attachment.id]);
  const refresh = () => {
    if (!current || current.expiresAt <= Date.now() + 60_000) void load();
  };
  const href = current?.url;

  if (isInlineImage(attachment.contentType)) {
    return (
      <a class="sb-image-link" href={href} target="_blank" rel="noopener noreferrer" aria-label={s.openImage(attachment.name)} onPointerEnter={refresh} onFocus={refresh}>
        {src ? <img class="sb-image" src={src} alt={attachment.name} loading="lazy" /> : <span class="sb-file">{attachment.name}</span>}
      </a>
    );
  }
  return (
    <a class="sb-file" href={href} download={attachment.name} target="_blank" rel="noopener noreferrer" onPointerEnter={refresh} onFocus={refresh}>
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path fill="currentColor" d="M6 2h9l5 5v15H6zM14 3v5h5" />
      </svg>
      {s.download(attachment.name, formatSize(attachment.size))}
    </a>
  );
}
