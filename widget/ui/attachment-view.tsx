/**
 * @module One attachment in a message: an image inline (a link to the full size around
 * it), any other file as a download link with its name and size.
 */
import type { Attachment } from "../../worker/protocol";
import { formatSize } from "../attachments";
import { isInlineImage } from "../../worker/protocol/limits";
import { useStrings } from "../i18n";

export function AttachmentView({ attachment, url }: { attachment: Attachment; url: string }) {
  const t = useStrings();
  if (isInlineImage(attachment.contentType)) {
    return (
      <a class="sb-image-link" href={url} target="_blank" rel="noopener noreferrer" aria-label={t.openImage(attachment.name)}>
        <img class="sb-image" src={url} alt={attachment.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a class="sb-file" href={url} download={attachment.name} target="_blank" rel="noopener noreferrer">
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path fill="currentColor" d="M6 2h9l5 5v15H6zM14 3v5h5" />
      </svg>
      {t.download(attachment.name, formatSize(attachment.size))}
    </a>
  );
}
