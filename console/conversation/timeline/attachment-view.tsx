/**
 * @module A message's files: images inline (a preview that links to the full size),
 * everything else as a download chip. Agents fetch `/api/v1/files/:id` with their session
 * cookie; the server serves images `inline` and anything else as a download, each with a
 * sandboxing CSP, so even a hostile upload cannot run as our page.
 */
import { isInlineImage, type Attachment } from "../../../worker/protocol";
import { formatSize } from "../format";
import { Icon } from "../../shared/icon";
import { s } from "../strings";

export const fileUrl = (id: string) => `/api/v1/files/${encodeURIComponent(id)}`;

export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const url = fileUrl(attachment.id);
  if (isInlineImage(attachment.contentType)) {
    return (
      <a class="attachment-image" href={url} target="_blank" rel="noopener noreferrer" title={s.timeline.openImage(attachment.name)}>
        <img src={url} alt={attachment.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a class="attachment-file" href={url} download={attachment.name} aria-label={s.timeline.download(attachment.name, formatSize(attachment.size))}>
      <Icon name="file" />
      <span class="attachment-name">{attachment.name}</span>
      <span class="attachment-size">{formatSize(attachment.size)}</span>
    </a>
  );
}
