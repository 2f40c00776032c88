/**
 * @module The portal's stylesheet and its one small script, served by the Worker (no build
 * step, a few KB). The script only sends forms to the JSON API (/api/v1/portal/*), shows
 * answers as text (never as HTML), shows times in the reader's zone, and reloads a
 * conversation when something new arrived (a poll every 10 s while the page is visible).
 */

export const PORTAL_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d2733; background: #f5f7fa; }
body { margin: 0; }
.top { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1rem; background: #1d4ed8; }
.top a, .top button { color: #fff; text-decoration: none; font-weight: 600; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
.card { background: #fff; border: 1px solid #d8dee6; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
label { display: block; margin: .75rem 0 .25rem; }
input, textarea, select { display: block; width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; }
button, .button { background: #1d4ed8; color: #fff; border: 0; border-radius: .375rem; padding: .5rem 1rem; font: inherit; cursor: pointer; text-decoration: none; display: inline-block; }
button.link { background: none; padding: 0; }
.status:empty { display: none; }
.status { color: #9a3412; }
.status.ok { color: #166534; }
.conversations, .events, .files { list-style: none; padding: 0; }
.conversation { background: #fff; border: 1px solid #d8dee6; border-radius: .5rem; padding: .75rem; margin: .5rem 0; }
.conversation a { font-weight: 600; display: block; }
.meta, .who { color: #556270; font-size: .9rem; }
.badge { font-weight: 600; }
.badge.resolved { color: #166534; }
.event { margin: .75rem 0; padding: .75rem; border-radius: .5rem; background: #fff; border: 1px solid #d8dee6; }
.event.customer { background: #eef4ff; }
.event.status-change { background: none; border: 0; color: #556270; font-size: .9rem; text-align: center; }
.body { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0 0; }
`;

export const PORTAL_JS = `"use strict";
(() => {
  const lang = document.body.dataset.locale || "pt-BR";
  const api = async (method, path, body, headers) => {
    const init = { method, credentials: "same-origin", headers: headers || {} };
    if (body !== undefined && !(body instanceof Blob)) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    else if (body !== undefined) init.body = body;
    const res = await fetch(path, init);
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText);
    return data;
  };
  const say = (form, text, ok) => { const el = form.querySelector(".status"); if (el) { el.textContent = text; el.classList.toggle("ok", !!ok); } };
  const go = (path) => { location.href = path + (path.includes("?") ? "&" : "?") + "lang=" + encodeURIComponent(lang); };
  const id = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2));
  const upload = async (conversationId, file) =>
    (await api("POST", "/api/v1/portal/conversations/" + encodeURIComponent(conversationId) + "/uploads", file, { "Content-Type": file.type || "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) })).id;
  const uploadAll = async (conversationId, input) => { const ids = []; for (const f of (input && input.files) || []) ids.push(await upload(conversationId, f)); return ids; };

  // One clientId per form until it succeeds, so a retry after a lost answer is not stored twice.
  const handlers = {
    link: async (form) => { await api("POST", "/api/v1/portal/sign-in/link", { email: form.email.value, locale: lang }); say(form, form.dataset.sent, true); },
    password: async (form) => { await api("POST", "/api/v1/portal/sign-in/password", { email: form.email.value, password: form.password.value }); go("/portal"); },
    redeem: async (form) => {
      const token = new URLSearchParams(location.hash.slice(1)).get("token");
      if (!token) throw new Error(form.dataset.missing);
      await api("POST", "/api/v1/portal/sign-in/redeem", { token });
      history.replaceState(null, "", location.pathname + location.search);
      go("/portal");
    },
    "set-password": async (form) => { await api("PUT", "/api/v1/portal/password", { password: form.password.value }); form.password.value = ""; say(form, form.querySelector("button").dataset.done, true); },
    reply: async (form) => {
      const conversationId = form.dataset.conversation;
      const attachmentIds = await uploadAll(conversationId, form.files);
      const body = { body: form.body.value, clientId: form.dataset.clientId };
      if (attachmentIds.length) body.attachmentIds = attachmentIds;
      await api("POST", "/api/v1/portal/conversations/" + encodeURIComponent(conversationId) + "/messages", body);
      location.reload();
    },
    request: async (form) => {
      const clientId = form.dataset.clientId;
      const body = { subject: form.subject.value, description: form.description.value, clientId };
      if (form.categoryId && form.categoryId.value) body.categoryId = form.categoryId.value;
      const made = await api("POST", "/api/v1/portal/requests", body);
      const attachmentIds = await uploadAll(made.conversationId, form.files);
      if (attachmentIds.length) await api("POST", "/api/v1/portal/conversations/" + encodeURIComponent(made.conversationId) + "/messages", { clientId: clientId + "-files", attachmentIds });
      go("/portal/conversations/" + encodeURIComponent(made.conversationId));
    },
  };
  for (const form of document.querySelectorAll("form[data-form]")) {
    form.dataset.clientId = id();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      say(form, "");
      try { await handlers[form.dataset.form](form); form.dataset.clientId = id(); }
      catch (err) { say(form, err.message); }
      finally { if (button) button.disabled = false; }
    });
  }
  for (const button of document.querySelectorAll("[data-action=sign-out]")) {
    button.addEventListener("click", async () => { await api("POST", "/api/v1/portal/sign-out").catch(() => {}); go("/portal"); });
  }
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short" });
  for (const t of document.querySelectorAll("time[datetime]")) t.textContent = fmt.format(new Date(t.getAttribute("datetime")));
  const log = document.querySelector("[data-last-seq]");
  if (log) {
    setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const detail = await api("GET", "/api/v1/portal/conversations/" + encodeURIComponent(log.dataset.conversation));
        const last = detail.events.length ? detail.events[detail.events.length - 1].seq : 0;
        if (String(last) !== log.dataset.lastSeq && !document.querySelector("form[data-form=reply] textarea")?.value) location.reload();
      } catch {}
    }, 10000);
  }
})();
`;
