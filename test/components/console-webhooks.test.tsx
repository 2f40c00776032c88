/**
 * Settings → Webhooks (issue 15): the endpoint list, adding one (the protocol's checks
 * before any request; the secret shown once), enable and disable, rolling the secret,
 * the delivery log with the receiver's response shown as text and "Send again", and the
 * banner when the outbox disabled an endpoint. The string tables are complete in en,
 * pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Me, WebhookDelivery, WebhookEndpoint } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { WEBHOOK_STRINGS } from "../../console/settings/webhook-strings";
import { resetDirectory } from "../../console/shared/use-directory";
import { PROFILE } from "./console-fixtures";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";

const admin: Me = { agent: { id: "a1", name: "Ana Admin", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };

const endpoint = (over: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: "w1",
  url: "https://hooks.example.com/a",
  events: ["message.created"],
  includeNotes: false,
  enabled: true,
  status: "active",
  disabledReason: null,
  disabledSince: null,
  createdAt: Date.UTC(2026, 0, 1),
  ...over,
});

const delivery = (over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: "whd_1",
  endpointId: "w1",
  event: "message.created",
  conversationId: "c1",
  seq: 3,
  status: "delivered",
  attempts: 2,
  lastStatusCode: 200,
  latencyMs: 87,
  responseExcerpt: "ok",
  nextAttemptAt: null,
  createdAt: Date.UTC(2026, 0, 2),
  updatedAt: Date.UTC(2026, 0, 2),
  ...over,
});

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
  document.body.innerHTML = "";
});

function installWebhooksServer(endpoints: WebhookEndpoint[], deliveries: WebhookDelivery[] = []) {
  return installFetch([
    ({ method, url, body }) => {
      const p = url.pathname;
      if (p === "/api/v1/webhooks" && method === "GET") return { body: { endpoints } };
      if (p === "/api/v1/webhooks" && method === "POST") {
        const made = endpoint({ id: "w-new", ...(body as object) });
        endpoints.push(made);
        return { status: 201, body: { endpoint: made, secret: "whsec_shown_once" } };
      }
      if (p.endsWith("/deliveries") && method === "GET") return { body: { deliveries, nextCursor: null } };
      if (p.endsWith("/resend")) return { status: 202, body: { ok: true } };
      if (p.endsWith("/roll-secret")) return { body: { endpoint: endpoints[0], secret: "whsec_rolled" } };
      const id = p.match(/^\/api\/v1\/webhooks\/([^/]+)(\/enable)?$/);
      if (id && method === "PATCH") return { body: endpoint({ ...endpoints.find((e) => e.id === id[1]), enabled: false, status: "disabled", disabledReason: "admin", disabledSince: Date.now() }) };
      if (id && id[2] && method === "POST") return { body: endpoint({ ...endpoints.find((e) => e.id === id[1]), enabled: true, status: "active" }) };
      return undefined;
    },
  ]);
}

async function open(endpoints: WebhookEndpoint[], deliveries: WebhookDelivery[] = []) {
  const calls = installWebhooksServer(endpoints, deliveries);
  const view = await mount(<Settings me={admin} initialTab="webhooks" />);
  unmount = view.unmount;
  await settle(6);
  return { root: view.container, calls, writes: () => calls.filter((c) => c.method !== "GET").map((c) => ({ method: c.method, path: c.path, body: c.body })) };
}

const addForm = (root: ParentNode) => root.querySelector<HTMLFormElement>('form[aria-label="Add endpoint"]')!;
async function submit(form: HTMLFormElement) {
  await act(() => void form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  await settle(4);
}

describe("Settings → Webhooks", () => {
  it("lists endpoints and warns with a banner when the outbox disabled one after 24 hours of failures", async () => {
    const { root } = await open([endpoint(), endpoint({ id: "w2", url: "https://dead.example.com/h", enabled: false, status: "disabled", disabledReason: "failing", disabledSince: Date.UTC(2026, 0, 3) })]);
    expect(root.querySelectorAll("[data-endpoint]")).toHaveLength(2);
    const banner = root.querySelector('[role="alert"].webhook-banner');
    expect(banner?.textContent).toBe(WEBHOOK_STRINGS.en.banner(1));
    expect(root.querySelector('[data-endpoint="w2"]')!.textContent).toContain("every delivery failed for 24 hours");
    expect(byText(root.querySelector('[data-endpoint="w2"]')!, "Enable", "button")).not.toBeNull();
  });

  it("shows no banner when only an admin turned an endpoint off", async () => {
    const { root } = await open([endpoint({ enabled: false, status: "disabled", disabledReason: "admin", disabledSince: Date.UTC(2026, 0, 3) })]);
    expect(root.querySelector(".webhook-banner")).toBeNull();
  });

  it("adds an endpoint and shows its secret once; refuses a bad URL and no events before any request", async () => {
    const { root, writes } = await open([]);
    const form = addForm(root);
    await type(labelled(root, "URL"), "not a url at all");
    const box = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((b) => b.parentElement?.textContent?.includes("message.created"))!;
    await click(box); // the only event chosen, now unchosen
    await submit(form);
    expect(writes()).toEqual([]);
    expect(form.textContent).toContain(WEBHOOK_STRINGS.en.eventsInvalid);

    await type(labelled(root, "URL"), "https://hooks.example.com/new");
    await click(box);
    await submit(form);
    expect(writes()).toEqual([{ method: "POST", path: "/api/v1/webhooks", body: { url: "https://hooks.example.com/new", events: ["message.created"], includeNotes: false } }]);
    const secret = root.querySelector<HTMLTextAreaElement>(".webhook-secret textarea")!;
    expect(secret.value).toBe("whsec_shown_once");
    await click(byText(root, "I have copied it", "button"));
    expect(root.querySelector(".webhook-secret")).toBeNull();
    expect(root.textContent).not.toContain("whsec_shown_once");
  });

  it("disables, enables and rolls the secret through the API", async () => {
    const { root, writes } = await open([endpoint()]);
    await click(byText(root, "Disable", "button"));
    await settle(3);
    await click(byText(root, "Enable", "button"));
    await settle(3);
    await click(byText(root, "Roll secret", "button"));
    await settle(3);
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual(["PATCH /api/v1/webhooks/w1", "POST /api/v1/webhooks/w1/enable", "POST /api/v1/webhooks/w1/roll-secret"]);
    expect(writes()[0]!.body).toEqual({ enabled: false });
    expect(root.querySelector<HTMLTextAreaElement>(".webhook-secret textarea")!.value).toBe("whsec_rolled");
  });

  it("shows the delivery log with code, latency, attempts and the response as text, and sends one again", async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const { root, writes } = await open([endpoint()], [delivery(), delivery({ id: "whd_2", status: "pending", lastStatusCode: 500, latencyMs: 12, attempts: 4, responseExcerpt: hostile })]);
    await click(byText(root, "Delivery log", "button"));
    await settle(4);
    const rows = root.querySelectorAll("[data-delivery]");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("Delivered");
    expect(rows[0]!.textContent).toContain("87 ms");
    expect(rows[1]!.textContent).toContain("Retrying");
    expect(rows[1]!.querySelector(".webhook-excerpt")!.textContent).toBe(hostile);
    expect(root.querySelector("img")).toBeNull();
    await click(byText(rows[1] as HTMLElement, "Send again", "button"));
    await settle(3);
    expect(writes()).toEqual([{ method: "POST", path: "/api/v1/webhooks/deliveries/whd_2/resend", body: undefined }]);
    expect(root.textContent).toContain(WEBHOOK_STRINGS.en.resent);
  });
});

describe("webhook strings", () => {
  function leaves(table: unknown, path = ""): [string, string][] {
    if (typeof table === "string") return [[path, table]];
    if (typeof table === "function") return [[path, String((table as (...a: unknown[]) => unknown)("X", 1))]];
    return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }

  it("has every string in en, pt-BR and es, none empty, the prose translated", () => {
    const en = leaves(WEBHOOK_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = leaves(WEBHOOK_STRINGS[locale]);
      expect(other.map(([p]) => p)).toEqual(en.map(([p]) => p));
      for (const [p, text] of other) expect(text.trim(), p).not.toBe("");
      // Event names, "URL", "Webhooks", the "—" and "ms" stay as they are.
      const same = en.filter(([p, text], i) => other[i]![1] === text && !/^(eventNames\.|url$|tab$|heading$|noCode$|ms$)/.test(p));
      expect(same.map(([p]) => p), locale).toEqual([]);
    }
  });
});
