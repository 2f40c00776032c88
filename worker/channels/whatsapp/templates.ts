/**
 * @module The approved templates an agent may send outside the 24-hour window, from
 * `GET /{waba-id}/message_templates?status=APPROVED`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management#get-templates),
 * following Graph's paging.
 *
 * Only templates a send can fill with body text parameters are offered (our template
 * content carries positional body parameters): templates with named parameters, a media
 * or parameterized header, or buttons that need values (a URL with a variable, a copy
 * code, a one-time password) would be refused by WhatsApp, so the composer never shows them.
 */
import { z } from "zod";
import type { ChannelTemplate } from "../../protocol";
import type { ConnectionCheck } from "../types";
import { graphErrorOf, graphFetch, type WhatsappContext } from "./graph";

/** Enough pages for any real account (100 templates a page), bounded so a looping
 * `next` cannot keep the request alive. */
const MAX_PAGES = 10;

const Component = z.object({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(z.object({ type: z.string(), url: z.string().optional() })).optional(),
});

const Template = z.object({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  category: z.string().max(64).nullable().optional(),
  status: z.string().optional(),
  parameter_format: z.string().optional(),
  components: z.array(Component).default([]),
});

const TemplatePage = z.object({
  data: z.array(Template),
  paging: z.object({ next: z.string().url().optional() }).optional(),
});

type Template = z.infer<typeof Template>;

const POSITIONAL = /\{\{\s*(\d+)\s*\}\}/g;
const ANY_PARAMETER = /\{\{[^}]*\}\}/;
const BUTTONS_NEEDING_VALUES = new Set(["COPY_CODE", "OTP", "CATALOG", "MPM"]);

/** The template as the composer offers it, or null when a send could not fill it. */
function offered(template: Template): ChannelTemplate | null {
  if (template.status !== undefined && template.status !== "APPROVED") return null;
  const body = template.components.find((c) => c.type === "BODY")?.text ?? "";
  const header = template.components.find((c) => c.type === "HEADER");
  if (header && (header.format !== "TEXT" || ANY_PARAMETER.test(header.text ?? ""))) return null;
  for (const button of template.components.find((c) => c.type === "BUTTONS")?.buttons ?? []) {
    if (BUTTONS_NEEDING_VALUES.has(button.type) || (button.type === "URL" && ANY_PARAMETER.test(button.url ?? ""))) return null;
  }
  const positional = new Set([...body.matchAll(POSITIONAL)].map((m) => m[1]));
  // Named parameters ({{first_name}}) need names at send time, which our content lacks.
  if (ANY_PARAMETER.test(body.replace(POSITIONAL, ""))) return null;
  return { name: template.name, language: template.language, category: template.category ?? null, body, parameterCount: positional.size };
}

export async function listWhatsappTemplates(ctx: WhatsappContext): Promise<{ ok: true; templates: ChannelTemplate[] } | { ok: false; check: ConnectionCheck }> {
  const waba = ctx.config.settings.businessAccountId;
  if (!waba) return { ok: false, check: { ok: false, status: 0, detail: "no WhatsApp Business Account id in the inbox settings" } };
  const templates: ChannelTemplate[] = [];
  let next: string | null = `${waba}/message_templates?status=APPROVED&fields=name,language,category,status,parameter_format,components&limit=100`;
  const origin = new URL(ctx.baseUrl).origin;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    let res: Response;
    try {
      res = await graphFetch(ctx, next);
    } catch (err) {
      return { ok: false, check: { ok: false, status: 0, detail: `network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500) } };
    }
    if (!res.ok) return { ok: false, check: { ok: false, status: res.status, detail: (await graphErrorOf(res)).reason } };
    const parsed = TemplatePage.safeParse(await res.json().catch(() => null));
    if (!parsed.success) return { ok: false, check: { ok: false, status: res.status, detail: "WhatsApp's answer was not a template list" } };
    for (const template of parsed.data.data) {
      const shown = offered(template);
      if (shown) templates.push(shown);
    }
    // The token goes only back to Graph itself (the next page's URL is absolute).
    const link = parsed.data.paging?.next;
    next = link && new URL(link).origin === origin ? link : null;
  }
  return { ok: true, templates };
}
