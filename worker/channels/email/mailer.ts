/**
 * @module The `send_email` binding as a send sees it. Deployed: the binding itself.
 * Under `npm run dev` (DEV_SIMULATOR=1) every mail the binding accepted is also handed to
 * the simulator's outbox (worker/simulator/email-outbox.ts), the one record of sent mail
 * there: the customer's mailbox on the simulator's page shows it, and a reply to it
 * threads on the Message-ID the binding answered (the id the reply is stored under).
 */
import type { Env } from "../../env";
import { recordSentMail, sentFromBuilder } from "../../simulator/email-outbox";

/** Sends through `binding` (wrangler's local stand-in under `npm run dev`), then hands
 * what it accepted to the simulator's outbox under the id it answered. A failure to
 * record is logged, never the send's failure: the mail went out. */
function recording(binding: SendEmail, files: R2Bucket, inboxId: string): SendEmail {
  return {
    async send(message: EmailMessage | EmailMessageBuilder): Promise<EmailSendResult> {
      const result = await binding.send(message as EmailMessageBuilder);
      // Our replies are builders (send.ts); a raw EmailMessage's bytes are out of reach.
      if (!("subject" in message)) return result;
      await recordSentMail(files, inboxId, sentFromBuilder(message, result.messageId)).catch((err: unknown) => {
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
