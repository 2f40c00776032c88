/**
 * @module Boot requests: what the console's first screen needs is asked for as early as
 * the page allows, and once. On an empty cache most of the time before the first paint
 * goes to downloading and compiling the console's scripts, so index.html's inline script
 * sends the setup-state and session GETs (`EARLY_GETS`) and the list's first page as
 * this browser last asked for it (`rememberFirstPage`) before the scripts even load.
 * While the console boots, `call` (api.ts) takes those responses, and parts of the first
 * screen that ask for the same path (the inbox banner and the filters both want the
 * inboxes) share one response. The boot ends once the first screen has rendered
 * (`endBoot`); from then on every call goes to the network, so no later call is answered
 * from an earlier response, and a response nobody took (another view, a signed-out
 * session) is dropped.
 *
 * Outside a page that ran the inline script (component tests) there is no boot: every
 * call goes to the network.
 */

/** Sent by index.html's inline script on every load: keep the two lists the same (a test
 * checks). */
export const EARLY_GETS = ["/api/v1/setup", "/api/v1/me"] as const;
/** Where the list's first-page path waits for the next load; index.html reads it too. */
export const FIRST_PAGE_KEY = "switchboard:console-first-page";

declare global {
  interface Window {
    /** Set by index.html's inline script: path → the response it asked for. */
    switchboardEarly?: Record<string, Promise<Response>>;
  }
}

let booting = globalThis.window?.switchboardEarly !== undefined;
const responses = new Map<string, Promise<Response>>(Object.entries(globalThis.window?.switchboardEarly ?? {}));

/** `send`'s response for `path`, or during the boot, a copy of the one response every
 * caller of that path shares (sent early by the inline script, or by the first caller). */
export function bootFetch(path: string, send: () => Promise<Response>): Promise<Response> {
  if (!booting) return send();
  let response = responses.get(path);
  if (!response) {
    response = send();
    responses.set(path, response);
  }
  // A body reads once: each caller gets its own copy and the original stays unread.
  return response.then((r) => r.clone());
}

/** The first screen is up: later calls go to the network. */
export function endBoot(): void {
  booting = false;
  responses.clear();
  delete globalThis.window?.switchboardEarly;
}

/** The list's first page to send early on the next load (the view this browser shows
 * now); null forgets it, e.g. on logout. */
export function rememberFirstPage(path: string | null, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    if (path === null) storage?.removeItem(FIRST_PAGE_KEY);
    else storage?.setItem(FIRST_PAGE_KEY, path);
  } catch {
    // Not remembered (private mode, quota): the next load asks a little later, that is all.
  }
}
