/**
 * @module How the launcher looks: its stylesheet, icons and labels. Data only; the
 * behaviour is in ../loader.ts.
 */
/** A disclosure button (https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/): one
 * label, "Chat" in all three languages, with aria-expanded saying whether it is open, so
 * the loader carries no strings to translate; one icon for both states. */
export const SHADOW_HTML = `<style></style><div><button type="button" aria-label="Chat"><svg viewBox="0 0 24 24" width="26"><path fill="currentColor" d="M2 4h20v13H9l-5 4v-4H2z"/></svg><b aria-hidden="true"></b></button></div>`;

/** Colour and side come from the inbox settings and are written into the stylesheet, not
 * passed as custom properties, which the page could override by inheritance. `.x` is the
 * hidden chat, `.o` the wrapper while open (on phones the chat covers the screen and its
 * own header has the close button). No animation here, so none to reduce for
 * prefers-reduced-motion; the chat UI animates its own contents and honours it. */
export function css(color: string, side: string): string {
  return `button,iframe{position:fixed;${side}:20px;bottom:20px;z-index:2147483647;border:0;box-shadow:0 4px 16px #0004}
button{width:56px;height:56px;border-radius:50%;background:${color};color:#fff;cursor:pointer;display:grid;place-items:center}
b{position:absolute;top:-4px;right:-4px;min-width:20px;border-radius:10px;background:#d1242f;font:700 12px/20px sans-serif}
b:empty{display:none}
iframe{bottom:88px;width:370px;height:min(600px,100% - 108px);border-radius:12px;background:#fff}
.x{visibility:hidden}
@media (max-width:480px){iframe{inset:0;width:100%;height:100%;border-radius:0}.o button{display:none}}`;
}
