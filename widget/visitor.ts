/**
 * @module VisitorSession: who the visitor is and which conversation the widget shows.
 * Starts lazily — on open, on identify(), or at once for a returning visitor (whose
 * token the host page kept), so a page view alone never creates a contact. Switches
 * conversation when identify() proves the visitor is a known user, and forgets
 * everything on reset() (the host page's logout). Framework-free; the UI subscribes.
 */
import type { Attachment, ConversationEvent, VisitorPage, WidgetContact, WidgetContactBody, WidgetIdentifyBody, WidgetSession, WidgetSessionBody } from "../worker/protocol";
import { ConversationFeed } from "./live/feed";
import { Outbox, safeLocalStorage } from "./live/outbox";
import { WidgetApiError, parseFrame, socketUrl, visitorApi } from "./visitor-api";

export type VisitorState =
  | { phase: "idle" }
  | { phase: "starting" }
  | { phase: "failed"; error: unknown }
  | { phase: "ready"; session: WidgetSession; feed: ConversationFeed };

export interface VisitorCallbacks {
  /** The token to keep (first-party, by the loader), or null to forget it. */
  onToken: (token: string | null) => void;
  onLiveEvent: (event: ConversationEvent) => void;
  /** What a session start or resume tells the server about the visitor: the chat's
   * language (a new visitor is named in it) and where they are. */
  about?: () => SessionAbout;
}

export type SessionAbout = Pick<WidgetSessionBody, "locale" | "context">;

const outboxKey = (conversationId: string) => `switchboard:outbox:${conversationId}`;

export class VisitorSession {
  private state: VisitorState = { phase: "idle" };
  private readonly listeners = new Set<() => void>();
  /** Calls run one at a time, in order: identify() right after open() must see the
   * session that open() started, and reset() must not race a start. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly inbox: string,
    private token: string | null,
    private readonly callbacks: VisitorCallbacks,
    private readonly storage: Storage | null = safeLocalStorage(),
  ) {}

  get current(): VisitorState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts (or resumes) the session unless it is running; safe to call often. */
  ensure(): Promise<WidgetSession> {
    return this.serially(() => this.ensureNow());
  }

  /** `Switchboard.identify()`. With a valid hash the server may answer with another
   * contact's session (the same user on another device): the widget moves to it. */
  identify(user: WidgetIdentifyBody): Promise<void> {
    return this.serially(async () => {
      const session = await this.ensureNow();
      const next = await visitorApi.identify(session.token, user);
      if (next.conversationId !== session.conversationId) await this.use(next);
      else this.replaceSession(next);
    });
  }

  /** Pre-chat form and `Switchboard.setAttributes()`. */
  updateContact(changes: WidgetContactBody): Promise<WidgetContact> {
    return this.serially(async () => {
      const session = await this.ensureNow();
      const { contact } = await visitorApi.updateContact(session.token, changes);
      this.replaceSession({ ...this.readySession()!, contact });
      return contact;
    });
  }

  handoff(): Promise<void> {
    return this.serially(async () => void (await visitorApi.handoff((await this.ensureNow()).token)));
  }

  csat(rating: number, comment: string): Promise<void> {
    return this.serially(async () => void (await visitorApi.csat((await this.ensureNow()).token, rating, comment)));
  }

  /** The visitor moved to `page`: told to the server if the session is up (otherwise its
   * start will carry the page). Best effort: a lost report costs nothing but freshness. */
  reportPage(page: VisitorPage): void {
    const session = this.readySession();
    if (session) visitorApi.page(session.token, page).catch(() => {});
  }

  upload(file: File): Promise<Attachment> {
    return this.ensure().then((session) => visitorApi.upload(session.token, file));
  }

  /** `Switchboard.reset()`: the host page logged its user out. The next chat starts as a
   * new anonymous visitor, and nothing of this one stays in the browser. */
  reset(): Promise<void> {
    return this.serially(async () => {
      const old = this.readySession();
      if (this.state.phase === "ready") this.state.feed.stop();
      if (old) new Outbox(outboxKey(old.conversationId), this.storage).clear();
      this.token = null;
      this.callbacks.onToken(null);
      this.set({ phase: "idle" });
    });
  }

  stop(): void {
    if (this.state.phase === "ready") this.state.feed.stop();
    this.listeners.clear();
  }

  private async ensureNow(): Promise<WidgetSession> {
    const ready = this.readySession();
    if (ready) return ready;
    this.set({ phase: "starting" });
    try {
      let session: WidgetSession;
      try {
        session = await visitorApi.session(this.inbox, this.token, this.callbacks.about?.());
      } catch (err) {
        // A token the server no longer accepts (rotated key, deleted contact): start over.
        const refused = err instanceof WidgetApiError && this.token !== null && (err.status === 401 || err.status === 403);
        if (!refused) throw err;
        session = await visitorApi.session(this.inbox, null, this.callbacks.about?.());
      }
      await this.use(session);
      return session;
    } catch (error) {
      this.set({ phase: "failed", error });
      throw error;
    }
  }

  /** Shows `session`'s conversation: history first, then live. */
  private async use(session: WidgetSession): Promise<void> {
    if (this.state.phase === "ready") this.state.feed.stop();
    this.token = session.token;
    this.callbacks.onToken(session.token);
    const feed = new ConversationFeed({
      loadHistory: (after) => visitorApi.history(this.token ?? session.token, after),
      // Read at every reconnect: identify() may have handed out a fresher token.
      socketUrl: (after) => socketUrl(this.token ?? session.token, after),
      parseFrame,
      // Per conversation: a new conversation must not resend another one's messages.
      outbox: new Outbox(outboxKey(session.conversationId), this.storage),
      onLiveEvent: this.callbacks.onLiveEvent,
    });
    try {
      await feed.start();
    } catch (err) {
      feed.stop();
      throw err;
    }
    this.set({ phase: "ready", session, feed });
  }

  private replaceSession(session: WidgetSession): void {
    if (this.state.phase !== "ready") return;
    if (session.token !== this.token) {
      this.token = session.token;
      this.callbacks.onToken(session.token);
    }
    this.set({ ...this.state, session });
  }

  private readySession(): WidgetSession | null {
    return this.state.phase === "ready" ? this.state.session : null;
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => {});
    return run;
  }

  private set(state: VisitorState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
