/**
 * @module A channel's icon, the same wherever the console shows one (list rows, search
 * hits, the pane's header, messages and contact panel): one small inline SVG per
 * ChannelKind, drawn in the channel's brand colour and named for screen readers, since
 * the icon is often the only place that says the channel. `labelled` writes the name
 * beside it too.
 */
import type { ChannelKind } from "../../worker/protocol";
import { s as listStrings } from "../list/strings";
import { StrokeIcon } from "./icon";

/** Stroke paths on a 24×24 grid. Colours are darkened brand colours that keep 3:1
 * against white, the WCAG minimum for meaningful graphics. */
const ICONS: Record<ChannelKind, { color: string; paths: string[] }> = {
  webchat: { color: "#1f6feb", paths: ["M4 5h16v11H9l-5 4z", "M8 10h8", "M8 13h5"] },
  whatsapp: {
    color: "#1a7f37",
    paths: ["M4 20l1.3-4A8 8 0 1 1 8 18.7z", "M9 9c0 3 3 6 6 6l1-1.5-2-1-1 1c-1-.5-2-1.5-2.5-2.5l1-1-1-2z"],
  },
  telegram: { color: "#0969da", paths: ["M21 4L3 11l6 2 2 6 3-4 5 4z", "M9 13l12-9"] },
  messenger: { color: "#8250df", paths: ["M12 3a9 8.5 0 0 0-5 15.5V21l3-1.6A9 8.5 0 1 0 12 3z", "M7 13.5l3.5-3.5 2.5 2 3.5-3.5"] },
  instagram: { color: "#bf3989", paths: ["M7 3h10a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4z", "M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z", "M17 6.5v.01"] },
  sms: { color: "#9a6700", paths: ["M7 2h10a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z", "M9 8h6", "M9 11h6", "M11 19h2"] },
  email: { color: "#cf222e", paths: ["M3 6h18v12H3z", "M3 6l9 7 9-7"] },
  // Angle brackets: a channel your own code carries.
  api: { color: "#57606a", paths: ["M8 7l-5 5 5 5", "M16 7l5 5-5 5", "M14 4l-4 16"] },
};

export function ChannelIcon({ channel, size = 16, labelled = false }: { channel: ChannelKind; size?: number; labelled?: boolean }) {
  const icon = ICONS[channel];
  const name = listStrings.channels[channel];
  const svg = <StrokeIcon class="channel-icon" paths={icon.paths} color={icon.color} size={size} label={name} data-channel={channel} />;
  if (!labelled) return svg;
  return (
    <span class="channel-badge">
      {svg}
      {/* The icon already carries the name for assistive technology. */}
      <span aria-hidden="true">{name}</span>
    </span>
  );
}
