/**
 * @module What an admin does at the provider once a channel inbox is saved, per kind.
 * Meta: paste the callback URL and the verify token (shown once, right after it was
 * saved). Telegram: nothing; the server registered the webhook itself, which the URL
 * shown says. Twilio: paste the webhook URL where the sender is configured (a number, a
 * Messaging Service, or a WhatsApp sender); the status callback needs nothing, since it
 * goes with each message.
 */
import type { ComponentChildren } from "preact";
import type { Inbox } from "../../worker/protocol";
import { META_KINDS, type ProviderKind } from "./channel-fields";
import { s as cs } from "./channel-strings";
import { CopyField } from "./copy-field";
import { s as ts } from "./twilio-telegram-strings";

export function AtProvider(props: { inbox: Inbox; kind: ProviderKind; verifyToken: string | null }) {
  if (props.kind === "telegram") return <AtTelegram inbox={props.inbox} />;
  if (props.kind === "sms") return <AtTwilio inbox={props.inbox} />;
  return <AtMeta inbox={props.inbox} verifyToken={props.verifyToken} />;
}

/** The URL the provider delivers to. Twilio signs over the URL it called, so with a
 * public base URL override (a custom domain in front of this server) that is the one to
 * paste; the server derives the same from the setting when it checks the signature. */
export function webhookUrlOf(inbox: Inbox): string | null {
  if (!inbox.webhookUrl) return null;
  const base = inbox.kind === "sms" ? inbox.settings["publicBaseUrl"] : "";
  if (typeof base !== "string" || base === "") return inbox.webhookUrl;
  const url = new URL(inbox.webhookUrl);
  return base.replace(/\/+$/, "") + url.pathname + url.search;
}

/** The label of that URL: Meta calls it a callback URL, Telegram and Twilio a webhook. */
export function webhookLabel(inbox: Inbox): string {
  return (META_KINDS as readonly string[]).includes(inbox.kind) ? cs.callbackUrl(inbox.name) : cs.webhookUrl(inbox.name);
}

function Section(props: { id: string; heading: string; children: ComponentChildren }) {
  return (
    <section class="at-provider" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.heading}</h3>
      {props.children}
    </section>
  );
}

function UrlField({ inbox }: { inbox: Inbox }) {
  const url = webhookUrlOf(inbox);
  return url ? <CopyField label={webhookLabel(inbox)} value={url} rows={1} class="callback-url" /> : null;
}

function AtMeta(props: { inbox: Inbox; verifyToken: string | null }) {
  const saved = props.inbox.credentials.verifyToken;
  return (
    <Section id={`at-meta-${props.inbox.id}`} heading={cs.atMeta}>
      <p class="muted">{cs.atMetaIntro}</p>
      <UrlField inbox={props.inbox} />
      {props.verifyToken ? (
        <CopyField label={cs.verifyTokenOnce} hint={cs.verifyTokenOnceHint} value={props.verifyToken} rows={1} class="secret-once" />
      ) : (
        saved?.set && <p>{cs.verifyTokenSaved(saved.last4)}</p>
      )}
    </Section>
  );
}

function AtTelegram({ inbox }: { inbox: Inbox }) {
  return (
    <Section id={`at-telegram-${inbox.id}`} heading={ts.atTelegram}>
      <p class="muted">{ts.atTelegramIntro}</p>
      <UrlField inbox={inbox} />
    </Section>
  );
}

function AtTwilio({ inbox }: { inbox: Inbox }) {
  const where = inbox.settings["messagingServiceSid"] ? ts.atTwilioService : inbox.settings["medium"] === "whatsapp" ? ts.atTwilioWhatsapp : ts.atTwilioNumber;
  return (
    <Section id={`at-twilio-${inbox.id}`} heading={ts.atTwilio}>
      <p class="muted at-twilio-where">{where}</p>
      <UrlField inbox={inbox} />
      <p class="muted">{ts.statusCallback}</p>
    </Section>
  );
}
