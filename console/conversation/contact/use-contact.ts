/**
 * @module useContact: the contact panel's data (who the customer is, their channel
 * identities and every conversation they had) and its one write, a PATCH checked first
 * against the protocol's UpdateContactBody so a bad e-mail is refused on the spot.
 */
import { useEffect, useState } from "preact/hooks";
import type { z } from "zod";
import { UpdateContactBody } from "../../../worker/protocol";
import type { ContactDetail } from "../../../worker/protocol";
import { errorMessage } from "../../api";
import { paneApi } from "../api";

export type ContactPatch = z.input<typeof UpdateContactBody>;

export interface ContactState {
  detail: ContactDetail | null;
  error: string | null;
  /** Resolves to the reason it was refused, or null once saved. */
  save: (patch: ContactPatch) => Promise<string | null>;
  /** Reads the contact again (after an erasure changed it behind the panel's back). */
  reload?: () => void;
}

export function useContact(contactId: string | undefined): ContactState {
  const [detail, setDetail] = useState<ContactDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!contactId) return;
    let live = true;
    paneApi.contact(contactId).then(
      (d) => live && setDetail(d),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [contactId, generation]);

  const save = async (patch: ContactPatch): Promise<string | null> => {
    if (!contactId) return null;
    const checked = UpdateContactBody.safeParse(patch);
    if (!checked.success) return checked.error.issues[0]?.message ?? "invalid";
    try {
      setDetail(await paneApi.updateContact(contactId, patch));
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  };

  return { detail, error, save, reload: () => setGeneration((g) => g + 1) };
}
