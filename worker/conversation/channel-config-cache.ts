/**
 * @module The room's copy of its inbox's channel configuration (settings and opened
 * credentials, ../channels/config.ts), read from D1 at most once a minute. Once loaded,
 * a D1 outage does not stop the delivery queue: a failed refresh keeps the last copy.
 * Memory only, so credentials never reach the room's storage.
 */
import { database } from "../db/client";
import { findInbox } from "../db/inboxes";
import type { Env } from "../env";
import { channelConfigOf, type ConfigProblem } from "../channels/config";
import { adapterFor } from "../channels/registry";
import type { ChannelConfig } from "../channels/types";
import type { AgentBot, MenuBot } from "../protocol";
import { runnableMenuBot } from "../bots/menu/stored";
import { storedAgentBot } from "../bots/agent/stored";

/** How long a loaded configuration is used before it is read again: an admin's change
 * (new credentials, a setting) reaches a busy room within this. */
export const CONFIG_TTL_MS = 60_000;

export interface LoadedChannel {
  /** The kind's parsed settings, when the inbox has valid ones (even without credentials). */
  settings: unknown | null;
  /** What a send needs, or why the inbox cannot send. */
  config: ChannelConfig | ConfigProblem;
  /** The inbox's name (an e-mail reply's sender name when the inbox sets none). */
  inboxName?: string | null;
  /** The inbox's menu bot (../bots/menu), null: none. */
  menuBot?: MenuBot | null;
  /** The inbox's agent bot (../bots/agent), null: none. */
  agentBot?: AgentBot | null;
}

export class ChannelConfigCache {
  private cached: { value: LoadedChannel; at: number } | null = null;
  private loading: Promise<LoadedChannel> | null = null;

  constructor(
    private readonly env: Env,
    private readonly inboxId: () => string,
  ) {}

  /** The inbox's configuration; throws only when D1 fails and nothing was loaded before. */
  async get(now = Date.now()): Promise<LoadedChannel> {
    if (this.cached && now - this.cached.at < CONFIG_TTL_MS) return this.cached.value;
    try {
      this.loading ??= this.load().finally(() => {
        this.loading = null;
      });
      const value = await this.loading;
      this.cached = { value, at: now };
      return value;
    } catch (err) {
      if (this.cached) return this.cached.value;
      throw err;
    }
  }

  /** Whether the inbox keeps an unsent message's text for its agents (Messenger and
   * Instagram's `keepUnsentText`); false when it cannot be read. */
  async keepsUnsentText(): Promise<boolean> {
    try {
      return ((await this.get()).settings as { keepUnsentText?: unknown } | null)?.keepUnsentText === true;
    } catch {
      return false;
    }
  }

  private async load(): Promise<LoadedChannel> {
    const inbox = await findInbox(database(this.env.DB), this.inboxId());
    if (!inbox) return { settings: null, config: "no_inbox" };
    const parsed = adapterFor(inbox.kind)?.settings.safeParse(inbox.settings);
    const db = database(this.env.DB);
    return { settings: parsed?.success ? parsed.data : null, config: await channelConfigOf(this.env, inbox), inboxName: inbox.name, menuBot: await runnableMenuBot(db, inbox.menuBot), agentBot: storedAgentBot(inbox.agentBot) };
  }
}
