/**
 * @module A customer portal request category's id: its own module because routing rules
 * (./routing.ts) name categories and the portal's shapes (./portal.ts) define them.
 */
import { z } from "zod";

/** Lower-case letters, digits and dashes, as an admin would write a slug ("financeiro",
 * "entregas-2"): stable while the category's shown names change. */
export const PortalCategoryId = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "lower-case letters, digits and dashes, at most 40");
export type PortalCategoryId = z.infer<typeof PortalCategoryId>;
