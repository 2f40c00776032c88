/**
 * @module useUploads: the files attached to the message being written. Each starts
 * uploading as soon as it is picked, dropped or pasted, shows its progress, and is either
 * ready (its Attachment goes with the next send) or failed with the reason. Files the
 * limits refuse are listed as failed right away, without a request.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Attachment } from "../../../worker/protocol";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "../../../worker/protocol/limits";
import { isInlineImage } from "../../../worker/protocol";
import { fileProblem, uploadFile, uploadProblem, type UploadHandle } from "./uploads";
import { s } from "../strings";

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  /** A local preview of an image, shown while and after it uploads. */
  previewUrl: string | null;
  progress: number;
  state: "uploading" | "ready" | "failed";
  attachment: Attachment | null;
  error: string | null;
}

export interface Uploads {
  items: readonly UploadItem[];
  add: (files: readonly File[]) => void;
  remove: (key: string) => void;
  /** Forgets every item (after a send): ready files now belong to the sent message. */
  clear: () => void;
  ready: Attachment[];
  busy: boolean;
}

export function useUploads(conversationId: string): Uploads {
  const [items, setItems] = useState<readonly UploadItem[]>([]);
  const current = useRef<readonly UploadItem[]>([]);
  const handles = useRef(new Map<string, UploadHandle>());

  const set = (change: (items: readonly UploadItem[]) => readonly UploadItem[]) => {
    current.current = change(current.current);
    setItems(current.current);
  };
  const patch = (key: string, fields: Partial<UploadItem>) => set((all) => all.map((i) => (i.key === key ? { ...i, ...fields } : i)));
  const drop = (keep: (item: UploadItem) => boolean) =>
    set((all) =>
      all.filter((item) => {
        if (keep(item)) return true;
        handles.current.get(item.key)?.abort();
        handles.current.delete(item.key);
        if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
        return false;
      }),
    );

  useEffect(() => () => drop(() => false), []);

  const add = (files: readonly File[]) => {
    let room = MAX_ATTACHMENTS_PER_MESSAGE - current.current.filter((i) => i.state !== "failed").length;
    for (const file of files) {
      const key = crypto.randomUUID();
      const problem = fileProblem(file) ?? (room <= 0 ? s.composer.upload.tooMany(MAX_ATTACHMENTS_PER_MESSAGE) : null);
      const base = { key, name: file.name, size: file.size, progress: 0, attachment: null };
      if (problem) {
        set((all) => [...all, { ...base, previewUrl: null, state: "failed", error: problem }]);
        continue;
      }
      room--;
      const previewUrl = isInlineImage(file.type) ? URL.createObjectURL(file) : null;
      set((all) => [...all, { ...base, previewUrl, state: "uploading", error: null }]);
      const handle = uploadFile(conversationId, file, (progress) => patch(key, { progress }));
      handles.current.set(key, handle);
      handle.done.then(
        (attachment) => patch(key, { state: "ready", progress: 1, attachment }),
        (err: unknown) => {
          if (handles.current.has(key)) patch(key, { state: "failed", error: uploadProblem(err) });
        },
      );
      handle.done.finally(() => handles.current.delete(key)).catch(() => {});
    }
  };

  return {
    items,
    add,
    remove: (key) => drop((item) => item.key !== key),
    clear: () => drop(() => false),
    ready: items.flatMap((i) => (i.state === "ready" && i.attachment ? [i.attachment] : [])),
    busy: items.some((i) => i.state === "uploading"),
  };
}
