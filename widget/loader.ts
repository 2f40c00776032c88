/**
 * @module widget.js, the embed. A site adds
 *   <script src="https://SWITCHBOARD/widget.js" data-inbox="PUBLIC_KEY" async></script>
 * and gets a launcher button that opens the chat UI (`/widget/?inbox=KEY`, served by the
 * same origin as this script) in an iframe. Framework-free and tiny on purpose: it loads
 * on every page of the customer's site, and the chat itself only loads on first click.
 * Optional attributes: data-color="#rrggbb", data-position="left|right".
 */

const script = (document.currentScript ?? document.querySelector("script[data-inbox]")) as HTMLScriptElement | null;
const guard = "__switchboardWidget";
const win = window as unknown as Record<string, unknown>;

if (script?.dataset.inbox && !win[guard]) {
  win[guard] = true;
  mount(script);
}

function mount(script: HTMLScriptElement) {
  const origin = new URL(script.src, location.href).origin;
  const inbox = script.dataset.inbox!;
  const color = /^#[0-9a-f]{6}$/i.test(script.dataset.color ?? "") ? script.dataset.color! : "#1f6feb";
  const side = script.dataset.position === "left" ? "left" : "right";

  // A shadow root keeps the host page's CSS off our button and ours off the page.
  const host = document.createElement("div");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>
    button{position:fixed;bottom:20px;${side}:20px;width:56px;height:56px;border:0;border-radius:50%;
      background:${color};color:#fff;font-size:26px;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);z-index:2147483647}
    iframe{position:fixed;bottom:88px;${side}:20px;width:370px;height:560px;max-height:calc(100vh - 108px);
      border:0;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.25);background:#fff;z-index:2147483647}
    @media (max-width:480px){iframe{inset:0;width:100%;height:100%;max-height:none;border-radius:0}}
  </style><button type="button" aria-label="Open chat" aria-expanded="false">💬</button>`;
  const button = root.querySelector("button")!;
  let frame: HTMLIFrameElement | null = null;

  const setOpen = (open: boolean) => {
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.title = "Chat";
      frame.src = `${origin}/widget/?inbox=${encodeURIComponent(inbox)}`;
      root.append(frame);
    }
    if (frame) frame.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    button.textContent = open ? "×" : "💬";
  };

  button.addEventListener("click", () => setOpen(!frame || frame.hidden !== false));
  // The chat's own close button asks us to hide it; only our iframe may ask.
  addEventListener("message", (event) => {
    if (frame && event.source === frame.contentWindow && event.data?.type === "switchboard:close") setOpen(false);
  });
  // An async script in <head> can run before <body> exists.
  if (document.body) document.body.append(host);
  else addEventListener("DOMContentLoaded", () => document.body.append(host));
}
