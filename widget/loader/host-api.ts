/**
 * @module `window.Switchboard`, the host page's handle on the widget:
 *
 *   Switchboard.identify({ id, name, email, phone, hash })   // hash: see README
 *   Switchboard.open() · close() · toggle() · reset()        // reset() on logout
 *   Switchboard.setLocale("pt-BR") · setAttributes({ plan: "pro" })
 *   Switchboard.on("unread", ({ count }) => …)               // ready open close message unread
 *
 * The script loads async, so a page may queue calls first:
 *   window.Switchboard = window.Switchboard || []; Switchboard.push(["identify", {…}]);
 */
import type { WidgetIdentifyBody } from "../../worker/protocol/webchat";
import type { Attributes, HostCommand, WidgetEventName, WidgetEvents } from "../bridge";

type Listener<K extends WidgetEventName> = (detail: WidgetEvents[K]) => void;

export interface SwitchboardApi {
  identify(user: WidgetIdentifyBody): void;
  open(): void;
  close(): void;
  toggle(): void;
  setLocale(locale: string): void;
  setAttributes(attributes: Attributes): void;
  reset(): void;
  on<K extends WidgetEventName>(name: K, listener: Listener<K>): void;
  off<K extends WidgetEventName>(name: K, listener: Listener<K>): void;
  push(call: [string, ...unknown[]]): void;
}

/** Calls the chat UI carries out itself; the loader only forwards them. */
const FORWARDED = ["identify", "setAttributes", "setLocale", "reset"] as const;

export interface ApiActions {
  setOpen(open: boolean | undefined): void;
  forward(command: HostCommand): void;
}

/** Installs the API and replays calls queued before the script ran; returns `emit`. */
export function installApi(actions: ApiActions): <K extends WidgetEventName>(name: K, detail: WidgetEvents[K]) => void {
  const listeners: { [K in WidgetEventName]?: Listener<K>[] } = {};
  let ready = false;
  const win = window as unknown as { Switchboard?: unknown };
  const queued = win.Switchboard;
  const api = {
    open: () => actions.setOpen(true),
    close: () => actions.setOpen(false),
    toggle: () => actions.setOpen(undefined),
    on(name, listener) {
      ((listeners[name] ??= []) as Listener<typeof name>[]).push(listener);
      // The script is async: a listener added after `ready` still hears it.
      if (name === "ready" && ready) listener({} as never);
    },
    off(name, listener) {
      listeners[name] = listeners[name]?.filter((l) => l !== listener) as never;
    },
    push([name, ...args]) {
      (api as unknown as Record<string, (...a: unknown[]) => void>)[name]?.(...args);
    },
  } as SwitchboardApi;
  for (const type of FORWARDED) {
    (api as unknown as Record<string, unknown>)[type] = (value: unknown) => actions.forward({ type, value } as HostCommand);
  }
  win.Switchboard = api;
  if (Array.isArray(queued)) for (const call of queued) api.push(call);

  return (name, detail) => {
    if (name === "ready") ready = true;
    // Each in its own task: a listener that throws is reported but breaks nothing else.
    for (const listener of listeners[name] ?? []) setTimeout(listener, 0, detail);
  };
}
