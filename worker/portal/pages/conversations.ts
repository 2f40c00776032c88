/**
 * @module The signed-in pages: the customer's conversations (every channel), one
 * conversation with its public log and a reply form, and the new-request form.
 * Readable without JavaScript; sending goes through the script and the JSON API.
 */
import { html } from "hono/html";
import type { Locale, PortalCategory, PortalConversation, PortalEvent } from "../../protocol";
import { pageStrings } from "../strings";
import { shownTime } from "../locale";
import { layout, noScript, statusLine, type Page } from "./layout";

function time(at: number, locale: Locale): Page {
  return html`<time datetime="${new Date(at).toISOString()}">${shownTime(at, locale)}</time>`;
}

/** A portal request (it has a subject) says so; anything else names its channel. */
function originOf(c: PortalConversation, locale: Locale): string {
  const s = pageStrings[locale];
  return c.subject !== null ? s.portalRequest : s.channel[c.channel];
}

function titleOf(c: PortalConversation, locale: Locale): string {
  return c.subject ?? c.preview ?? pageStrings[locale].channel[c.channel];
}

export function conversationListPage(locale: Locale, conversations: PortalConversation[], customer: { email: string; hasPassword: boolean }, canRequest: boolean): Page {
  const s = pageStrings[locale];
  const rows = conversations.map(
    (c) => html`<li class="conversation">
  <a href="/portal/conversations/${c.id}?lang=${locale}">${titleOf(c, locale)}</a>
  <span class="meta"><span class="channel">${originOf(c, locale)}</span> · <span class="badge ${c.status}">${s.status[c.status]}</span> · ${s.lastActivity} ${time(c.lastActivityAt, locale)}</span>
</li>`,
  );
  const body = html`<p class="who">${customer.email}</p>
${canRequest ? html`<p><a class="button" href="/portal/new?lang=${locale}">${s.newRequest}</a></p>` : html`<p>${s.portalOff}</p>`}
${conversations.length > 0 ? html`<ul class="conversations">${rows}</ul>` : html`<p>${s.noConversations}</p>`}
<details class="card">
  <summary>${s.setPassword}</summary>
  <form data-form="set-password">
    <label for="new-password">${s.newPassword}</label> <input id="new-password" type="password" name="password" required minlength="10" maxlength="200" autocomplete="new-password">
    <button type="submit" data-done="${s.passwordSaved}">${s.setPassword}</button>
    ${statusLine()}
  </form>
</details>`;
  return layout(locale, s.myRequests, body, true);
}

function eventItem(e: PortalEvent, conversationId: string, locale: Locale): Page {
  const s = pageStrings[locale];
  if (e.type === "status") return html`<li class="event status-change">${s.statusChanged(e.status)} · ${time(e.at, locale)}</li>`;
  const files = e.attachments.map((a) => html`<li><a href="/api/v1/portal/conversations/${conversationId}/files/${a.id}" target="_blank" rel="noopener">${a.name}</a></li>`);
  return html`<li class="event message ${e.from}">
  <span class="author">${e.from === "customer" ? s.you : (e.author ?? s.team)}</span> · ${time(e.at, locale)}
  <p class="body">${e.body}</p>
  ${files.length > 0 ? html`<ul class="files">${files}</ul>` : ""}
</li>`;
}

export function conversationPage(locale: Locale, conversation: PortalConversation, events: PortalEvent[], canReply: boolean): Page {
  const s = pageStrings[locale];
  const lastSeq = events.at(-1)?.seq ?? 0;
  const body = html`<p><a href="/portal?lang=${locale}">← ${s.back}</a></p>
<p class="meta"><span class="channel">${originOf(conversation, locale)}</span> · <span class="badge ${conversation.status}" data-status>${s.status[conversation.status]}</span></p>
<ol class="events" data-conversation="${conversation.id}" data-last-seq="${lastSeq}">${events.map((e) => eventItem(e, conversation.id, locale))}</ol>
${
  canReply
    ? html`<form data-form="reply" data-conversation="${conversation.id}" class="card">
  <label for="reply-body">${s.yourMessage}</label> <textarea id="reply-body" name="body" rows="4" maxlength="10000"></textarea>
  <label for="reply-files">${s.attachments}</label> <input id="reply-files" type="file" name="files" multiple>
  <button type="submit">${s.reply}</button>
  ${statusLine()}
</form>
${noScript(locale)}`
    : html`<p class="note">${s.resolvedNote}</p>`
}`;
  return layout(locale, conversation.subject ?? s.channel[conversation.channel], body, true);
}

export function newRequestPage(locale: Locale, categories: PortalCategory[]): Page {
  const s = pageStrings[locale];
  const options = categories.map((k) => html`<option value="${k.id}">${k.names[locale]}</option>`);
  const body = html`<p><a href="/portal?lang=${locale}">← ${s.back}</a></p>
<form data-form="request" class="card">
  <label for="request-subject">${s.subject}</label> <input id="request-subject" name="subject" required maxlength="200">
  ${categories.length > 0 ? html`<label for="request-category">${s.category}</label> <select id="request-category" name="categoryId"><option value="">${s.noCategory}</option>${options}</select>` : ""}
  <label for="request-description">${s.description}</label> <textarea id="request-description" name="description" rows="8" required maxlength="9000"></textarea>
  <label for="request-files">${s.attachments}</label> <input id="request-files" type="file" name="files" multiple>
  <button type="submit">${s.send}</button>
  ${statusLine()}
</form>
${noScript(locale)}`;
  return layout(locale, s.newRequest, body, true);
}

export function notFoundPage(locale: Locale): Page {
  const s = pageStrings[locale];
  return layout(locale, s.notFound, html`<p><a href="/portal?lang=${locale}">← ${s.back}</a></p>`, true);
}
