/**
 * @module Team renames, for admins. Minimal on purpose: the seeded team must be
 * renamable on day one; creating, deleting and membership come with team management.
 */
import { createRoute } from "@hono/zod-openapi";
import { renameTeam } from "../db/teams";
import { isUniqueViolation } from "../db/constraint-errors";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOnly, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { Team, UpdateTeamBody } from "../protocol";
import { IdParam } from "./params";

const rename = createRoute({
  method: "patch",
  path: "/api/v1/teams/{id}",
  ...adminOnly,
  request: { params: IdParam, ...jsonBody(UpdateTeamBody) },
  responses: { 200: jsonResponse(Team, "Team renamed"), ...writeErrors, 409: errors[409] },
});

export const teamRoutes = router().openapi(rename, async (c) => {
  const { id } = c.req.valid("param");
  const { name } = c.req.valid("json");
  let team;
  try {
    team = await renameTeam(c.var.db, id, name);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "Another team already has this name.");
    throw err;
  }
  if (!team) throw new ApiError(404, "team_not_found", "No team with that id.");
  return c.json(team, 200);
});
