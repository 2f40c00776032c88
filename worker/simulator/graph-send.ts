/**
 * @module The stand-in for the two send APIs the worker calls, reading what the adapters
 * send and keeping it as a bubble for the simulated phone:
 * - WhatsApp Cloud API `POST /{phone-number-id}/messages`
 *   (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages), answered
 *   `{messaging_product, contacts:[{input, wa_id}], messages:[{id: "wamid.…"}]}`;
 * - Messenger / Instagram Send API `POST /{page-id}/messages`
 *   (https://developers.facebook.com/docs/messenger-platform/reference/send-api/), answered
 *   `{recipient_id, message_id}`.
 * The shapes are checked loosely (what Meta requires, nothing it ignores); length limits
 * are the adapters' to enforce, each cited there.
 */
import { z } from "zod";
import { toBase64Url } from "../auth/encoding";
import type { SimulatorThreadItem } from "../protocol/simulator";
import type { GraphAccount } from "./accounts";
import { renderTemplate } from "./sample-templates";
import { headMedia, newItemId } from "./state";

const WaMedia = z
  .object({ id: z.string().min(1).optional(), link: z.string().url().optional(), caption: z.string().optional(), filename: z.string().optional() })
  .loose()
  .refine((m) => m.id || m.link, "needs an id or a link");

const WaTemplate = z.object({
  name: z.string().min(1),
  language: z.object({ code: z.string().min(2) }).loose(),
  components: z.array(z.object({ type: z.string(), parameters: z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()).optional() }).loose()).optional(),
});

const WA_TYPES = ["text", "image", "video", "audio", "document", "sticker", "template", "interactive", "location", "contacts", "reaction"] as const;

export const WhatsappSendBody = z
  .object({
    messaging_product: z.literal("whatsapp"),
    recipient_type: z.literal("individual").optional(),
    // A phone number in `to`, or a business-scoped user id in `recipient`
    // (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
    to: z.string().min(1).optional(),
    recipient: z.string().min(1).optional(),
    type: z.enum(WA_TYPES).default("text"),
    text: z.object({ body: z.string().min(1), preview_url: z.boolean().optional() }).loose().optional(),
    image: WaMedia.optional(),
    video: WaMedia.optional(),
    audio: WaMedia.optional(),
    document: WaMedia.optional(),
    sticker: WaMedia.optional(),
    template: WaTemplate.optional(),
    interactive: z.object({ body: z.object({ text: z.string() }).optional() }).loose().optional(),
    location: z.object({ latitude: z.coerce.number(), longitude: z.coerce.number(), name: z.string().optional(), address: z.string().optional() }).loose().optional(),
    contacts: z.array(z.unknown()).optional(),
    reaction: z.object({ message_id: z.string(), emoji: z.string() }).loose().optional(),
    context: z.object({ message_id: z.string().min(1) }).loose().optional(),
    // Echoed back in the message's status webhooks; at most 512 characters
    // (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
    biz_opaque_callback_data: z.string().max(512).optional(),
  })
  .loose()
  .superRefine((body, ctx) => {
    if (body.to === undefined && body.recipient === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "The parameter to is required." });
    if (body[body.type] === undefined) ctx.addIssue({ code: "custom", path: [body.type], message: `The parameter ${body.type} is required.` });
  });
export type WhatsappSendBody = z.infer<typeof WhatsappSendBody>;

/** Whom a WhatsApp send is for: the phone number, or the business-scoped user id. */
export function whatsappRecipientOf(body: WhatsappSendBody): string {
  return (body.to ?? body.recipient)!;
}

export const MetaSendBody = z
  .object({
    recipient: z.object({ id: z.string().min(1) }).loose(),
    messaging_type: z.enum(["RESPONSE", "UPDATE", "MESSAGE_TAG"]).optional(),
    tag: z.string().optional(),
    message: z
      .object({
        text: z.string().min(1).optional(),
        attachment: z
          .object({ type: z.string(), payload: z.object({ url: z.string().optional(), attachment_id: z.string().optional() }).loose() })
          .loose()
          .optional(),
        metadata: z.string().optional(),
      })
      .loose()
      .refine((m) => m.text !== undefined || m.attachment !== undefined, "message needs text or an attachment")
      .optional(),
    sender_action: z.string().optional(),
    reply_to: z.object({ mid: z.string() }).loose().optional(),
  })
  .loose()
  .refine((b) => b.message !== undefined || b.sender_action !== undefined, "needs a message or a sender_action")
  .refine((b) => b.messaging_type !== "MESSAGE_TAG" || !!b.tag, { path: ["tag"], message: "MESSAGE_TAG needs a tag" });
export type MetaSendBody = z.infer<typeof MetaSendBody>;

const random = (bytes: number) => toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));

/** Ids shaped as the providers' are: WhatsApp's `wamid.…`, Messenger's `m_…`, and
 * Instagram's base64 item ids. */
export function newProviderMessageId(kind: GraphAccount["kind"]): string {
  if (kind === "whatsapp") return `wamid.${random(30)}`;
  return kind === "messenger" ? `m_${random(48)}` : `aWdfZAG1faXRlbToxOkl${random(36)}`;
}

/** Where the phone shows a file the worker sent: the simulator's copy of an upload, or
 * the link the message named. */
async function mediaOf(files: R2Bucket, origin: string, ref: { id?: string; link?: string; url?: string; filename?: string }, kind: string) {
  if (ref.id) {
    const head = await headMedia(files, ref.id);
    return { url: `${origin}/dev/simulator/files/${ref.id}`, contentType: head?.contentType ?? kind, name: ref.filename ?? head?.name ?? null };
  }
  const link = ref.link ?? ref.url;
  return link ? { url: link, contentType: kind, name: ref.filename ?? null } : null;
}

/** The bubble for a WhatsApp send. */
export async function whatsappBubble(files: R2Bucket, origin: string, body: WhatsappSendBody, raw: string): Promise<SimulatorThreadItem> {
  let text = "";
  let media = null;
  switch (body.type) {
    case "text":
      text = body.text!.body;
      break;
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const part = body[body.type]!;
      text = part.caption ?? "";
      media = await mediaOf(files, origin, part, body.type);
      break;
    }
    case "template": {
      const t = body.template!;
      const parameters = (t.components ?? []).filter((c) => c.type.toLowerCase() === "body").flatMap((c) => (c.parameters ?? []).map((p) => p.text ?? ""));
      text = renderTemplate(t.name, t.language.code, parameters);
      break;
    }
    case "interactive":
      text = body.interactive!.body?.text ?? "";
      break;
    case "location":
      text = [body.location!.name, body.location!.address, `${body.location!.latitude}, ${body.location!.longitude}`].filter(Boolean).join(" — ");
      break;
    case "reaction":
      text = body.reaction!.emoji;
      break;
    case "contacts":
      text = "[contacts]";
      break;
  }
  return bubble("whatsapp", text, media, body.context?.message_id ?? null, raw, body.biz_opaque_callback_data ?? null);
}

/** The bubble for a Messenger or Instagram send. */
export async function metaBubble(files: R2Bucket, origin: string, kind: "messenger" | "instagram", body: MetaSendBody, raw: string): Promise<SimulatorThreadItem> {
  const message = body.message!;
  const attachment = message.attachment;
  const media = attachment ? await mediaOf(files, origin, { id: attachment.payload.attachment_id, url: attachment.payload.url }, attachment.type) : null;
  return bubble(kind, message.text ?? "", media, body.reply_to?.mid ?? null, raw, null);
}

function bubble(kind: GraphAccount["kind"], text: string, media: SimulatorThreadItem["media"], replyTo: string | null, raw: string, callbackData: string | null): SimulatorThreadItem {
  const at = Date.now();
  return {
    id: newItemId(at),
    direction: "out",
    at,
    providerMessageId: newProviderMessageId(kind),
    text,
    media,
    replyTo,
    receipt: null,
    webhook: null,
    request: raw,
    callbackData,
    edited: false,
    event: null,
  };
}
