/**
 * @module A button that picks one image and sends it to the help center's upload route
 * (POST /api/v1/help-center/uploads): used for a portal's logo and for images in an
 * article. The type and size are checked here first so a wrong file fails at once, with
 * the same limits the server enforces (it stays the authority).
 */
import { useRef, useState } from "preact/hooks";
import { MAX_HC_IMAGE_BYTES } from "../../worker/protocol";
import { errorMessage } from "../api";
import { hcApi } from "./hc-api";
import { s } from "./strings";

/** The image types the upload route accepts (worker/routes/hc-article-tools.ts). */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export function ImageUploadButton(props: { label: string; disabled?: boolean; onUploaded: (upload: Awaited<ReturnType<typeof hcApi.uploadImage>>, file: File) => void; onError: (message: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const picked = async () => {
    const file = input.current?.files?.[0];
    if (input.current) input.current.value = "";
    if (!file) return;
    if (!IMAGE_TYPES.includes(file.type)) return props.onError(s.imageType);
    if (file.size > MAX_HC_IMAGE_BYTES) return props.onError(s.imageTooBig);
    props.onError(null);
    setBusy(true);
    try {
      props.onUploaded(await hcApi.uploadImage(file), file);
    } catch (err) {
      props.onError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <input ref={input} type="file" accept={IMAGE_TYPES.join(",")} hidden aria-label={props.label} onChange={picked} />
      <button type="button" disabled={props.disabled || busy} onClick={() => input.current?.click()}>
        {busy ? s.uploading : props.label}
      </button>
    </>
  );
}

/** `![alt](url)` with the alt text kept on one line and free of the brackets that would
 * end it early. */
export function markdownImage(alt: string, url: string): string {
  return `![${alt.replace(/[[\]\\]/g, "").replace(/\s+/g, " ").trim()}](${url})`;
}
