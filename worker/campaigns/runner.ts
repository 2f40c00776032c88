/**
 * @module CampaignRunner: one Durable Object per campaign, whose alarm sends it at the
 * channel's pace (./pace.ts), tick after tick (./send.ts), until no recipient is pending.
 *
 * Why a Durable Object of its own: a campaign outlives any request (150 WhatsApp sends
 * take seconds, 5,000 SMS over an hour), and an alarm is the platform's durable timer —
 * it survives eviction and restarts, and is retried when its handler throws
 * (https://developers.cloudflare.com/durable-objects/api/alarms/). Nothing of the
 * campaign lives here but its id: recipients and their states are in D1, so an evicted
 * runner picks up from the first pending row, and a send repeated after a crash is
 * deduplicated by the conversation's room (./send.ts). One object per campaign keeps
 * two campaigns from ever waiting on each other.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { campaignTick } from "./send";

/** After a passing failure (D1, a room), the next try: 2 s doubling to 5 minutes. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

export class CampaignRunner extends DurableObject<Env> {
  /** Starts (or resumes) sending campaign `campaignId` now. Idempotent. */
  async run(campaignId: string): Promise<void> {
    await this.ctx.storage.put("campaignId", campaignId);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now());
  }

  override async alarm(): Promise<void> {
    const campaignId = await this.ctx.storage.get<string>("campaignId");
    if (!campaignId) return;
    let next: number | null;
    try {
      next = await campaignTick(this.env, campaignId);
      await this.ctx.storage.delete("failures");
    } catch (err) {
      const failures = ((await this.ctx.storage.get<number>("failures")) ?? 0) + 1;
      await this.ctx.storage.put("failures", failures);
      console.warn(JSON.stringify({ msg: "campaign tick failed", campaignId, failures, error: String(err).slice(0, 300) }));
      next = Date.now() + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
    }
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }
}
