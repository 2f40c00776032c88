/**
 * @module The e-mail channel's limits on mail coming in (the email() handler), each with
 * the reason for its figure.
 */
import { MAX_UPLOAD_BYTES } from "../../protocol";

/** Email Routing hands a Worker no message bigger than 25 MiB
 * (https://developers.cloudflare.com/email-routing/limits/#message-size); the handler
 * refuses larger ones itself too (`message.setReject`), so a limit raised upstream never
 * makes a Worker (128 MB per isolate:
 * https://developers.cloudflare.com/workers/platform/limits/#memory) hold more than the
 * raw message plus its parsed parts. */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

/** One cap for every file people give us (widget and console uploads,
 * protocol/limits.ts), so every stored file can be previewed and sent on alike. A larger
 * attachment is not lost: the original message (.eml) is stored whole beside it. */
export const MAX_EMAIL_FILE_BYTES = MAX_UPLOAD_BYTES;

/** Attachments kept as separate files per message; the rest stay in the original
 * message, with a note in the body. Bounds the R2 writes one mail can cause. */
export const MAX_EMAIL_FILES = 20;

/** Message-IDs looked up per mail when threading (D1 binds at most 100 parameters per
 * statement: https://developers.cloudflare.com/d1/platform/limits/). References grows
 * with every reply; its last ids are the nearest ancestors. */
export const MAX_THREAD_IDS = 60;
