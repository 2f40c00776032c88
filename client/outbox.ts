/**
 * @module Outbox: messages the user sent that the server has not acknowledged yet, kept
 * in localStorage so a reload or a dropped connection does not lose them. Each keeps its
 * clientId: the server acknowledges a resend with the original seq and never stores it
 * twice, so resending everything here after a reconnect is always safe.
 */
import type { Attachment, MessageKind } from "../worker/protocol/events";

export interface OutboxMessage {
  clientId: string;
  body: string;
  kind: Exclude<MessageKind, "attachment">;
  createdAt: number;
  /** Files already uploaded (uploads need the network; only the message waits here). */
  attachments?: Attachment[];
}

export class Outbox {
  private memory: OutboxMessage[] = [];

  /** `storage` is null where the browser refuses it (blocked third-party storage in an
   * embedded iframe, some private modes): the outbox then lives as long as the page. */
  constructor(
    private readonly key: string,
    private readonly storage: Storage | null = safeLocalStorage(),
  ) {
    this.memory = this.read();
  }

  list(): OutboxMessage[] {
    return [...this.memory];
  }

  put(message: OutboxMessage): void {
    this.memory = [...this.memory.filter((m) => m.clientId !== message.clientId), message];
    this.write();
  }

  delete(clientId: string): void {
    const next = this.memory.filter((m) => m.clientId !== clientId);
    if (next.length === this.memory.length) return;
    this.memory = next;
    this.write();
  }

  /** Forgets every message (the visitor logged out; they were someone else's). */
  clear(): void {
    this.memory = [];
    this.write();
  }

  private read(): OutboxMessage[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(this.key) ?? "[]");
      return Array.isArray(parsed) ? parsed.filter(isOutboxMessage) : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      if (this.memory.length === 0) this.storage?.removeItem(this.key);
      else this.storage?.setItem(this.key, JSON.stringify(this.memory));
    } catch {
      // Quota or a revoked permission: the in-memory copy still works for this page.
    }
  }
}

/** localStorage, or null when merely touching it throws (it can, in sandboxed iframes). */
export function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function isOutboxMessage(v: unknown): v is OutboxMessage {
  const m = v as Partial<OutboxMessage> | null;
  return (
    typeof m?.clientId === "string" &&
    typeof m.body === "string" &&
    (m.kind === "text" || m.kind === "note") &&
    typeof m.createdAt === "number" &&
    (m.attachments === undefined || Array.isArray(m.attachments))
  );
}
