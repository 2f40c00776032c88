/**
 * @module What the simulated customer sends, once the simulator has hosted any file it
 * carries: the input of the webhook builders (whatsapp-webhooks.ts, meta-webhooks.ts,
 * telegram-webhooks.ts, twilio-webhooks.ts).
 */
import type { SimulatorCustomerMessage } from "../protocol/simulator";

/** A file the simulator hosts for the customer (the sample picture). */
export interface HostedMedia {
  id: string;
  /** Where the worker downloads it (Messenger and Instagram put this URL in the webhook). */
  url: string;
  contentType: string;
  /** base64 SHA-256 of the bytes, as WhatsApp reports it. */
  sha256: string;
}

export type CustomerMessage =
  | Exclude<SimulatorCustomerMessage, { type: "image" }>
  | { type: "image"; caption: string; media: HostedMedia };

/** Who writes and where: the customer's id on the channel, the provider's id for the
 * message, when it was sent, and the provider id of the reply it quotes. */
export interface CustomerTurn {
  customerId: string;
  customerName: string;
  providerMessageId: string;
  at: number;
  replyTo: string | null;
  message: CustomerMessage;
}

/** The bubble's text on the simulated phone. */
export function summaryOf(message: CustomerMessage): string {
  switch (message.type) {
    case "text":
      return message.text;
    case "image":
      return message.caption;
    case "location":
      return [message.name, message.address, `${message.latitude}, ${message.longitude}`].filter(Boolean).join(" — ");
    case "choice":
      return message.title;
    case "contact":
      return [[message.firstName, message.lastName].filter(Boolean).join(" "), message.phone].join(" — ");
  }
}
