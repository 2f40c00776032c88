/** @module PLACEHOLDER so the email() handler compiles before the parsing branch (i13-parse) lands; the lead keeps that branch's file. */
import type { ParsedEmail } from "./parsed";
export async function parseEmail(_raw: ArrayBuffer | ReadableStream): Promise<ParsedEmail> { throw new Error("parseEmail: placeholder, replaced by worker/channels/email/parse.ts from i13-parse"); }
