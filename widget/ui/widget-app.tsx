/**
 * @module WidgetApp: the chat UI's root. Waits for the loader's `init` (token, language,
 * open or not), carries out the host page's commands (open, identify, setAttributes,
 * setLocale, reset, page), and tells the host what happens (ready, message, unread, close).
 * The header shows at once from the config; the conversation once the session is up.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ConversationEvent, WidgetConfig } from "../../worker/protocol";
import type { HostLink } from "../host-link";
import { STRINGS, StringsContext, type Strings } from "../i18n";
import { pickLocale, type Locale } from "../locale";
import { chime, setSoundEnabled, soundEnabled } from "../sound";
import { VisitorSession } from "../visitor";
import { PageTracker } from "../visitor-page";
import { WidgetApiError, visitorApi } from "../visitor-api";
import { Header } from "./header";
import { Chat } from "./chat";
import { HelpSlot } from "./help-slot";
import { useOwnConnectionLost, usePageVisible, useVisitor } from "./hooks";

export function WidgetApp({ inbox, link }: { inbox: string | null; link: HostLink }) {
  const [locale, setLocale] = useState<Locale>(() => pickLocale(null));
  const [open, setOpen] = useState(false);
  const [config, setConfig] = useState<WidgetConfig | null>(null);
  const [visitor, setVisitor] = useState<VisitorSession | null>(null);
  const [sound, setSound] = useState(soundEnabled);
  // The help center shows above the chat until the visitor chooses to chat.
  const [helpShown, setHelpShown] = useState(true);
  // What the visitor writes before the conversation starts: the help panel suggests from it.
  const [draft, setDraft] = useState("");
  const state = useVisitor(visitor);
  const visible = usePageVisible();
  const connectionLost = useOwnConnectionLost(state.phase === "ready" ? state.feed : null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const s = STRINGS[locale];
  // Read by the live-event callback, which is created once.
  const live = useRef({ seen: false, sound, locale });
  live.current = { seen: open && visible, sound, locale };

  useEffect(() => {
    if (!inbox) return;
    let session: VisitorSession | undefined;
    let pages: PageTracker | undefined;
    void link.init.then((init) => {
      setLocale(pickLocale(init.locale));
      setOpen(init.open);
      if (init.config) setConfig(init.config);
      pages = new PageTracker(init.page, (page) => session?.reportPage(page));
      const tracker = pages;
      session = new VisitorSession(inbox, init.token, {
        onToken: (token) => link.notify({ type: "token", token }),
        onLiveEvent: (event) => announce(event, link, live.current),
        about: () => ({ locale: live.current.locale, context: tracker.context() }),
      });
      setVisitor(session);
      // A returning visitor connects at once: new replies light up the launcher badge.
      if (init.token || init.open) session.ensure().catch(() => {});
      link.onCommand((command) => {
        if (command.type === "open") {
          setOpen(command.value);
          if (command.value) session!.ensure().catch(() => {});
        } else if (command.type === "setLocale") setLocale(pickLocale(command.value));
        else if (command.type === "reset") void session!.reset();
        else if (command.type === "identify") session!.identify(command.value).catch(warn("identify"));
        else if (command.type === "page") tracker.moved(command.value);
        else session!.updateContact({ attributes: command.value }).catch(warn("setAttributes"));
      });
      // Always fresh: the loader's copy may be from an earlier page, and "online" moves.
      visitorApi.config(inbox).then((fresh) => {
        setConfig(fresh);
        link.notify({ type: "config", config: fresh });
      }, warn("config"));
      link.notify({ type: "event", name: "ready", detail: {} });
    });
    return () => {
      session?.stop();
      pages?.stop();
    };
  }, [inbox]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Focus goes to the message box on open (and once the session is ready), unless the
  // visitor is already typing in another field of the chat, the help search box say: a
  // session that finishes loading must not pull their keystrokes into the message box.
  // Escape closes from anywhere in the chat.
  useLayoutEffect(() => {
    if (open && !typingElsewhere(inputRef.current)) inputRef.current?.focus();
  }, [open, state.phase]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && link.embedded) link.notify({ type: "close" });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  if (!inbox) {
    return (
      <p class="sb-status sb-status--error" role="alert">
        {s.unavailable(s.noInbox)}
      </p>
    );
  }
  const settings = state.phase === "ready" ? state.session.inbox.settings : config?.settings;
  const name = state.phase === "ready" ? state.session.inbox.name : (config?.name ?? "");

  return (
    <StringsContext.Provider value={s}>
      <div class="sb-chat" style={settings ? { "--sb-color": settings.color } : undefined} aria-labelledby="sb-title" role="dialog">
        <Header
          name={name}
          avatarUrl={settings?.avatarUrl ?? null}
          presence={config}
          connectionLost={connectionLost}
          sound={sound}
          onSound={(on) => {
            setSound(on);
            setSoundEnabled(on);
          }}
          onClose={link.embedded ? () => link.notify({ type: "close" }) : undefined}
        />
        {helpShown && (
          <HelpSlot
            inbox={inbox}
            locale={locale}
            draft={draft}
            onChat={() => {
              setHelpShown(false);
              requestAnimationFrame(() => inputRef.current?.focus());
            }}
          />
        )}
        {state.phase === "ready" ? (
          <Chat
            key={state.session.conversationId}
            session={state.session}
            feed={state.feed}
            visitor={visitor!}
            config={config}
            locale={locale}
            open={open}
            seen={open && visible}
            inputRef={inputRef}
            onUnread={(count) => link.notify({ type: "event", name: "unread", detail: { count } })}
            onDraft={helpShown ? setDraft : undefined}
          />
        ) : state.phase === "failed" ? (
          <div class="sb-status sb-status--error" role="alert">
            <p>{failure(state.error, s)}</p>
            <button type="button" class="sb-secondary" onClick={() => visitor?.ensure().catch(() => {})}>
              {s.retry}
            </button>
          </div>
        ) : (
          <p class="sb-status" role="status">
            {s.connecting}
          </p>
        )}
      </div>
    </StringsContext.Provider>
  );
}

/** A stored event that arrived live: the host hears of messages, the visitor hears the
 * team's when the chat is not in front of them (and the sound is on). */
function announce(event: ConversationEvent, link: HostLink, now: { seen: boolean; sound: boolean }) {
  if (event.type !== "message" || event.kind === "note") return;
  link.notify({ type: "event", name: "message", detail: { from: event.actor.type, name: event.actor.name ?? null, body: event.body, at: event.at } });
  if (event.actor.type !== "contact" && now.sound && !now.seen) chime();
}

function failure(error: unknown, s: Strings): string {
  if (error instanceof WidgetApiError && error.code === "rate_limited") return s.tooManyChats;
  if (error instanceof WidgetApiError && error.code === "inbox_not_found") return s.unavailable(s.noInbox);
  return s.unavailable(error instanceof Error ? error.message : String(error));
}

const warn = (what: string) => (err: unknown) => console.warn(`Switchboard ${what}:`, err instanceof Error ? err.message : err);

function typingElsewhere(messageBox: HTMLElement | null): boolean {
  const active = document.activeElement;
  return active !== messageBox && (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement);
}
