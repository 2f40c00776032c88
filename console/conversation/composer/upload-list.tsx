/**
 * @module The files attached to the draft: a chip per file with its preview or name,
 * a progress bar while it uploads, the reason when it failed, and a remove button.
 */
import { formatSize } from "../format";
import { Icon } from "../../shared/icon";
import type { UploadItem } from "./use-uploads";
import { s } from "../strings";

export function UploadList(props: { items: readonly UploadItem[]; onRemove: (key: string) => void }) {
  if (props.items.length === 0) return null;
  const u = s.composer.upload;
  return (
    <ul class="upload-list">
      {props.items.map((item) => (
        <li key={item.key} class={`upload upload--${item.state}`}>
          {item.previewUrl ? <img class="upload-preview" src={item.previewUrl} alt="" /> : <Icon name="file" />}
          <span class="upload-name">{item.name}</span>
          <span class="upload-size">{formatSize(item.size)}</span>
          {item.state === "uploading" && (
            <progress class="upload-progress" max={1} value={item.progress} aria-label={u.progress(item.name)} />
          )}
          {item.state === "failed" && (
            <span class="error" role="alert">
              {item.error}
            </span>
          )}
          <button type="button" class="icon-button" aria-label={u.remove(item.name)} title={u.remove(item.name)} onClick={() => props.onRemove(item.key)}>
            <Icon name="close" />
          </button>
        </li>
      ))}
    </ul>
  );
}
