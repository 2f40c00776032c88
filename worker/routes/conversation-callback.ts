/**
 * @module Callback scheduling on a conversation (issue 14): `PUT` promises the customer a
 * call back at a time (the conversation waits, unassigned, in its team's queue and heads it
 * from 5 minutes before), `DELETE` cancels the promise. Any signed-in agent, on any
 * conversation they can open, as for assignment.
 */
import { createRoute } from "@hono/zod-openapi";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ConversationDetail, ErrorBody, MAX_CALLBACK_AHEAD_MS, ScheduleCallbackBody } from "../protocol";
import { roomOf } from "../conversation/room-client";
import { agentOr, writeErrors } from "./access";
import { detailFromRoom, loadItem } from "./conversation-context";
import { IdParam } from "./params";
import { actorOf } from "../auth/principal";

const schedule = createRoute({
  method: "put",
  path: "/api/v1/conversations/{id}/callback",
  ...agentOr("status:write"),
  request: { params: IdParam, ...jsonBody(ScheduleCallbackBody) },
  responses: {
    200: jsonResponse(ConversationDetail, "Callback scheduled: the conversation waits in its team's queue, unassigned"),
    ...writeErrors,
    422: jsonResponse(ErrorBody, "callback_time_out_of_range: the time is past, or more than 366 days ahead"),
  },
});
const cancel = createRoute({
  method: "delete",
  path: "/api/v1/conversations/{id}/callback",
  ...agentOr("status:write"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(ConversationDetail, "No callback scheduled any more (also when there was none)"), ...writeErrors },
});

/** Refuses a time the queue could not honour: a past one would head the queue at once
 * under a promise already broken; one years away is a typo (ms vs s) more often than a plan. */
function assertInRange(at: number, now: number): void {
  if (at <= now) throw new ApiError(422, "callback_time_out_of_range", "Schedule the callback for a time in the future.", [{ path: ["at"], message: "must be in the future" }]);
  if (at > now + MAX_CALLBACK_AHEAD_MS) {
    throw new ApiError(422, "callback_time_out_of_range", `Schedule the callback at most ${MAX_CALLBACK_AHEAD_MS / 86_400_000} days ahead.`, [
      { path: ["at"], message: `must be within ${MAX_CALLBACK_AHEAD_MS / 86_400_000} days` },
    ]);
  }
}

export const conversationCallbackRoutes = router()
  .openapi(schedule, async (c) => {
    const { at } = c.req.valid("json");
    // Checked before the conversation is even read, so a refused time touches nothing.
    assertInRange(at, Date.now());
    const conversation = await loadItem(c, c.req.valid("param").id);
    const result = await roomOf(c.env, conversation).command({ type: "callback", actor: actorOf(c), at });
    return c.json(detailFromRoom(conversation, result.state), 200);
  })
  .openapi(cancel, async (c) => {
    const conversation = await loadItem(c, c.req.valid("param").id);
    // The room logs nothing when no callback is set: cancelling twice is harmless.
    const result = await roomOf(c.env, conversation).command({ type: "callback", actor: actorOf(c), at: null });
    return c.json(detailFromRoom(conversation, result.state), 200);
  });
