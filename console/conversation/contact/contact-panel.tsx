/**
 * @module The contact panel (the pane's right column, collapsible): name, e-mail and
 * phone edited in place (a generated visitor name marked as such), channel identities
 * with their verified mark, the inboxes they opted out of, their consent ledger (LGPD), where a web visitor is and on
 * what, the contact's queue priority (admins edit it), tags, custom attributes, and their
 * conversations across all channels.
 */
import type { ChannelKind, ContactDetail, Inbox, Tag } from "../../../worker/protocol";
import { ChannelKind as ChannelKinds } from "../../../worker/protocol";
import { ChannelIcon } from "../../shared/channel-icon";
import { useDirectory } from "../../shared/use-directory";
import { ContactAttributes } from "./contact-attributes";
import { ContactField } from "./contact-field";
import { ContactPriority } from "./contact-priority";
import { ContactHistory } from "./contact-history";
import { ContactOptOuts } from "./contact-optouts";
import { ContactConsentSection } from "./contact-consent";
import { TagChips, TagMenu } from "../header/tags";
import type { ContactState } from "./use-contact";
import { Icon } from "../../shared/icon";
import { s } from "../strings";
import { VisitorDetails } from "./visitor-details";
import { ContactRights } from "./contact-rights";
import { s as visitorStrings } from "./visitor-strings";
import { useState } from "preact/hooks";
import { NewConversationDialog } from "../../outbound/new-conversation";
import { ow } from "../../outbound/outbound-strings";

const isChannel = (kind: string): kind is ChannelKind => (ChannelKinds.options as readonly string[]).includes(kind);

/** Identity kinds are `<channel>:<inbox id>` (a visitor id, a phone number…) or `user`
 * (the website's own user id, verified by HMAC). */
function IdentityKind({ kind }: { kind: string }) {
  const prefix = kind.split(":")[0]!;
  if (isChannel(prefix)) return <ChannelIcon channel={prefix} size={14} labelled />;
  return <span class="identity-kind">{prefix === "user" ? s.contact.siteUser : kind}</span>;
}

/** What an identity is known by. A web chat visitor's id is a random UUID that means
 * nothing to anyone: the inbox (the site) they wrote from says more. */
function IdentityName({ identity, inboxes }: { identity: ContactDetail["identities"][number]; inboxes: readonly Inbox[] }) {
  const [channel, inboxId] = identity.kind.split(":");
  if (channel !== "webchat") return <span class="identity-id">{identity.externalId}</span>;
  const inbox = inboxes.find((i) => i.id === inboxId);
  return <span class="identity-id identity-id--readable">{inbox ? `${visitorStrings.webVisitor} · ${inbox.name}` : visitorStrings.webVisitor}</span>;
}

export function ContactPanel(props: {
  id: string;
  contact: ContactState;
  tags: readonly Tag[];
  conversationId: string;
  onClose: () => void;
  /** Admins and owners set the contact's queue priority, export and erase the contact
   * (LGPD); agents only see it. */
  canSetPriority?: boolean;
}) {
  const { detail, error, save } = props.contact;
  // Shared and cached: costs no request when the console has loaded it already.
  const { inboxes } = useDirectory();
  const c = s.contact;
  // "New conversation": write first to the contact on another channel (issue 16).
  const [starting, setStarting] = useState(false);
  return (
    <aside
      id={props.id}
      class="contact-panel"
      aria-labelledby={`${props.id}-title`}
      onKeyDown={(e) => {
        // Fields and menus inside stop their own Escape; one that reaches here closes.
        if (e.key === "Escape") props.onClose();
      }}
    >
      <div class="contact-panel-head">
        <h3 id={`${props.id}-title`}>{c.title}</h3>
        <button type="button" class="icon-button" aria-label={s.pane.hideContactPanel} title={s.pane.hideContactPanel} onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {c.loadFailed(error)}
        </p>
      )}
      {!detail && !error && <p class="muted">{s.pane.loading}</p>}
      {detail && (
        <>
          <dl class="contact-fields">
            <ContactField
              label={c.name}
              type="text"
              value={detail.contact.name}
              generatedHint={detail.contact.nameGenerated ? visitorStrings.generatedName : undefined}
              onSave={(name) => save({ name })}
            />
            <ContactField label={c.email} type="email" value={detail.contact.email} onSave={(email) => save({ email })} />
            <ContactField label={c.phone} type="tel" value={detail.contact.phone} onSave={(phone) => save({ phone })} />
            <ContactPriority priority={detail.contact.priority} effective={detail.contact.effectivePriority} canEdit={props.canSetPriority ?? false} onSave={(priority) => save({ priority })} />
          </dl>
          {detail.identities.length > 0 && (
            <section class="contact-section" aria-labelledby="contact-identities">
              <h4 id="contact-identities">{c.identities}</h4>
              <ul class="identities">
                {detail.identities.map((identity) => (
                  <li key={`${identity.kind}:${identity.externalId}`}>
                    <IdentityKind kind={identity.kind} />
                    <IdentityName identity={identity} inboxes={inboxes} />
                    {identity.verified ? (
                      <span class="verified" title={c.verified}>
                        <Icon name="check" text={c.verified} />
                      </span>
                    ) : (
                      <span class="muted">{c.notVerified}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <ContactOptOuts optOuts={detail.optOuts} inboxes={inboxes} />
          <button type="button" class="new-conversation-button" onClick={() => setStarting(true)}>
            {ow.newConversation}
          </button>
          {starting && <NewConversationDialog contactId={detail.contact.id} contactName={detail.contact.name ?? detail.contact.email ?? detail.contact.phone ?? ""} inboxes={inboxes} onClose={() => setStarting(false)} />}
          <ContactConsentSection contactId={detail.contact.id} />
          {detail.visitor && <VisitorDetails visitor={detail.visitor} />}
          <section class="contact-section" aria-labelledby="contact-tags">
            <div class="section-head">
              <h4 id="contact-tags">{c.tags}</h4>
              <TagMenu tags={props.tags} selected={detail.contact.tagIds} onChange={(tagIds) => void save({ tagIds })} label={<Icon name="pencil" />} buttonLabel={c.editTags} buttonClass="icon-button" align="end" />
            </div>
            <TagChips tagIds={detail.contact.tagIds} tags={props.tags} label={c.tags} />
          </section>
          <ContactAttributes attributes={detail.contact.attributes} onSave={save} />
          <ContactHistory conversations={detail.conversations} currentId={props.conversationId} />
          {props.canSetPriority && <ContactRights contactId={detail.contact.id} onErased={() => props.contact.reload?.()} />}
        </>
      )}
    </aside>
  );
}
