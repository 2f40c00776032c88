/**
 * Settings → Audit log against a fake API at the fetch boundary: shown to owners only
 * (admins get no tab), the table with each entry's action, actor, target, address and
 * details, dates in the console's locale, user text as text (never markup), filters sent
 * as the query, "Load more" following the cursor; and the string table complete in pt-BR
 * and es.
 */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEntry, Me } from "../../worker/protocol";
import { AuditAction } from "../../worker/protocol";
import { Settings } from "../../console/settings/settings";
import { AUDIT_LOG_STRINGS } from "../../console/settings/audit-log-strings";
import { resetDirectory } from "../../console/shared/use-directory";
import { byText, click, installFetch, labelled, mount, settle, type } from "./fakes";
import { PROFILE } from "./console-fixtures";

const ownerMe: Me = { agent: { id: "o1", name: "Olivia", email: "olivia@example.com", role: "owner" }, teamIds: [], profile: PROFILE };
const adminMe: Me = { agent: { id: "a1", name: "Ana", email: "ana@example.com", role: "admin" }, teamIds: [], profile: PROFILE };

const AT = Date.UTC(2026, 11, 7, 14, 30, 5);
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: `e-${Math.random()}`,
  at: AT,
  action: "settings.changed",
  actor: { type: "agent", id: "a1", name: "Ana" },
  targetType: "team",
  targetId: "t1",
  ip: "203.0.113.7",
  details: { area: "teams", op: "updated", fields: ["name"] },
  ...over,
});

function fakeServer(pages: Array<{ entries: AuditEntry[]; next: string | null }>) {
  return installFetch([
    ({ method, url }) => {
      if (method !== "GET" || url.pathname !== "/api/v1/audit-log") return undefined;
      const cursor = url.searchParams.get("cursor");
      return { body: cursor ? pages[Number(cursor)]! : pages[0]! };
    },
  ]);
}

let unmount: (() => void) | null = null;
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
  resetDirectory();
});

async function open(me: Me) {
  const view = await mount(<Settings me={me} initialTab="audit" />);
  unmount = view.unmount;
  await settle();
  return view.container;
}

const tabNames = (root: ParentNode) => [...root.querySelectorAll('[role="tab"]')].map((t) => t.textContent);

describe("Settings → Audit log", () => {
  it("is a tab for owners only", async () => {
    fakeServer([{ entries: [], next: null }]);
    const asAdmin = await open(adminMe);
    expect(tabNames(asAdmin)).not.toContain("Audit log");
    expect(asAdmin.querySelector('[role="tabpanel"]')?.id).toBe("settings-panel-tags");
    await act(() => unmount?.());
    const asOwner = await open(ownerMe);
    expect(tabNames(asOwner)).toContain("Audit log");
    expect(asOwner.querySelector('[role="tabpanel"]')?.id).toBe("settings-panel-audit");
  });

  it("lists each entry's time, action, actor, target, address and details, user text as text", async () => {
    const sneaky = '<img src=x onerror="alert(1)">';
    fakeServer([{ entries: [entry({}), entry({ action: "auth.sign_in_failed", actor: { type: "anonymous", id: null, name: null }, targetType: null, targetId: null, details: { email: sneaky, reason: "unknown_account" } })], next: null }]);
    const root = await open(ownerMe);
    const rows = [...root.querySelectorAll("tbody tr")];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("Settings changed");
    expect(rows[0]!.textContent).toContain("Agent: Ana");
    expect(rows[0]!.textContent).toContain("203.0.113.7");
    expect(rows[0]!.textContent).toContain("Teams");
    expect(rows[0]!.querySelector("time")?.getAttribute("datetime")).toBe(new Date(AT).toISOString());
    expect(rows[0]!.querySelector("time")?.textContent).toBe(new Intl.DateTimeFormat("en", { dateStyle: "short", timeStyle: "medium" }).format(AT));
    expect(rows[1]!.textContent).toContain("Sign-in failed");
    expect(rows[1]!.textContent).toContain("Anonymous");
    expect(rows[1]!.textContent).toContain(sneaky);
    expect(root.querySelector("img")).toBeNull();
  });

  it("sends the filters as the query, and Clear drops them", async () => {
    const calls = fakeServer([{ entries: [entry({})], next: null }]);
    const root = await open(ownerMe);
    const select = labelled<HTMLSelectElement>(root, "Action");
    await act(() => {
      select.value = "token.revoked";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await type(labelled(root, "Done by (id)"), " a1 ");
    await type(labelled(root, "Target (id)"), "tok-9");
    await type(labelled(root, "From"), "2026-12-01");
    await click(byText(root, "Apply", "button"));
    await settle();
    const last = new URL(`http://x${calls.at(-1)!.path}`).searchParams;
    expect(Object.fromEntries(last)).toEqual({ action: "token.revoked", actorId: "a1", targetId: "tok-9", from: String(new Date("2026-12-01T00:00:00").getTime()) });
    await click(byText(root, "Clear", "button"));
    await settle();
    expect(calls.at(-1)!.path).toBe("/api/v1/audit-log");
  });

  it("loads the next page with the server's cursor and keeps the first", async () => {
    const calls = fakeServer([
      { entries: [entry({ id: "p1" })], next: "1" },
      { entries: [entry({ id: "p2", action: "token.created" })], next: null },
    ]);
    const root = await open(ownerMe);
    await click(byText(root, "Load more", "button"));
    await settle();
    expect(calls.at(-1)!.path).toBe("/api/v1/audit-log?cursor=1");
    expect([...root.querySelectorAll("tbody tr")].map((r) => r.getAttribute("data-entry"))).toEqual(["p1", "p2"]);
    expect(byText(root, "Load more", "button")).toBeNull();
  });

  it("says so when nothing matches", async () => {
    fakeServer([{ entries: [], next: null }]);
    expect((await open(ownerMe)).textContent).toContain("Nothing recorded matches these filters.");
  });

  it("has every string, every action and every area in pt-BR and es", () => {
    for (const locale of ["pt-BR", "es"] as const) {
      const words = AUDIT_LOG_STRINGS[locale];
      for (const action of AuditAction.options) expect(words.actions[action], `${locale} ${action}`).toBeTruthy();
      expect(Object.keys(words.areas).sort()).toEqual(Object.keys(AUDIT_LOG_STRINGS.en.areas).sort());
      expect(words.tab).not.toBe(AUDIT_LOG_STRINGS.en.tab);
    }
    expect(AUDIT_LOG_STRINGS["pt-BR"].tab).toBe("Registro de auditoria");
  });
});
