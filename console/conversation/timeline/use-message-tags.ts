/**
 * @module useMessageTags: the tags on single messages of the open conversation, loaded
 * once on open and changed from each message's menu. A toggle shows at once and writes
 * in order behind the previous one; a refusal puts the old set back and says why.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "../../api";
import { paneApi } from "../api";
import { s } from "../strings";

export interface MessageTagsState {
  bySeq: ReadonlyMap<number, readonly string[]>;
  set: (seq: number, tagIds: string[]) => void;
  error: string | null;
}

export function useMessageTags(id: string): MessageTagsState {
  const [bySeq, setBySeq] = useState<ReadonlyMap<number, readonly string[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const writes = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    paneApi.messageTags(id).then(
      (res) => setBySeq(new Map(res.messages.map((m) => [m.seq, m.tagIds]))),
      () => setBySeq(new Map()),
    );
  }, [id]);

  const put = (seq: number, tagIds: readonly string[]) => setBySeq((map) => new Map(map).set(seq, tagIds));

  const set = (seq: number, tagIds: string[]) => {
    const before = bySeq.get(seq) ?? [];
    put(seq, tagIds);
    setError(null);
    writes.current = writes.current.then(() =>
      paneApi.setMessageTags(id, seq, tagIds).then(
        (res) => put(seq, res.tagIds),
        (err: unknown) => {
          put(seq, before);
          setError(s.actions.failed(errorMessage(err)));
        },
      ),
    );
  };

  return { bySeq, set, error };
}
