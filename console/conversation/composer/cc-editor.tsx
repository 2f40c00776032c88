/**
 * @module The e-mail reply's addressees above the composer: To (the customer, as text)
 * and the Cc list as removable chips with a field to add one (Enter, comma or the Add
 * button; checked with the protocol's MailAddress before it joins the list).
 */
import { useId, useState } from "preact/hooks";
import type { MailboxContent } from "../../../worker/protocol";
import { e } from "../email-strings";
import { mailboxText } from "../timeline/email-view";
import { addCc } from "./email-reply";

export function CcEditor(props: { to: MailboxContent | null; cc: readonly string[]; onCc: (cc: string[]) => void; error: string | null }) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    if (typed.trim() === "") return;
    const result = addCc(props.cc, typed);
    if (!result.ok) return setProblem(result.error);
    props.onCc(result.list);
    setTyped("");
    setProblem(null);
  };
  return (
    <div class="email-reply-head">
      <dl class="cc-editor">
        {props.to && (
          <>
            <dt>{e.reply.to}</dt>
            <dd class="reply-to">{mailboxText(props.to)}</dd>
          </>
        )}
        <dt id={`${id}-cc`}>{e.reply.cc}</dt>
        <dd>
          <ul class="cc-list" aria-labelledby={`${id}-cc`}>
            {props.cc.map((address) => (
              <li key={address} class="cc-chip">
                <span class="cc-address">{address}</span>
                <button type="button" class="link-button" aria-label={e.reply.ccRemove(address)} onClick={() => props.onCc(props.cc.filter((a) => a !== address))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </dd>
        <dd class="cc-add">
          <label class="visually-hidden" for={`${id}-add`}>
            {e.reply.ccAdd}
          </label>
          <input
            id={`${id}-add`}
            type="email"
            name="cc-add"
            placeholder={e.reply.ccAdd}
            value={typed}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onInput={(ev) => {
              setTyped(ev.currentTarget.value);
              setProblem(null);
            }}
            onKeyDown={(ev) => {
              // Enter here adds the address; it must never send the reply.
              if (ev.key === "Enter" || ev.key === ",") {
                ev.preventDefault();
                add();
              }
            }}
          />
          <button type="button" onClick={add}>
            {e.reply.ccAddButton}
          </button>
        </dd>
      </dl>
      {problem && (
        <p id={`${id}-problem`} class="field-error" role="alert">
          {problem}
        </p>
      )}
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
