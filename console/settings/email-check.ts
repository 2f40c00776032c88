/**
 * @module An e-mail inbox's form values checked before any request: each address on its
 * own line (the first bad one named), the catch-all domain, the lengths, the hours, and
 * the routing limited to listed addresses — then the whole settings object against the
 * protocol's EmailSettings, the schema the server uses. Server complaints about
 * `settings.<field>` land beside that field too.
 */
import { EmailSettings, MailAddress, type Inbox } from "../../worker/protocol";
import { ApiError } from "../api";
import type { FieldErrors } from "./form-errors";
import { m } from "./email-strings";

/** EmailSettings.addresses' bound. */
export const MAX_ADDRESSES = 50;

export interface EmailFormValues {
  name: string;
  /** "" = the default team. */
  teamId: string;
  /** As typed: one address per line (commas and spaces also separate). */
  addresses: string;
  catchAllDomain: string;
  displayName: string;
  signature: string;
  listMailIsAutomatic: boolean;
  /** Address → team id; "" or absent = the inbox's team. */
  addressTeams: Record<string, string>;
  reopenWindowHours: string;
}

export function emailFormValues(inbox?: Inbox): EmailFormValues {
  const parsed = EmailSettings.safeParse(inbox?.settings ?? {});
  const s = parsed.success ? parsed.data : null;
  return {
    name: inbox?.name ?? "",
    teamId: inbox?.teamId ?? "",
    addresses: s?.addresses.join("\n") ?? "",
    catchAllDomain: s?.catchAllDomain ?? "",
    displayName: s?.displayName ?? "",
    signature: s?.signature ?? "",
    listMailIsAutomatic: s?.listMailIsAutomatic ?? true,
    addressTeams: { ...s?.addressTeams },
    reopenWindowHours: String(s?.reopenWindowHours ?? 24),
  };
}

/** The typed addresses, split and lower-cased; duplicates kept once. */
export function typedAddresses(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter(Boolean))];
}

/** The addresses that read as addresses, for the routing rows. */
export function validAddresses(text: string): string[] {
  return typedAddresses(text).filter((a) => MailAddress.safeParse(a).success);
}

export type EmailCheck = { ok: true; name: string; teamId: string | null; settings: EmailSettings } | { ok: false; fields: FieldErrors };

export function checkEmailInbox(values: EmailFormValues): EmailCheck {
  const fields: FieldErrors = {};
  const name = values.name.trim();
  if (name.length < 1 || name.length > 120) fields.name = m.nameInvalid;
  const addresses = typedAddresses(values.addresses);
  const bad = addresses.find((a) => !MailAddress.safeParse(a).success);
  if (addresses.length === 0) fields.addresses = m.addressesRequired;
  else if (bad !== undefined) fields.addresses = m.addressInvalid(bad);
  else if (addresses.length > MAX_ADDRESSES) fields.addresses = m.addressesTooMany(MAX_ADDRESSES);
  const hours = Number(values.reopenWindowHours.trim());
  const routed = Object.entries(values.addressTeams).filter(([address, team]) => team !== "" && addresses.includes(address));
  const settings = {
    reopenWindowHours: values.reopenWindowHours.trim() === "" ? NaN : hours,
    addresses,
    catchAllDomain: values.catchAllDomain.trim().toLowerCase().replace(/^@/, ""),
    displayName: values.displayName.trim(),
    signature: values.signature,
    listMailIsAutomatic: values.listMailIsAutomatic,
    addressTeams: Object.fromEntries(routed),
  };
  const parsed = EmailSettings.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      fields[field] ??= MESSAGES[field] ?? issue.message;
    }
  }
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, name, teamId: values.teamId === "" ? null : values.teamId, settings: parsed.data };
}

const MESSAGES: Partial<Record<string, string>> = {
  catchAllDomain: m.catchAllInvalid,
  displayName: m.displayNameInvalid,
  signature: m.signatureInvalid,
  reopenWindowHours: m.reopenInvalid,
  addressTeams: m.routingInvalid,
  addresses: m.addressesRequired,
};

/** The server's issues by form field: `settings.addresses.2` is the addresses field. */
export function serverFields(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    const path = issue.path.map(String);
    const field = path[0] === "settings" ? (path[1] ?? "") : (path[0] ?? "");
    if (field) fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
  }
  return fields;
}
