/**
 * @module The simulator page's JSON endpoints under `/dev/simulator/api/`: the channel
 * inboxes, sample inboxes, a simulated phone's thread, the customer's messages and
 * receipts (built as the provider's webhooks and delivered, signed, to the worker), a
 * Telegram customer's edits and blocking of the bot, and the stand-in API's health. Writes take JSON only and, when the browser names an Origin,
 * only our own: another site open in the developer's browser cannot drive the simulator
 * (a cross-site JSON POST needs a CORS preflight, which nothing here grants).
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../env";
import { database } from "../db/client";
import { ApiError, validationError } from "../http/api-error";
import {
  SimulatorBlockBody,
  SimulatorEditBody,
  SimulatorProviderModeBody,
  SimulatorReceiptBody,
  SimulatorSendBody,
  type SimulatorInboxList,
  type SimulatorItemAnswer,
  type SimulatorSampleInboxes,
  type SimulatorThread,
  SimulatorCustomerId,
} from "../protocol/simulator";
import { loadAccount, simulatorInboxes, type SimulatedAccount, type TelegramAccount } from "./accounts";
import type { AppFetch } from "./deliver";
import { receiveCustomerMessage, sendReceipt } from "./customer";
import { createSampleInboxes } from "./samples";
import { providerModeOf, setProviderMode } from "./provider-mode";
import { readThread } from "./state";
import { editTelegramMessage, setTelegramBlocked } from "./telegram-customer";

const origin = (c: Context) => new URL(c.req.url).origin;
const consoleUrl = (c: Context) => `${origin(c)}/console/`;

/** JSON writes from our own page only. */
const sameOriginJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "POST") {
    const from = c.req.header("Origin");
    if (from && from !== origin(c)) throw new ApiError(403, "csrf_rejected", "The simulator takes writes from its own page only.");
    if (!/^application\/json\b/i.test(c.req.header("Content-Type") ?? "")) throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  await next();
};

async function bodyOf<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError(400, "malformed_json", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error, "body");
  return parsed.data;
}

async function accountFor(c: Context<AppEnv>, inboxId: string): Promise<SimulatedAccount> {
  const account = await loadAccount(c.env, database(c.env.DB), inboxId);
  if (account === "no such inbox") throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  if (typeof account === "string") throw new ApiError(409, "conflict", `The simulator cannot play this inbox's provider: ${account}.`);
  return account;
}

/** Edits and blocking are Telegram's (the other providers' customers cannot do either
 * through a webhook the simulator plays). */
async function telegramAccountFor(c: Context<AppEnv>, inboxId: string): Promise<TelegramAccount> {
  const account = await accountFor(c, inboxId);
  if (account.kind !== "telegram") throw new ApiError(400, "validation_failed", "Only a Telegram customer can do this here.", [{ path: ["inboxId"], message: "a Telegram inbox" }]);
  return account;
}

/** The page's endpoints; `appFetch` is how customer webhooks reach the worker's routes. */
export function simulatorApi(appFetch: AppFetch) {
  return new Hono<AppEnv>()
    .use("/dev/simulator/api/*", sameOriginJson)
    .get("/dev/simulator/api/inboxes", async (c) => {
      const answer: SimulatorInboxList = { inboxes: await simulatorInboxes(c.env, database(c.env.DB)), consoleUrl: consoleUrl(c) };
      return c.json(answer, 200);
    })
    .post("/dev/simulator/api/sample-inboxes", async (c) => {
      const answer: SimulatorSampleInboxes = { ...(await createSampleInboxes(c, database(c.env.DB))), consoleUrl: consoleUrl(c) };
      // The dev server's terminal says where to answer them (ids and names only, no secrets).
      console.log(`simulator: sample inboxes ${answer.created.length ? "created" : "already there"} (${[...answer.created, ...answer.existing].map((i) => i.name).join(", ")}); answer them at ${answer.consoleUrl}`);
      return c.json(answer, answer.created.length ? 201 : 200);
    })
    .get("/dev/simulator/api/thread", async (c) => {
      const inboxId = c.req.query("inbox") ?? "";
      const customer = SimulatorCustomerId.safeParse(c.req.query("customer") ?? "");
      if (!customer.success) throw validationError(customer.error, "customer");
      const account = await accountFor(c, inboxId);
      const answer: SimulatorThread = { items: await readThread(c.env.FILES, account.inbox.id, customer.data), providerMode: await providerModeOf(c.env.FILES, account.inbox.id) };
      return c.json(answer, 200);
    })
    .post("/dev/simulator/api/messages", async (c) => {
      const body = await bodyOf(c, SimulatorSendBody);
      const account = await accountFor(c, body.inboxId);
      const answer: SimulatorItemAnswer = { item: await receiveCustomerMessage({ appFetch, env: c.env, ctx: c.executionCtx, origin: origin(c) }, account, body) };
      return c.json(answer, 201);
    })
    .post("/dev/simulator/api/receipts", async (c) => {
      const body = await bodyOf(c, SimulatorReceiptBody);
      const account = await accountFor(c, body.inboxId);
      const answer: SimulatorItemAnswer = { item: await sendReceipt({ appFetch, env: c.env, ctx: c.executionCtx, origin: origin(c) }, account, body) };
      return c.json(answer, 200);
    })
    .post("/dev/simulator/api/edits", async (c) => {
      const body = await bodyOf(c, SimulatorEditBody);
      const account = await telegramAccountFor(c, body.inboxId);
      const answer: SimulatorItemAnswer = { item: await editTelegramMessage({ appFetch, env: c.env, ctx: c.executionCtx, origin: origin(c) }, account, body) };
      return c.json(answer, 200);
    })
    .post("/dev/simulator/api/blocks", async (c) => {
      const body = await bodyOf(c, SimulatorBlockBody);
      const account = await telegramAccountFor(c, body.inboxId);
      const answer: SimulatorItemAnswer = { item: await setTelegramBlocked({ appFetch, env: c.env, ctx: c.executionCtx, origin: origin(c) }, account, body) };
      return c.json(answer, 201);
    })
    .post("/dev/simulator/api/provider-mode", async (c) => {
      const body = await bodyOf(c, SimulatorProviderModeBody);
      const account = await accountFor(c, body.inboxId);
      await setProviderMode(c.env.FILES, account.inbox.id, body.mode);
      return c.json({ mode: body.mode }, 200);
    });
}
