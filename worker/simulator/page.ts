/**
 * @module `GET /dev/simulator`: the simulator's one self-contained page — markup, style,
 * the three languages' strings and the script (page-script.ts) inline, under a strict
 * Content-Security-Policy: only this response's nonce may run or style, fetches and
 * pictures stay on our origin, nothing may frame it.
 */
import { PAGE_STRINGS } from "./page-strings";
import { PAGE_SCRIPT } from "./page-script";

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
body { margin: 0; }
header { display: flex; gap: 1rem; align-items: baseline; padding: .75rem 1.25rem; background: #fff; border-bottom: 1px solid #d0d7de; }
header h1 { font-size: 1.1rem; margin: 0; }
.badge { font-size: .75rem; color: #9a6700; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 1rem; padding: 0 .5rem; }
header a { margin-left: auto; }
main { display: grid; grid-template-columns: minmax(16rem, 24rem) minmax(20rem, 30rem); gap: 1.5rem; padding: 1.25rem; justify-content: center; }
.setup { display: flex; flex-direction: column; gap: .75rem; }
label { display: flex; flex-direction: column; gap: .25rem; font-size: .85rem; color: #59636e; }
input, select, button { font: inherit; }
input, select { padding: .4rem; border: 1px solid #d0d7de; border-radius: .375rem; background: #fff; color: #1f2328; }
button { padding: .35rem .7rem; border: 1px solid #d0d7de; border-radius: .375rem; background: #fff; cursor: pointer; }
button:disabled { opacity: .5; cursor: not-allowed; }
button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
button.danger { color: #cf222e; }
fieldset { border: 1px solid #d0d7de; border-radius: .5rem; display: flex; flex-direction: column; gap: .5rem; }
.hint { font-size: .85rem; color: #59636e; line-height: 1.4; }
.warn { color: #cf222e; font-size: .85rem; }
.warn:empty { display: none; }
#status { font-size: .85rem; min-height: 1.2em; overflow-wrap: anywhere; }
.phone { display: flex; flex-direction: column; height: calc(100vh - 7rem); min-height: 28rem; border: 10px solid #1f2328; border-radius: 1.75rem; background: #efeae2; overflow: hidden; }
.phone[data-kind="messenger"] { background: #f0f2f5; }
.phone[data-kind="instagram"] { background: #fafafa; }
.phone[data-kind="telegram"] { background: #e6ebee; }
.phone[data-kind="sms"] { background: #fff; }
.phone-head { padding: .6rem 1rem; background: #075e54; color: #fff; font-weight: 600; }
.phone[data-kind="messenger"] .phone-head { background: #0866ff; }
.phone[data-kind="instagram"] .phone-head { background: #c13584; }
.phone[data-kind="telegram"] .phone-head { background: #2aabee; }
.phone[data-kind="sms"] .phone-head { background: #3c4043; }
.phone[data-kind="email"] { background: #f6f8fa; }
.phone[data-kind="email"] .phone-head { background: #0b57d0; }
.bubble .subject { display: block; font-weight: 600; margin-bottom: .2rem; }
#subject { margin: .5rem .5rem 0; }
#subject[hidden], #email-hint[hidden] { display: none; }
.phone[data-kind="telegram"] .bubble.me { background: #effdde; }
.phone[data-kind="sms"] .bubble.me { background: #d3e3fd; }
.phone[data-kind="sms"] .bubble.agent { background: #f1f3f4; }
.bubble.note { align-self: center; background: #fff8c5; font-size: .8rem; }
#thread { list-style: none; margin: 0; padding: .75rem; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: .5rem; }
.bubble { max-width: 80%; padding: .45rem .6rem; border-radius: .6rem; background: #fff; box-shadow: 0 1px 1px rgba(0,0,0,.08); overflow-wrap: anywhere; }
.bubble.me { align-self: flex-end; background: #d9fdd3; }
.phone[data-kind="messenger"] .bubble.me, .phone[data-kind="instagram"] .bubble.me { background: #dbe7ff; }
.bubble.agent { align-self: flex-start; }
.bubble p { margin: 0; white-space: pre-wrap; }
.bubble blockquote { margin: 0 0 .3rem; padding: .2rem .4rem; border-left: 3px solid #1a7f37; background: rgba(0,0,0,.04); font-size: .85rem; }
.bubble .media { display: block; max-width: 100%; border-radius: .4rem; margin-bottom: .25rem; }
.meta { display: flex; gap: .5rem; flex-wrap: wrap; font-size: .72rem; color: #59636e; margin-top: .2rem; }
.meta .ok { color: #1a7f37; } .meta .bad { color: #cf222e; font-weight: 600; }
.actions { display: flex; gap: .3rem; flex-wrap: wrap; margin-top: .3rem; }
.actions button { font-size: .75rem; padding: .15rem .45rem; }
details { font-size: .72rem; margin-top: .2rem; }
details pre { max-height: 14rem; overflow: auto; background: #f6f8fa; padding: .4rem; border-radius: .3rem; white-space: pre-wrap; }
.empty { color: #59636e; text-align: center; margin: auto; }
#replying { display: flex; gap: .5rem; align-items: center; padding: .3rem .75rem; background: #fff; border-top: 1px solid #d0d7de; font-size: .8rem; }
#replying[hidden] { display: none; }
#replying-text { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#composer { display: flex; gap: .4rem; padding: .5rem; background: #fff; border-top: 1px solid #d0d7de; }
#composer input { flex: 1; }
.extras { display: flex; gap: .4rem; flex-wrap: wrap; padding: 0 .5rem .5rem; background: #fff; }
@media (max-width: 48rem) { main { grid-template-columns: 1fr; } }
`;

const BODY = `
<header>
  <h1 data-s="title"></h1><span class="badge" data-s="localOnly"></span>
  <a id="console-link" href="/console/" data-s="openConsole"></a>
</header>
<main>
  <section class="setup">
    <label><span data-s="inbox"></span><select id="inbox"></select></label>
    <p id="no-inboxes" class="hint" data-s="noInboxes" hidden></p>
    <button id="samples" type="button" class="primary" data-s="createSamples"></button>
    <p id="problem" class="warn"></p>
    <fieldset>
      <legend data-s="customer"></legend>
      <label><span data-s="customerId"></span><input id="customer-id" autocomplete="off" spellcheck="false"></label>
      <label><span data-s="customerName"></span><input id="customer-name" autocomplete="off"></label>
      <button id="new-customer" type="button" data-s="newCustomer"></button>
    </fieldset>
    <label><span data-s="providerMode"></span>
      <select id="mode"><option value="healthy"></option><option value="down"></option><option value="throttling"></option><option value="refusing"></option></select>
    </label>
    <p class="hint" data-s="howItWorks"></p>
    <p id="email-hint" class="hint" data-s="emailHint" hidden></p>
    <p id="status" role="status" aria-live="polite"></p>
  </section>
  <section id="phone" class="phone" data-kind="">
    <div id="phone-title" class="phone-head"></div>
    <ol id="thread" aria-live="polite"></ol>
    <div id="replying" hidden><span data-s="replyingTo"></span><span id="replying-text"></span><button id="cancel-reply" type="button" data-s="cancel"></button></div>
    <input id="subject" autocomplete="off" maxlength="998" data-s-placeholder="subjectPlaceholder" hidden>
    <form id="composer"><input id="text" autocomplete="off" data-s-placeholder="placeholder"><button class="primary" data-s="send"></button></form>
    <div class="extras">
      <button id="send-photo" type="button" data-s="samplePhoto"></button>
      <button id="send-location" type="button" data-s="location"></button>
      <button id="send-yes" type="button" data-s="yes"></button>
      <button id="send-no" type="button" data-s="no"></button>
      <button id="send-contact" type="button" data-s="contact"></button>
      <button id="block" type="button" class="danger" data-s="block"></button>
      <button id="unblock" type="button" data-s="unblock"></button>
      <button id="send-stop" type="button" class="danger" data-s="stop"></button>
      <button id="send-start" type="button" data-s="start"></button>
    </div>
  </section>
</main>`;

/** JSON inside a <script> element: `<` escaped, so no string can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function simulatorPage(): Response {
  const nonce = crypto.randomUUID().replace(/-/g, "");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Switchboard</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>${BODY}
<script id="sim-strings" type="application/json">${scriptJson(PAGE_STRINGS)}</script>
<script nonce="${nonce}">${PAGE_SCRIPT}</script>
</body>
</html>`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
    },
  });
}
