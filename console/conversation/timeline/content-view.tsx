/**
 * @module A message's structured content (protocol/message-content.ts) drawn as text:
 * a location with a map link, shared contacts, a button or list choice, a template with
 * its parameters, an Instagram story reply or mention, a sticker, and what the provider
 * could not pass on. Every value is a text node; the only links built from customer data
 * are the map (numbers we format) and a story URL that must be http(s).
 */
import "./channel-parts.css";
import type { MessageContent } from "../../../worker/protocol";
import { c } from "../channel-strings";

/** Content kinds whose message body is only the readable stand-in the adapters write for
 * previews and search ("📍 Padaria", "[template: pedido]"): the content replaces it. A
 * story reply's body is what the customer wrote, so it stays. */
const REPLACES_BODY: ReadonlySet<MessageContent["type"]> = new Set(["location", "contacts", "choice", "template", "sticker", "unsupported"]);

export function contentReplacesBody(content: MessageContent | undefined): boolean {
  return content !== undefined && REPLACES_BODY.has(content.type);
}

/** OpenStreetMap's marker link; the coordinates were range-checked by the protocol. */
export function mapUrl(latitude: number, longitude: number): string {
  const lat = String(latitude);
  const lon = String(longitude);
  return `https://www.openstreetmap.org/?${new URLSearchParams({ mlat: lat, mlon: lon })}#map=16/${lat}/${lon}`;
}

/** Only web links open from the console: a `javascript:` or `data:` URL in a story
 * payload must never become a clickable href. */
export function safeWebUrl(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function ExternalLink(props: { href: string; children: string }) {
  // A new tab that cannot reach back into the console (noopener) nor learn where the
  // click came from (noreferrer).
  return (
    <a class="content-link" href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
    </a>
  );
}

export function ContentView({ content }: { content: MessageContent }) {
  switch (content.type) {
    case "location":
      return (
        <div class="content content--location">
          <span class="content-kind">{c.content.location}</span>
          {content.name && <strong class="content-title">{content.name}</strong>}
          {content.address && <span class="content-line">{content.address}</span>}
          <ExternalLink href={mapUrl(content.latitude, content.longitude)}>{c.content.openMap}</ExternalLink>
        </div>
      );
    case "contacts":
      return (
        <div class="content content--contacts">
          <span class="content-kind">{c.content.contacts}</span>
          <ul class="content-list">
            {content.contacts.map((person, i) => (
              <li key={i}>
                <strong class="content-title">{person.name}</strong>
                {person.phones.map((phone) => (
                  <span key={phone} class="content-line">
                    {c.content.phone}: {phone}
                  </span>
                ))}
                {person.emails.map((email) => (
                  <span key={email} class="content-line">
                    {c.content.email}: {email}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      );
    case "choice":
      return <p class="content content--choice">{c.content.chose(content.title)}</p>;
    case "template":
      return (
        <div class="content content--template">
          <strong class="content-title">{c.content.template(content.name)}</strong> <span class="muted">({content.language})</span>
          {content.parameters.length > 0 && (
            <ol class="content-list" aria-label={c.content.parameters}>
              {content.parameters.map((value, i) => (
                <li key={i}>{value}</li>
              ))}
            </ol>
          )}
        </div>
      );
    case "story": {
      const href = safeWebUrl(content.url);
      return (
        <p class="content content--story">
          <span class="content-kind">{content.mode === "reply" ? c.content.storyReply : c.content.storyMention}</span>
          {href && <ExternalLink href={href}>{c.content.openStory}</ExternalLink>}
        </p>
      );
    }
    case "sticker":
      // The sticker itself is the message's attachment, drawn small; this names it.
      return <span class="content content--sticker visually-hidden">{c.content.sticker}</span>;
    case "unsupported":
      return <p class="content content--unsupported muted">{c.content.unsupported(content.reason)}</p>;
  }
}
