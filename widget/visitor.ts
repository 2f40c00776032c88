/**
 * @module VisitorSession: who the visitor is and which conversation the widget shows.
 * Starts lazily — on open, on identify(), or at once for a returning visitor (whose
 * token the host page kept), so a page view alone never creates a contact. Switches
 * conversation when identify() proves the visitor is a known user, and forgets
 * everything on reset() (the host page's logout). Renews the visitor token silently
 * before it expires (and once more if the server says it has), so an open chat never
 * notices the token's lifetime. Framework-free; the UI subscribes.
 */
import type { Attachment, ConversationEvent, VisitorPage, WidgetConsentBody, WidgetContact, WidgetContactBody, WidgetFileLink, WidgetIdentifyBody, WidgetSession, WidgetSessionBody } from "../worker/protocol";
import { ConversationFeed } from "../client/feed";
import { Outbox, safeLocalStorage } from "../client/outbox";
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
/** Renew this long before the server's expiry: covers a slow request and some clock skew
 * (a larger skew costs one refused call, which is then renewed and retried). */
const RENEW_MARGIN_MS = 5 * 60_000;
/** A file link is asked for again when it has less than this left. */
const LINK_MARGIN_MS = 60_000;

export class VisitorSession {
  private state: VisitorState = { phase: "idle" };
  private readonly listeners = new Set<() => void>();
  /** Calls run one at a time, in order: identify() right after open() must see the
   * session that open() started, and reset() must not race a start. */
  private chain: Promise<unknown> = Promise.resolve();
  /** When the current token stops being accepted (server clock); 0 = unknown, renew. */
  private tokenExpiresAt = 0;
  private renewing: Promise<string> | null = null;
  /** Settles once an identify() call has its answer (and its token is accepted). Verifying
   * revokes the anonymous token on the server, so calls refused meanwhile wait for it. */
  private identifying: Promise<void> | null = null;
  private readonly links = new Map<string, WidgetFileLink>();

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
      const request = this.withToken((token) => visitorApi.identify(token, user), false);
      this.identifying = request.then((answer) => this.acceptToken(answer), () => {});
      let next: WidgetSession;
      try {
        next = await request;
      } finally {
        this.identifying = null;
      }
      // A newly verified visitor reconnects too: the socket's right to write (an inbox
      // that requires identity) is decided when it connects.
      if (next.conversationId !== session.conversationId || next.contact.verified !== session.contact.verified) await this.use(next);
      else this.replaceSession(next);
    });
  }

  /** Pre-chat form and `Switchboard.setAttributes()`. */
  updateContact(changes: WidgetContactBody): Promise<WidgetContact> {
    return this.serially(async () => {
      await this.ensureNow();
      const { contact } = await this.withToken((token) => visitorApi.updateContact(token, changes));
      this.replaceSession({ ...this.readySession()!, contact });
      return contact;
    });
  }

  /** The pre-chat form's opt-in box, ticked: the server records consent with exactly the
   * sentence shown (and refuses any other). A resend of the same form records nothing new. */
  recordConsent(body: WidgetConsentBody): Promise<void> {
    return this.serially(async () => {
      await this.ensureNow();
      await this.withToken((token) => visitorApi.consent(token, body));
    });
  }

  handoff(): Promise<void> {
    return this.serially(async () => {
      await this.ensureNow();
      await this.withToken((token) => visitorApi.handoff(token));
    });
  }

  csat(rating: number, comment: string): Promise<void> {
    return this.serially(async () => {
      await this.ensureNow();
      await this.withToken((token) => visitorApi.csat(token, rating, comment));
    });
  }

  /** The visitor moved to `page`: told to the server if the session is up (otherwise its
   * start will carry the page). Best effort: a lost report costs nothing but freshness. */
  reportPage(page: VisitorPage): void {
    if (this.readySession()) this.withToken((token) => visitorApi.page(token, page)).catch(() => {});
  }

  upload(file: File): Promise<Attachment> {
    return this.ensure().then(() => this.withToken((token) => visitorApi.upload(token, file)));
  }

  /** A URL for attachment `id` that carries no token, reused while it has time left. */
  async fileLink(id: string): Promise<WidgetFileLink> {
    const cached = this.links.get(id);
    if (cached && cached.expiresAt - Date.now() > LINK_MARGIN_MS) return cached;
    const link = await this.withToken((token) => visitorApi.fileLink(token, id));
    this.links.set(id, link);
    return link;
  }

  /** `Switchboard.reset()`: the host page logged its user out. The next chat starts as a
   * new anonymous visitor, and nothing of this one stays in the browser. */
  reset(): Promise<void> {
    return this.serially(async () => {
      const old = this.readySession();
      if (this.state.phase === "ready") this.state.feed.stop();
      if (old) new Outbox(outboxKey(old.conversationId), this.storage).clear();
      this.token = null;
      this.tokenExpiresAt = 0;
      this.links.clear();
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
    // The current feed keeps serving the chat until the new one is live: a message sent
    // in between must not land in a stopped feed (it is handed over below).
    const previous = this.state.phase === "ready" ? this.state : null;
    this.acceptToken(session);
    const feed = new ConversationFeed({
      loadHistory: (after) => this.withToken((token) => visitorApi.history(token, after)),
      // A new ticket for every attempt (it lives a minute), minted with the current token.
      socketUrl: async (after) => socketUrl((await this.withToken((token) => visitorApi.socketTicket(token))).ticket, after),
      parseFrame,
      // Per conversation: a new conversation must not resend another one's messages.
      outbox: new Outbox(outboxKey(session.conversationId), this.storage),
      onLiveEvent: this.callbacks.onLiveEvent,
    });
    try {
      await feed.start();
    } catch (err) {
      feed.stop();
      previous?.feed.stop();
      throw err;
    }
    if (previous) {
      previous.feed.stop();
      if (previous.session.conversationId === session.conversationId) feed.adopt(previous.feed.unacknowledged());
    }
    this.set({ phase: "ready", session, feed });
  }

  private replaceSession(session: WidgetSession): void {
    if (this.state.phase !== "ready") return;
    this.acceptToken(session);
    this.set({ ...this.state, session });
  }

  private acceptToken(session: WidgetSession): void {
    this.tokenExpiresAt = session.tokenExpiresAt;
    if (session.token === this.token) return;
    this.token = session.token;
    this.callbacks.onToken(session.token);
  }

  /** Runs `call` with a token that is not about to expire; if the server still finds it
   * expired (clock skew) or revoked, renews once and tries again. */
  private async withToken<T>(call: (token: string) => Promise<T>, waitForIdentify = true): Promise<T> {
    const token = await this.freshToken();
    try {
      return await call(token);
    } catch (err) {
      const stale = err instanceof WidgetApiError && err.status === 401 && (err.code === "token_expired" || err.code === "invalid_token");
      if (!stale || this.token === null) throw err;
      // identify() replaced, or is replacing, the token while this call was in flight
      // (verifying revokes the anonymous one): retry with the new token. Renewing the
      // revoked one would make the server start a new visitor and move the chat away from
      // the verified user.
      if (waitForIdentify && this.identifying) await this.identifying;
      if (this.token !== token) return call(this.token!);
      this.tokenExpiresAt = 0;
      return call(await this.freshToken());
    }
  }

  /** The current token, renewed first when it is close to expiry. One renewal at a time;
   * not through `serially`, because serial tasks themselves need tokens. */
  private freshToken(): Promise<string> {
    if (this.token !== null && Date.now() < this.tokenExpiresAt - RENEW_MARGIN_MS) return Promise.resolve(this.token);
    this.renewing ??= this.renew().finally(() => (this.renewing = null));
    return this.renewing;
  }

  private async renew(): Promise<string> {
    const next = await visitorApi.session(this.inbox, this.token, this.callbacks.about?.());
    const current = this.readySession();
    if (current && next.conversationId !== current.conversationId) {
      // The old token was refused for good (revoked): the server made a new visitor. Show
      // its conversation once the task that asked for a token is done.
      this.token = next.token;
      this.tokenExpiresAt = next.tokenExpiresAt;
      this.callbacks.onToken(next.token);
      void this.serially(() => this.use(next));
    } else if (current) this.replaceSession(next);
    else this.acceptToken(next);
    return next.token;
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
