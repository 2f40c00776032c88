/**
 * @module The demo page at `/`: asks the Worker which web chat inbox to show
 * (`GET /api/v1/demo`) and embeds widget.js with its public key, exactly as a customer's
 * site would. No key is hardcoded, so a fresh install works as soon as an inbox exists.
 */

interface DemoInfo {
  publicKey: string | null;
}

const statusLine = document.getElementById("demo-status")!;
const snippetCode = document.getElementById("demo-snippet")!;

async function embedWidget(): Promise<void> {
  const res = await fetch("/api/v1/demo");
  if (!res.ok) throw new Error(`GET /api/v1/demo answered ${res.status}`);
  const { publicKey } = (await res.json()) as DemoInfo;
  if (!publicKey) {
    statusLine.replaceChildren("Create a web chat inbox in the console first: ", link("/console/", "open the console"), ".");
    return;
  }
  const script = document.createElement("script");
  script.src = "/widget.js";
  script.async = true;
  script.dataset.inbox = publicKey;
  document.body.append(script);
  snippetCode.textContent = `<script src="${location.origin}/widget.js" data-inbox="${publicKey}" async></script>`;
  statusLine.textContent = "The chat is live: open it with the button in the bottom-right corner.";
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

embedWidget().catch((err: unknown) => {
  statusLine.textContent = `Could not load the demo: ${err instanceof Error ? err.message : String(err)}`;
});
