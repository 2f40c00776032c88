/**
 * @module The `send_email` binding as a send sees it. Deployed: the binding itself.
 * Under `npm run dev` (DEV_SIMULATOR=1) wrangler's local binding stands in for Email
 * Service (it logs each message and writes its parts to files), and every message is also
 * kept in the files bucket under `simulator/mail/{inbox}/{id}` as JSON (SentMail), so the
 * simulator's page can show the mail agents sent.
 */
import type { Env } from "../../env";

export const SENT_MAIL_PREFIX = "simulator/mail/";

/** One sent message as the simulator keeps it: the builder without file bytes. */
export interface SentMail {
  messageId: string;
  sentAt: number;
  from: string | EmailAddress;
  to: EmailMessageBuilder["to"];
  cc: EmailMessageBuilder["cc"] | null;
  replyTo: EmailMessageBuilder["replyTo"] | null;
  subject: string;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  attachments: Array<{ filename: string; type: string; size: number }>;
}

function sizeOf(content: string | ArrayBuffer | ArrayBufferView): number {
  return typeof content === "string" ? content.length : content.byteLength;
}

/** Keeps what `binding` sent (after it accepted it) for the simulator. A failure to
 * keep it is logged, never the send's failure: the mail went out. */
function recording(binding: SendEmail, files: R2Bucket, inboxId: string): SendEmail {
  return {
    async send(message: EmailMessage | EmailMessageBuilder): Promise<EmailSendResult> {
      const result = await binding.send(message as EmailMessageBuilder);
      if (!("subject" in message)) return result;
      const now = Date.now();
      const sent: SentMail = {
        messageId: result.messageId,
        sentAt: now,
        from: message.from,
        to: message.to,
        cc: message.cc ?? null,
        replyTo: message.replyTo ?? null,
        subject: message.subject,
        text: message.text ?? null,
        html: message.html ?? null,
        headers: message.headers ?? {},
        attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, type: a.type, size: sizeOf(a.content) })),
      };
      const key = `${SENT_MAIL_PREFIX}${inboxId}/${now.toString().padStart(15, "0")}-${crypto.randomUUID()}`;
      await files.put(key, JSON.stringify(sent), { httpMetadata: { contentType: "application/json" } }).catch((err: unknown) => {
        console.warn(JSON.stringify({ msg: "simulator could not keep a sent mail", inboxId, error: String(err) }));
      });
      return result;
    },
  } as SendEmail;
}

/** The binding a send for `inboxId` uses, or undefined when the Worker has none. */
export function mailerOf(env: Env, inboxId: string): SendEmail | undefined {
  const binding = env.EMAIL;
  if (!binding) return undefined;
  return env.DEV_SIMULATOR === "1" ? recording(binding, env.FILES, inboxId) : binding;
}
