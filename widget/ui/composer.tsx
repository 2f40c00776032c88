/**
 * @module The message box: Enter sends, Shift+Enter breaks the line; files come from the
 * paperclip or a paste, are checked against the server's limits before they upload, and
 * show as chips (images with a thumbnail) until the message goes.
 */
import type { Ref } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Attachment } from "../../worker/protocol";
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_CHARS } from "../../worker/protocol/limits";
import { ACCEPT, fileProblem, uploadProblem } from "../attachments";
import { useStrings } from "../i18n";

/** The character counter appears this close to the limit. */
const COUNTER_FROM = MAX_BODY_CHARS - 500;

export interface ComposerProps {
  onSend: (text: string, attachments: Attachment[]) => boolean;
  upload: (file: File) => Promise<Attachment>;
  onTyping: (text: string) => void;
  inputRef: Ref<HTMLTextAreaElement>;
}

interface Draft {
  file: File;
  /** An object URL for an image's thumbnail. */
  preview: string | null;
}

export function Composer(props: ComposerProps) {
  const s = useStrings();
  const [text, setText] = useState("");
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // Thumbnails hold memory until revoked: on removal, on send, and when the box goes.
  const current = useRef(drafts);
  current.current = drafts;
  useEffect(() => () => revoke(current.current), []);

  const addFiles = (files: Iterable<File>) => {
    const next = [...drafts];
    for (const file of files) {
      const why = fileProblem(file, s);
      if (why) return setProblem(why);
      if (next.length >= MAX_ATTACHMENTS_PER_MESSAGE) break;
      next.push({ file, preview: file.type.startsWith("image/") ? URL.createObjectURL(file) : null });
    }
    setProblem(null);
    setDrafts(next);
  };

  const submit = async () => {
    if (uploading || (text.trim() === "" && drafts.length === 0)) return;
    let attachments: Attachment[] = [];
    if (drafts.length > 0) {
      setUploading(true);
      try {
        attachments = await Promise.all(drafts.map((d) => props.upload(d.file)));
      } catch (err) {
        setProblem(uploadProblem(err, s));
        return;
      } finally {
        setUploading(false);
      }
    }
    if (props.onSend(text, attachments)) {
      setText("");
      revoke(drafts);
      setDrafts([]);
      setProblem(null);
    }
  };

  const left = MAX_BODY_CHARS - text.length;
  return (
    <form
      class="sb-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {problem && (
        <p class="sb-problem" role="alert">
          {problem}
        </p>
      )}
      {drafts.length > 0 && (
        <ul class="sb-drafts">
          {drafts.map((d, i) => (
            <li key={d.preview ?? d.file.name + i} class="sb-draft">
              {d.preview ? <img src={d.preview} alt="" width={40} height={40} /> : null}
              <span class="sb-draft-name">{d.file.name}</span>
              <button
                type="button"
                class="sb-icon-button"
                aria-label={s.removeAttachment(d.file.name)}
                onClick={() => {
                  revoke([d]);
                  setDrafts(drafts.filter((_, j) => j !== i));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="sb-compose-row">
        <label class="sb-icon-button sb-attach" title={s.attach}>
          <input
            type="file"
            class="sb-visually-hidden"
            accept={ACCEPT}
            multiple
            aria-label={s.attach}
            onChange={(e) => {
              addFiles(e.currentTarget.files ?? []);
              e.currentTarget.value = ""; // picking the same file again must fire again
            }}
          />
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17.2a1.7 1.7 0 0 1-2.4-2.4L15 7" />
          </svg>
        </label>
        <textarea
          ref={props.inputRef}
          class="sb-input"
          aria-label={s.message}
          aria-describedby={text.length >= COUNTER_FROM ? "sb-counter" : undefined}
          placeholder={s.placeholder}
          rows={1}
          maxLength={MAX_BODY_CHARS}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            props.onTyping(e.currentTarget.value);
          }}
          onPaste={(e) => {
            const files = [...(e.clipboardData?.files ?? [])];
            if (files.length > 0) {
              e.preventDefault();
              addFiles(files);
            }
          }}
          onKeyDown={(e) => {
            // Enter sends, Shift+Enter breaks the line; never while an IME is composing.
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <button type="submit" class="sb-send" disabled={uploading || (text.trim() === "" && drafts.length === 0)}>
          {uploading ? s.uploading : s.send}
        </button>
      </div>
      {text.length >= COUNTER_FROM && (
        <p id="sb-counter" class="sb-counter" aria-live="polite">
          {s.charsLeft(left)}
        </p>
      )}
    </form>
  );
}

function revoke(drafts: readonly Draft[]): void {
  for (const d of drafts) if (d.preview) URL.revokeObjectURL(d.preview);
}
