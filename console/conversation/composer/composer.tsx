/**
 * @module The composer: reply or private note (the whole box turns amber for a note),
 * Enter sends and Shift+Enter breaks the line, `/` at the start searches canned
 * responses, files come by the picker, drag-and-drop or paste and upload at once, and an
 * emoji grid. While the agent writes a reply the customer sees "typing" (throttled by
 * TypingSignal); a note never tells the customer anything.
 */
import type { ComponentChildren, RefObject } from "preact";
import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import type { Attachment, CannedResponse, MessageKind } from "../../../worker/protocol";
import { MAX_BODY_CHARS } from "../../../worker/protocol/limits";
import { TypingSignal } from "../../../client/typing";
import { applyCanned, fillCanned, type CannedContext } from "./canned";
import { CannedPicker, useCannedPicker } from "./canned-picker";
import { ArticlePicker } from "./article-picker";
import { EmojiPicker } from "./emoji-picker";
import { Icon } from "../../shared/icon";
import { UploadList } from "./upload-list";
import { ACCEPT } from "./uploads";
import { useDraft } from "./use-draft";
import { useUploads } from "./use-uploads";
import { SmsCounter } from "./sms-counter";
import { unfilledPlaceholders } from "../../settings/canned-template";
import { s } from "../strings";

export type ComposerMode = "reply" | "note";

export interface ComposerProps {
  conversationId: string;
  draftKey: string;
  mode: ComposerMode;
  onMode: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  canned: CannedContext;
  /** False when the message cannot be sent (empty, too long); the draft then stays. A
   * promise (an e-mail reply, sent over HTTP) keeps the send button busy until settled. */
  onSend: (text: string, kind: Exclude<MessageKind, "attachment">, attachments: Attachment[]) => boolean | Promise<boolean>;
  onTyping: (on: boolean) => void;
  /** The customer cannot be written to (blocked the bot, opted out): only notes go. The
   * notice above the composer says why; the draft stays for when they come back. */
  replyDisabled?: boolean;
  /** An SMS inbox (not WhatsApp through Twilio): show the reply's segment count. */
  smsCounter?: boolean;
  /** Drawn above the text while writing a reply (e-mail: To and the editable Cc). */
  replyHead?: ComponentChildren;
}

/** Show the character count once the text is this close to the limit. */
const COUNT_FROM = MAX_BODY_CHARS * 0.9;

export function Composer(props: ComposerProps) {
  const ids = useId();
  const [text, setText] = useDraft(props.draftKey);
  const [caret, setCaret] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sending, setSending] = useState(false);
  const uploads = useUploads(props.conversationId);
  const fileInput = useRef<HTMLInputElement>(null);
  const onTyping = useRef(props.onTyping);
  onTyping.current = props.onTyping;
  const typing = useMemo(() => new TypingSignal((on) => onTyping.current(on)), []);
  useEffect(() => () => typing.stop(), []);
  useEffect(() => {
    if (props.mode === "note") typing.stop();
  }, [props.mode]);

  const edit = (next: string, nextCaret: number) => {
    setText(next);
    setCaret(nextCaret);
    setNotice(null);
    if (props.mode === "reply") typing.input(next);
  };

  const pick = (response: CannedResponse) => {
    const result = applyCanned(text, fillCanned(response, props.canned));
    edit(result.text, result.caret);
    requestAnimationFrame(() => props.textareaRef.current?.setSelectionRange(result.caret, result.caret));
  };
  const listId = `${ids}-canned`;
  const picker = useCannedPicker(text, caret, listId, pick);

  const insert = (snippet: string) => {
    const el = props.textareaRef.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    edit(text.slice(0, start) + snippet + text.slice(end), start + snippet.length);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  // A reply must not reach the customer with `{{contact.name}}` in it; a note may (only
  // the team reads it). The warning shows while they are there and sending waits.
  const unfilled = props.mode === "reply" ? unfilledPlaceholders(text) : [];

  const replyBlocked = props.replyDisabled === true && props.mode === "reply";

  const submit = async () => {
    if (unfilled.length > 0 || replyBlocked || sending) return;
    if (uploads.busy) return setNotice(s.composer.waitUploads);
    if (text.length > MAX_BODY_CHARS) return setNotice(s.composer.tooLong(MAX_BODY_CHARS));
    const result = props.onSend(text, props.mode === "note" ? "note" : "text", uploads.ready);
    let sent: boolean;
    if (typeof result === "boolean") sent = result;
    else {
      setSending(true);
      sent = await result.finally(() => setSending(false));
    }
    if (!sent) return;
    typing.stop();
    setText("");
    setCaret(0);
    uploads.clear();
    // A note is a one-off: the next thing typed is a reply again, so an agent who
    // answers next does not leave the customer's answer as a private note.
    if (props.mode === "note") props.onMode("reply");
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (picker.onKeyDown(e)) return;
    // Never while an IME is composing: Enter there confirms a character.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes("Files");
  const note = props.mode === "note";
  const canSend = (text.trim() !== "" || uploads.ready.length > 0) && !uploads.busy && unfilled.length === 0 && !replyBlocked && !sending;
  // A note never leaves the console, so it costs no SMS.
  const counted = props.smsCounter === true && !note;

  return (
    <form
      class={`pane-composer${note ? " pane-composer--note" : ""}${dragging ? " pane-composer--drop" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        uploads.add([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      {!note && props.replyHead}
      <UploadList items={uploads.items} onRemove={uploads.remove} />
      <div class="composer-box">
        {picker.query !== null && (
          <CannedPicker id={listId} query={picker.query} state={picker.state} active={picker.active} onPick={pick} onHover={picker.setActive} />
        )}
        <label class="visually-hidden" for={`${ids}-input`}>
          {note ? s.composer.note : s.composer.reply}
        </label>
        <textarea
          id={`${ids}-input`}
          ref={props.textareaRef}
          rows={2}
          placeholder={note ? s.composer.notePlaceholder : s.composer.replyPlaceholder}
          value={text}
          aria-autocomplete="list"
          {...picker.textareaProps}
          aria-describedby={counted ? `${ids}-hint ${ids}-sms` : `${ids}-hint`}
          onInput={(e) => edit(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => setCaret(e.currentTarget.selectionStart)}
          onClick={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => typing.stop()}
          onPaste={(e) => {
            const files = [...(e.clipboardData?.files ?? [])];
            if (files.length === 0) return;
            e.preventDefault();
            uploads.add(files);
          }}
        />
        {dragging && <div class="drop-hint">{s.composer.dropHere}</div>}
      </div>
      {counted && <SmsCounter id={`${ids}-sms`} text={text} />}
      {unfilled.length > 0 && (
        <p class="composer-warning" role="alert">
          {s.composer.unfilled(unfilled.join(", "))}
        </p>
      )}
      <div class="composer-tools">
        <div class="composer-modes" role="radiogroup" aria-label={s.composer.mode}>
          {(["reply", "note"] as const).map((mode) => (
            <label key={mode} class={`mode mode--${mode}`}>
              <input type="radio" name={`${ids}-mode`} checked={props.mode === mode} onChange={() => props.onMode(mode)} />
              {mode === "reply" ? s.composer.reply : s.composer.note}
            </label>
          ))}
        </div>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={ACCEPT}
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            uploads.add([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = "";
          }}
        />
        <button type="button" class="tool-button" aria-label={s.composer.attach} title={s.composer.attach} onClick={() => fileInput.current?.click()}>
          <Icon name="paperclip" />
        </button>
        <EmojiPicker onPick={insert} />
        <ArticlePicker onInsert={insert} />
        <span id={`${ids}-hint`} class="composer-hint">
          {s.composer.hint}
        </span>
        {text.length > COUNT_FROM && <span class="composer-count">{`${text.length} / ${MAX_BODY_CHARS}`}</span>}
        {notice && (
          <span class="error" role="alert">
            {notice}
          </span>
        )}
        <button type="submit" class="send-button" disabled={!canSend}>
          {note ? s.composer.addNote : s.composer.send}
        </button>
      </div>
    </form>
  );
}
