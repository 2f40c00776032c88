/**
 * @module The messages between widget.js (on the host page) and the chat UI (in the
 * iframe, on our origin). postMessage is the only channel: the iframe cannot read the
 * host page and the host page cannot read the chat. Types only, so it costs the loader
 * nothing.
 *
 *   loader ──init──▶ chat UI            (on the iframe's load; the loader queues until then)
 *   loader ──open / identify / setAttributes / setLocale / reset / page──▶ chat UI
 *   chat UI ──token / config / close / event──▶ loader
 *
 * Commands are named after the `window.Switchboard` methods they carry out, so the
 * loader can forward most calls without knowing them.
 */
import type { ParticipantType } from "../worker/protocol/events";
import type { WidgetConfig, WidgetContactBody, WidgetIdentifyBody } from "../worker/protocol/webchat";

/** Every command carries this tag, so the chat never mistakes another script's messages
 * for ours. (The loader needs none: it only listens to its own iframe's window.) */
export const BRIDGE_TAG = "switchboard";

/** `Switchboard.setAttributes()`: what the contact API stores as custom attributes. */
export type Attributes = NonNullable<WidgetContactBody["attributes"]>;

/** Where the visitor is on the host site, as the loader reads it (`location.href`,
 * `document.title` (perhaps with our unread prefix), `document.referrer`, "" when none). A tuple, not an
 * object: property names do not minify, and the loader is at its 2 KB budget. The chat
 * turns it into the API's `VisitorPage` (visitor-context.ts). */
export type HostPage = [url: string, title: string, referrer: string];

/** Loader → chat UI. */
export type HostCommand =
  | {
      type: "init";
      /** The visitor token, kept in the host site's own storage (first-party). */
      token: string | null;
      /** What the page asked for (data-locale); the chat UI picks the language. */
      locale: string | null;
      open: boolean;
      /** The config the loader already fetched, if it has one: saves the chat a request. */
      config: WidgetConfig | null;
      /** The host page the visitor is on; null when the chat runs standalone. */
      page: HostPage | null;
    }
  /** The visitor moved to another page of the site (single-page navigation). */
  | { type: "page"; value: HostPage }
  | { type: "open"; value: boolean }
  | { type: "identify"; value: WidgetIdentifyBody }
  | { type: "setAttributes"; value: Attributes }
  | { type: "setLocale"; value: string }
  | { type: "reset"; value?: undefined };

/** Events the host page can listen to with `Switchboard.on(name, listener)`. */
export interface WidgetEvents {
  ready: Record<string, never>;
  open: Record<string, never>;
  close: Record<string, never>;
  message: { from: ParticipantType; name: string | null; body: string; at: number };
  unread: { count: number };
}
export type WidgetEventName = keyof WidgetEvents;

/** Chat UI → loader. */
export type ChatNotice =
  /** Store (or, with null, forget) the visitor token first-party. */
  | { type: "token"; token: string | null }
  /** Fresh config: the loader restyles the launcher and caches it for the next page. */
  | { type: "config"; config: WidgetConfig }
  /** The visitor closed the chat from inside (close button, Escape). */
  | { type: "close" }
  | { [K in WidgetEventName]: { type: "event"; name: K; detail: WidgetEvents[K] } }[WidgetEventName];

export type Tagged<T> = T & { tag: typeof BRIDGE_TAG };
