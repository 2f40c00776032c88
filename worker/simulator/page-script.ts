/**
 * @module The simulator page's script, inlined by page.ts. Plain browser JavaScript (no
 * build step, no framework); every piece of data reaches the DOM through `textContent`
 * or an attribute, never as HTML; links are followed only when they are http(s), and
 * pictures are shown only from our own origin.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  "use strict";
  var ALL = JSON.parse(document.getElementById("sim-strings").textContent);
  var NAMES = ["Maria Souza", "João Pereira", "Ana Lima", "Carlos Gómez", "Lucía Fernández", "Sam Taylor"];
  var MASP = { type: "location", latitude: -23.561414, longitude: -46.655881, name: "MASP", address: "Av. Paulista, 1578 - Bela Vista, São Paulo - SP" };

  function pickLocale() {
    var asked = new URLSearchParams(location.search).get("lang");
    if (asked && ALL[asked]) return asked;
    var langs = navigator.languages || [navigator.language || "en"];
    for (var i = 0; i < langs.length; i++) {
      if (/^pt\b/i.test(langs[i])) return "pt-BR";
      if (/^es\b/i.test(langs[i])) return "es";
      if (/^en\b/i.test(langs[i])) return "en";
    }
    return "en";
  }
  var locale = pickLocale();
  var s = ALL[locale];
  document.documentElement.lang = locale;

  var $ = function (id) { return document.getElementById(id); };
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v === undefined || v === null || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k === "class") node.className = v;
      else if (k.indexOf("on") === 0) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  document.querySelectorAll("[data-s]").forEach(function (node) { node.textContent = s[node.getAttribute("data-s")]; });
  document.querySelectorAll("[data-s-placeholder]").forEach(function (node) { node.setAttribute("placeholder", s[node.getAttribute("data-s-placeholder")]); });
  Array.prototype.forEach.call($("mode").options, function (option) { option.textContent = s.modes[option.value]; });
  document.title = s.title + " · Switchboard";

  var state = { inboxes: [], inbox: null, replyTo: null, last: "", busy: false, open: {} };

  function say(text, link) {
    var box = $("status");
    box.replaceChildren(document.createTextNode(text || ""));
    if (link) { box.appendChild(document.createTextNode(" ")); box.appendChild(el("a", { href: link, text: link })); }
  }

  async function api(method, path, body) {
    var res = await fetch(path, { method: method, headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    var text = await res.text();
    var json = null;
    try { json = JSON.parse(text); } catch (e) { json = null; }
    if (!res.ok) throw new Error((json && json.error && json.error.message) || res.status + " " + text.slice(0, 200));
    return json;
  }

  function randomDigits(n) {
    var out = String(1 + Math.floor(Math.random() * 9));
    while (out.length < n) out += String(Math.floor(Math.random() * 10));
    return out;
  }
  function madeUpCustomer(kind) {
    var name = NAMES[Math.floor(Math.random() * NAMES.length)];
    if (kind === "whatsapp" || kind === "sms") return { id: "55119" + randomDigits(8), name: name };
    if (kind === "telegram") return { id: randomDigits(10), name: name };
    if (kind === "email") return { id: name.split(" ")[0].normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase() + "." + randomDigits(4) + "@example.com.br", name: name };
    return { id: randomDigits(kind === "instagram" ? 17 : 16), name: name };
  }
  function storedCustomer(inbox) {
    try {
      var saved = JSON.parse(localStorage.getItem("switchboard:simulator:" + inbox.id) || "null");
      if (saved && saved.id) return saved;
    } catch (e) { /* storage blocked: a new made-up customer each load */ }
    if (inbox.kind === "email") return { id: "maria.souza@example.com.br", name: "Maria Souza" };
    return inbox.kind === "whatsapp" || inbox.kind === "sms" ? { id: "5511987654321", name: "Maria Souza" } : madeUpCustomer(inbox.kind);
  }
  function customer() { return { id: $("customer-id").value.trim(), name: $("customer-name").value.trim() }; }
  function keepCustomer() {
    if (!state.inbox) return;
    try { localStorage.setItem("switchboard:simulator:" + state.inbox.id, JSON.stringify(customer())); } catch (e) { /* not kept */ }
    state.last = "";
    poll();
  }

  function showInbox() {
    var id = $("inbox").value;
    state.inbox = state.inboxes.find(function (i) { return i.id === id; }) || null;
    state.last = "";
    setReplyTo(null);
    $("thread").replaceChildren();
    var inbox = state.inbox;
    $("phone").setAttribute("data-kind", inbox ? inbox.kind : "");
    $("phone-title").textContent = inbox ? inbox.name : s.pickInbox;
    $("problem").textContent = inbox && inbox.problem ? s.unusable + " " + inbox.problem : "";
    if (!inbox) return;
    var who = storedCustomer(inbox);
    $("customer-id").value = who.id;
    $("customer-name").value = who.name;
    // What this provider's customers can do (the API refuses the rest).
    var kind = inbox.kind;
    var meta = kind === "whatsapp" || kind === "messenger" || kind === "instagram";
    offer("send-location", kind === "whatsapp" || kind === "telegram");
    offer("send-yes", meta);
    offer("send-no", meta);
    offer("send-contact", kind === "telegram");
    offer("block", kind === "telegram");
    offer("unblock", kind === "telegram");
    offer("send-stop", kind === "sms");
    offer("send-start", kind === "sms");
    $("subject").hidden = kind !== "email";
    $("email-hint").hidden = kind !== "email";
    poll();
  }

  function offer(id, available) {
    $(id).hidden = !available;
    $(id).disabled = !available;
    $(id).title = available ? "" : s.notHere;
  }

  async function loadInboxes(selectId) {
    var answer = await api("GET", "/dev/simulator/api/inboxes");
    state.inboxes = answer.inboxes;
    $("console-link").href = answer.consoleUrl;
    var select = $("inbox");
    var previous = selectId || select.value;
    if (!previous) {
      try { previous = localStorage.getItem("switchboard:simulator:inbox"); } catch (e) { previous = null; }
    }
    select.replaceChildren.apply(select, answer.inboxes.map(function (i) { return el("option", { value: i.id, text: i.name + " · " + i.kind + (i.accountId ? " · " + i.accountId : "") }); }));
    $("no-inboxes").hidden = answer.inboxes.length > 0;
    if (answer.inboxes.some(function (i) { return i.id === previous; })) select.value = previous;
    showInbox();
  }

  function setReplyTo(item) {
    state.replyTo = item;
    $("replying").hidden = !item;
    $("replying-text").textContent = item ? item.text || (item.media && item.media.name) || item.providerMessageId : "";
  }

  async function sendMessage(message) {
    if (!state.inbox) return say(s.pickInbox);
    try {
      var body = { inboxId: state.inbox.id, customer: customer(), message: message, replyTo: state.replyTo ? state.replyTo.providerMessageId : null };
      if (state.inbox.kind === "email") body.subject = $("subject").value.trim();
      await api("POST", "/dev/simulator/api/messages", body);
      $("subject").value = "";
      setReplyTo(null);
      say("");
      await poll();
    } catch (e) { say(s.error + " " + e.message); }
  }

  async function sendReceipt(item, status) {
    try {
      await api("POST", "/dev/simulator/api/receipts", { inboxId: state.inbox.id, customerId: customer().id, itemId: item.id, status: status });
      await poll();
    } catch (e) { say(s.error + " " + e.message); }
  }

  /** A Telegram text or photo the customer sent (its caption is what an edit changes). */
  function editable(item) {
    if (item.event || !item.request) return false;
    try {
      var wire = JSON.parse(item.request);
      var message = wire.message || wire.edited_message;
      return !!message && ("text" in message || "photo" in message);
    } catch (e) { return false; }
  }

  async function editMessage(item) {
    var text = window.prompt(s.editPrompt, item.text);
    if (text === null || !text.trim()) return;
    try {
      await api("POST", "/dev/simulator/api/edits", { inboxId: state.inbox.id, customerId: customer().id, itemId: item.id, text: text.trim() });
      await poll();
    } catch (e) { say(s.error + " " + e.message); }
  }

  async function setBlocked(blocked) {
    if (!state.inbox) return say(s.pickInbox);
    var who = customer();
    try {
      await api("POST", "/dev/simulator/api/blocks", { inboxId: state.inbox.id, customerId: who.id, name: who.name, blocked: blocked });
      await poll();
    } catch (e) { say(s.error + " " + e.message); }
  }

  function pretty(json) {
    try { return JSON.stringify(JSON.parse(json), null, 2); } catch (e) { return json; }
  }

  function mediaNode(media) {
    var own = media.url.indexOf(location.origin + "/") === 0;
    if (own && /^image\/|^(image|sticker)$/.test(media.contentType)) return el("img", { src: media.url, alt: media.name || "", class: "media" });
    if (/^https?:/i.test(media.url)) return el("a", { href: media.url, text: "📎 " + (media.name || media.url), target: "_blank", rel: "noopener noreferrer" });
    return el("span", { text: "📎 " + (media.name || media.contentType) });
  }

  function bubble(item, byProviderId) {
    var out = item.direction === "out";
    var quoted = item.replyTo ? byProviderId[item.replyTo] : null;
    var kind = state.inbox.kind;
    var whatsappLike = kind === "whatsapp" || (kind === "sms" && state.inbox.medium === "whatsapp");
    var answer = item.webhook ? el("span", { class: item.webhook.status >= 200 && item.webhook.status < 300 ? "ok" : "bad", text: s.worker + " " + item.webhook.status }) : null;
    var meta = el("div", { class: "meta" }, [
      el("time", { text: new Date(item.at).toLocaleTimeString(locale) }),
      item.edited ? el("span", { text: s.edited }) : null,
      out ? el("span", { class: "receipt", text: item.receipt ? s[item.receipt] + " (" + s.receiptSent + ")" : s.sent }) : null,
      answer,
    ]);
    // Receipts: none to a Telegram bot; read only where the app shows it (not Instagram's
    // deliveries, not SMS); failures where the provider reports them.
    var actions = out
      ? el("div", { class: "actions" }, [
          kind !== "instagram" && kind !== "telegram" && kind !== "email" ? el("button", { type: "button", text: s.delivered, onclick: function () { sendReceipt(item, "delivered"); } }) : null,
          kind !== "telegram" && kind !== "email" && (kind !== "sms" || whatsappLike) ? el("button", { type: "button", text: s.read, onclick: function () { sendReceipt(item, "read"); } }) : null,
          kind === "whatsapp" || kind === "sms" ? el("button", { type: "button", class: "danger", text: s.failed, onclick: function () { sendReceipt(item, "failed"); } }) : null,
          kind !== "sms" ? el("button", { type: "button", text: s.reply, onclick: function () { setReplyTo(item); $("text").focus(); } }) : null,
        ])
      : kind === "telegram" && editable(item)
        ? el("div", { class: "actions" }, [el("button", { type: "button", text: s.edit, onclick: function () { editMessage(item); } })])
        : null;
    var details = el("details", { ontoggle: function (e) { state.open[item.id] = e.target.open; }, open: !!state.open[item.id] }, [
      el("summary", { text: s.json }),
      item.request ? el("pre", { text: pretty(item.request) }) : null,
      item.webhook && item.webhook.body ? el("pre", { text: pretty(item.webhook.body) }) : null,
    ]);
    if (item.event) return el("li", { class: "bubble note", "data-id": item.id }, [el("p", { text: s[item.event] }), meta, details]);
    return el("li", { class: "bubble " + (out ? "agent" : "me"), "data-id": item.id }, [
      item.replyTo ? el("blockquote", { text: quoted ? quoted.text || (quoted.media && quoted.media.name) || "…" : item.replyTo }) : null,
      item.subject ? el("strong", { class: "subject", text: item.subject }) : null,
      item.media ? mediaNode(item.media) : null,
      !item.media && item.attachments && item.attachments.length ? el("span", { class: "files", text: "📎 " + item.attachments.join(", ") }) : null,
      item.text ? el("p", { class: "text", text: item.text }) : null,
      meta,
      actions,
      details,
    ]);
  }

  function render(thread) {
    var list = $("thread");
    var atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 16;
    var byProviderId = {};
    thread.items.forEach(function (i) { byProviderId[i.providerMessageId] = i; });
    var nodes = thread.items.map(function (i) { return bubble(i, byProviderId); });
    if (!nodes.length) nodes = [el("li", { class: "empty", text: s.emptyThread })];
    list.replaceChildren.apply(list, nodes);
    if (atBottom) list.scrollTop = list.scrollHeight;
    $("mode").value = thread.providerMode;
  }

  async function poll() {
    var inbox = state.inbox;
    var who = customer().id;
    if (!inbox || inbox.problem || !/^[A-Za-z0-9._+@-]{3,254}$/.test(who) || state.busy) return;
    state.busy = true;
    try {
      var thread = await api("GET", "/dev/simulator/api/thread?inbox=" + encodeURIComponent(inbox.id) + "&customer=" + encodeURIComponent(who));
      var json = JSON.stringify(thread);
      if (json !== state.last && state.inbox === inbox) { state.last = json; render(thread); }
    } catch (e) {
      say(s.error + " " + e.message);
    } finally {
      state.busy = false;
    }
  }

  $("inbox").addEventListener("change", function () {
    try { localStorage.setItem("switchboard:simulator:inbox", $("inbox").value); } catch (e) { /* not kept */ }
    showInbox();
  });
  $("customer-id").addEventListener("change", keepCustomer);
  $("customer-name").addEventListener("change", keepCustomer);
  $("new-customer").addEventListener("click", function () {
    if (!state.inbox) return;
    var who = madeUpCustomer(state.inbox.kind);
    $("customer-id").value = who.id;
    $("customer-name").value = who.name;
    keepCustomer();
  });
  $("samples").addEventListener("click", async function () {
    try {
      var answer = await api("POST", "/dev/simulator/api/sample-inboxes", {});
      var first = answer.created[0] || answer.existing[0];
      await loadInboxes(first && first.id);
      say(s.samplesCreated, answer.consoleUrl);
    } catch (e) { say(s.error + " " + e.message); }
  });
  $("mode").addEventListener("change", async function () {
    if (!state.inbox) return;
    try { await api("POST", "/dev/simulator/api/provider-mode", { inboxId: state.inbox.id, mode: $("mode").value }); state.last = ""; await poll(); }
    catch (e) { say(s.error + " " + e.message); }
  });
  $("composer").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    sendMessage({ type: "text", text: text });
  });
  $("send-photo").addEventListener("click", function () {
    var kind = state.inbox && state.inbox.kind;
    // Messenger and Instagram attachments carry no caption.
    var caption = kind === "whatsapp" || kind === "telegram" || kind === "sms" || kind === "email" ? $("text").value.trim() : "";
    $("text").value = "";
    sendMessage({ type: "image", caption: caption });
  });
  $("send-location").addEventListener("click", function () { sendMessage(MASP); });
  $("send-yes").addEventListener("click", function () { sendMessage({ type: "choice", id: "yes", title: s.yes }); });
  $("send-no").addEventListener("click", function () { sendMessage({ type: "choice", id: "no", title: s.no }); });
  $("send-contact").addEventListener("click", function () { sendMessage({ type: "contact", phone: "+55 11 98765-4321", firstName: "Ana", lastName: "Lima" }); });
  $("block").addEventListener("click", function () { setBlocked(true); });
  $("unblock").addEventListener("click", function () { setBlocked(false); });
  $("send-stop").addEventListener("click", function () { sendMessage({ type: "text", text: "STOP" }); });
  $("send-start").addEventListener("click", function () { sendMessage({ type: "text", text: "START" }); });
  $("cancel-reply").addEventListener("click", function () { setReplyTo(null); });

  loadInboxes().catch(function (e) { say(s.error + " " + e.message); });
  setInterval(poll, 1000);
})();
`;
