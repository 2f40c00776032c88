/**
 * @module The reactions under a message: one chip per emoji with how many gave it, named
 * for screen readers and on hover with who reacted ("Maria reacted with 👍").
 */
import { actorName, type NameContext } from "./system-line";
import { groupReactions, type Reaction } from "./message-changes";
import { c } from "../channel-strings";

export function Reactions(props: { reactions: readonly Reaction[]; ctx: NameContext }) {
  if (props.reactions.length === 0) return null;
  return (
    <ul class="reactions" aria-label={c.reactions}>
      {groupReactions(props.reactions).map(({ emoji, actors }) => {
        const label = c.reacted(actors.map((a) => actorName(a, props.ctx)).join(", "), emoji);
        return (
          <li key={emoji} class="reaction" title={label} aria-label={label}>
            <span aria-hidden="true">{emoji}</span>
            {actors.length > 1 && (
              <span class="reaction-count" aria-hidden="true">
                {actors.length}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
