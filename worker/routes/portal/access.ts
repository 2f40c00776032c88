/**
 * @module The one access rule of the portal's customer routes: a live portal session
 * (auth/portal-session.ts), never an agent's session or an API token. Spread into a
 * `createRoute` like worker/routes/access.ts's rules; the OpenAPI document shows the
 * `portalSession` cookie scheme (registered in app.ts).
 */
import { requireCustomer } from "../../auth/portal-session";

export const portalAuth = [{ portalSession: [] }];

/** A signed-in portal customer; sets `c.var.customer`. */
export const customerOnly = { security: portalAuth, middleware: [requireCustomer] };
