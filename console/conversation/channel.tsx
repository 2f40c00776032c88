/**
 * @module A channel's icon in the pane: the list's own icon (one look for a channel
 * everywhere in the console), optionally with the channel's name written beside it.
 */
import type { ChannelKind } from "../../worker/protocol";
import { ChannelIcon as ChannelGlyph } from "../list/channel-icon";
import { listStrings } from "../list/strings";

export function ChannelIcon(props: { channel: ChannelKind; labelled?: boolean }) {
  return (
    <span class="channel-badge">
      <ChannelGlyph channel={props.channel} size={14} />
      {/* The icon already carries the name for assistive technology. */}
      {props.labelled && <span aria-hidden="true">{listStrings.channels[props.channel]}</span>}
    </span>
  );
}
