/**
 * @module widget.js, the embed. A site adds
 *   <script src="https://SWITCHBOARD/widget.js" data-inbox="PUBLIC_KEY" async></script>
 * and gets a launcher in the inbox's colour and corner; the chat UI (`/widget/`, Preact)
 * loads into an iframe on our origin when the browser is idle or on the first click,
 * whichever comes first. This file loads on every page of the customer's site, so it is
 * framework-free, one closure (local names minify, properties do not) and under 2 KB
 * gzip (test/e2e/size-budget.test.ts). Optional attribute: data-locale="pt-BR|en|es".
 *
 * Host-page CSS cannot break it: the launcher and the iframe live in a shadow root, and
 * the host element's inline `all: initial !important` outranks even `!important` rules
 * of the page (a style attribute beats any selector).
 *
 * It keeps two things in the host site's own (first-party) storage, because browsers
 * partition or block an embedded iframe's storage: the visitor token (the conversation
 * follows the visitor across pages and tabs) and the last config (the launcher is drawn
 * at once on the next page). The iframe gets the token in `init` (see bridge.ts).
 */
import type { WidgetConfig } from "../worker/protocol/webchat";
import { BRIDGE_TAG, type ChatNotice, type HostCommand, type HostPage } from "./bridge";
import { SHADOW_HTML, css } from "./loader/look";
import { installApi } from "./loader/host-api";

const script = (document.currentScript ?? document.querySelector("script[data-inbox]")) as HTMLScriptElement | null;
const win = window as unknown as { __switchboard?: boolean };

if (script?.dataset.inbox && !win.__switchboard) {
  win.__switchboard = true;
  void start(new URL(script.src, location.href).origin, script.dataset.inbox, script.dataset.locale ?? null);
}

/** `locale` is what the page asked for; the chat UI picks the language (see locale.ts). */
async function start(origin: string, inbox: string, locale: string | null) {
  const tokenKey = "switchboard:token:" + inbox;
  const configKey = "switchboard:config:" + inbox;
  let open = false;
  let unread = 0;
  let frame: HTMLIFrameElement | undefined;
  /** Commands for the chat, held until its iframe has loaded. */
  let queue: HostCommand[] | null = [];

  const fresh = fetch(`${origin}/api/v1/widget/config?inbox=${encodeURIComponent(inbox)}`)
    .then((res) => (res.ok ? (res.json() as Promise<WidgetConfig>) : null))
    .catch(() => null);
  // A first visit waits for the config, so the launcher never jumps corner or colour.
  let config = read<WidgetConfig>(configKey) ?? (await fresh);

  const host = document.createElement("switchboard-widget");
  host.setAttribute("style", "all:initial!important");
  // Open, not closed: tests and assistive tooling reach in; page scripts could anyway.
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = SHADOW_HTML;
  const sheet = root.firstChild as HTMLStyleElement;
  const wrapper = root.lastChild as HTMLElement;
  const button = wrapper.firstChild as HTMLButtonElement;
  const badge = button.lastChild as HTMLElement;

  /** The address last reported to the chat. */
  let at: string;
  /** Where the visitor is, for the agents; the chat trims it to what the server takes. */
  const page = (): HostPage => [(at = location.href), document.title, document.referrer];
  const style = (next: WidgetConfig | null) => {
    if (next) write(configKey, (config = next));
    const { color = "", position = "" } = config?.settings ?? {};
    sheet.textContent = css(/^#[0-9a-f]{6}$/i.test(color) ? color : "#1f6feb", position === "left" ? "left" : "right");
  };
  const draw = () => {
    badge.textContent = unread && !open ? String(unread) : "";
    button.setAttribute("aria-label", unread ? `Chat (${unread})` : "Chat");
    button.setAttribute("aria-expanded", String(open));
    wrapper.className = open ? "o" : "";
    frame?.classList.toggle("x", !open);
    // The title notification, seen from other tabs. Only our own prefix is touched, so a
    // single-page app may keep changing its title.
    const title = document.title.replace(/^\(\d+\) /, "");
    document.title = unread ? `(${unread}) ${title}` : title;
  };

  // Only our own origin may receive commands: if the iframe were ever navigated away,
  // the token in `init` must not follow it.
  const send = (command: HostCommand) => frame!.contentWindow!.postMessage({ ...command, tag: BRIDGE_TAG }, origin);
  const post = (command: HostCommand) => (queue ? queue.push(command) : send(command));
  const load = () => {
    if (frame) return;
    frame = document.createElement("iframe");
    frame.title = "Chat";
    frame.allow = "autoplay"; // the new-message sound
    frame.src = `${origin}/widget/?inbox=${encodeURIComponent(inbox)}`;
    // The chat's module script has run (and listens) by its `load` event. A reload
    // inside the iframe loads again and gets a fresh init, not the old queue.
    frame.onload = () => {
      // Focus goes to the chat only once its page is there: focus given to the iframe
      // earlier stays with the blank document it replaced, and a keyboard user's typing
      // would go to the host page.
      if (open) frame!.focus();
      send({ type: "init", token: read(tokenKey), locale, open, config, page: page() });
      for (const command of queue ?? []) send(command);
      queue = null;
    };
    wrapper.append(frame);
    draw();
  };
  const setOpen = (value = !open) => {
    if (value === open) return;
    const hadFocus = document.activeElement === host;
    open = value;
    load();
    draw();
    if (open) queue || frame!.focus(); // not loaded yet: onload focuses it
    else if (hadFocus) button.focus(); // focus returns to where the chat was opened from
    post({ type: "open", value: open });
    emit(open ? "open" : "close", {});
  };

  addEventListener("message", (event) => {
    // Only our chat runs in that window, so its source is proof enough of who speaks.
    const notice = event.data as ChatNotice;
    if (!event.source || event.source !== frame?.contentWindow) return;
    if (notice.type === "token") write(tokenKey, notice.token);
    else if (notice.type === "config") style(notice.config);
    else if (notice.type === "close") setOpen(false);
    else {
      if (notice.name === "unread") (unread = notice.detail.count), draw();
      emit(notice.name, notice.detail);
    }
  });
  const emit = installApi({
    setOpen,
    forward(command) {
      load(); // a signed-in user's conversation (and unread badge) should not wait for idle
      post(command);
    },
  });

  button.onclick = () => setOpen();
  style(null);
  draw();
  void fresh.then(style);
  // On <html>, not <body>: an async script in <head> may run before <body> exists, and
  // frameworks that swap <body> on navigation (Turbo) leave the widget in place.
  document.documentElement.append(host);
  // User Timing mark for sites (and our benchmark): the launcher is on the page.
  performance.mark("switchboard:launcher");

  // A single-page app moves with history.pushState, which fires no event, and wrapping
  // it would meddle with the site's router: a cheap look each second sees every kind of
  // navigation. Before the chat has loaded, a change waits in the queue like any command
  // (init carries the page too; the chat drops a page it already has).
  setInterval(() => at == location.href || post({ type: "page", value: page() }), 1e3);

  // Preload the chat once the page has settled, so the first click opens it at once.
  const idle = () => (window.requestIdleCallback ?? setTimeout)(load, { timeout: 4000 });
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle);
}

function read<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key)!) as T | null;
  } catch {
    return null; // blocked storage, or an unreadable value
  }
}

function write(key: string, value: unknown) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Blocked or full: the widget still works, it just forgets sooner.
  }
}
