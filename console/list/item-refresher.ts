/**
 * @module ItemRefresher: fetches a conversation's item for this agent after a queue frame
 * said it changed. The frame carries the shared summary only; whether the change was a
 * customer message (and so how many are unread for *this* agent) is per agent, so the
 * console asks. One request per conversation at a time: a burst of frames for the same
 * conversation costs at most one request in flight and one after it.
 */
import type { ConversationItem } from "../../worker/protocol";

export class ItemRefresher {
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly fetchItem: (id: string) => Promise<ConversationItem>,
    private readonly onItem: (item: ConversationItem) => void,
  ) {}

  request(id: string): void {
    if (this.inFlight.has(id)) {
      this.again.add(id);
      return;
    }
    void this.run(id);
  }

  private async run(id: string): Promise<void> {
    this.inFlight.add(id);
    try {
      this.onItem(await this.fetchItem(id));
    } catch {
      // Gone or no longer visible to this agent; the summary already in the list stands,
      // and the next list load settles it.
    } finally {
      this.inFlight.delete(id);
      if (this.again.delete(id)) void this.run(id);
    }
  }
}
