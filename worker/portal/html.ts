/**
 * @module Escaping for the few strings the portal builds outside `hono/html` templates
 * (which escape every interpolation themselves): the sign-in mail's HTML part.
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}
