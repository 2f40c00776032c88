/**
 * @module The chat UI's end of the bridge (see bridge.ts): commands from the loader in,
 * notices out. When the chat is not inside our loader (opened directly at
 * `/widget/?inbox=KEY`, or framed by a page without widget.js) it runs standalone: its
 * own storage keeps the token and nobody listens to its notices.
 */
import { BRIDGE_TAG, type ChatNotice, type HostCommand, type Tagged } from "./bridge";
import { safeLocalStorage } from "../client/outbox";

export type InitCommand = Extract<HostCommand, { type: "init" }>;
type Command = Exclude<HostCommand, InitCommand>;

/** The loader sends `init` on the iframe's load event; a frame without our loader
 * around it gets this long before it gives up waiting and runs standalone. */
const INIT_WAIT_MS = 3_000;

export interface HostLink {
  readonly embedded: boolean;
  /** The loader's init, or a standalone one. */
  readonly init: Promise<InitCommand>;
  /** Commands after init, in order; those that came before a handler are replayed. */
  onCommand(handler: (command: Command) => void): void;
  notify(notice: ChatNotice): void;
}

export function connectHost(inbox: string, win: Window = window): HostLink {
  const framed = win.parent !== win;
  const storage = safeLocalStorage();
  const tokenKey = `switchboard:token:${inbox}`;
  let embedded = false;
  let handler: ((command: Command) => void) | null = null;
  const early: Command[] = [];

  const standalone = (): InitCommand => ({ type: "init", token: storage?.getItem(tokenKey) ?? null, locale: null, open: true, config: null, page: null });
  const init = new Promise<InitCommand>((resolve) => {
    if (!framed) return resolve(standalone());
    const timer = setTimeout(() => resolve(standalone()), INIT_WAIT_MS);
    win.addEventListener("message", (event) => {
      const data = event.data as Tagged<HostCommand> | null;
      if (event.source !== win.parent || data?.tag !== BRIDGE_TAG) return;
      if (data.type === "init") {
        clearTimeout(timer);
        embedded = true;
        resolve(data);
      } else if (handler) handler(data);
      else early.push(data);
    });
  });

  return {
    get embedded() {
      return embedded;
    },
    init,
    onCommand(next) {
      handler = next;
      for (const command of early.splice(0)) next(command);
    },
    notify(notice) {
      if (embedded) {
        // The token goes to whatever page embeds us: that page's loader asked for it and
        // keeps it in its own storage. A page that frames us without the loader never
        // gets here (embedded stays false).
        win.parent.postMessage(notice, "*");
      } else if (notice.type === "token") {
        try {
          if (notice.token) storage?.setItem(tokenKey, notice.token);
          else storage?.removeItem(tokenKey);
        } catch {
          // Blocked storage: the conversation lasts as long as this page.
        }
      }
    },
  };
}
