/**
 * The console's first load, requests counted: the answers index.html's inline script
 * asked for early (setup state, session, the remembered first page) are taken instead of
 * asked again; the parts of the first screen that want the same list (the inbox banner,
 * the filters) share one request; once the live queue is up, the first page is read
 * again (it was read before the socket joined) and then the unread counts' pages. The
 * conversation pane loads apart from the list, with a retry when that fails.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { act } from "preact/test-utils";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ConversationItem } from "../../worker/protocol";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../worker/protocol/limits";
import { ME, item } from "./console-fixtures";
import { FakeSocket, installFakeSocket, installFetch, mount, settle } from "./fakes";

const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } }));
const ROWS: ConversationItem[] = [item({ id: "a", contactName: "Ana", lastActivityAt: 2_000 }), item({ id: "b", contactName: "Bia", channel: "email", lastActivityAt: 1_000 })];
const LIST_PAGE = `/api/v1/conversations?view=all&limit=${DEFAULT_PAGE_SIZE}`;

let unmount = () => {};
afterEach(() => unmount());

describe("the console's first load", () => {
  let boot: typeof import("../../console/shell/boot-requests");

  beforeAll(async () => {
    // What index.html's inline script leaves behind, before any console module loads.
    window.switchboardEarly = {
      "/api/v1/setup": json({ needsSetup: false }),
      "/api/v1/me": json(ME),
      [LIST_PAGE]: json({ conversations: ROWS, nextCursor: null }),
    };
    boot = await import("../../console/shell/boot-requests");
  });

  it("takes what was sent early, asks for the rest once, and reads the list again once the queue is up", async () => {
    installFakeSocket();
    const calls = installFetch([
      ({ url }) => (url.pathname === "/api/v1/inboxes" ? { body: { inboxes: [{ id: "i1", kind: "webchat", name: "Website", teamId: null, priority: 50, publicKey: "pk", createdAt: 0 }] } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/agents" ? { body: { agents: [ME.agent] } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/teams" ? { body: { teams: [{ id: "t1", name: "Suporte" }] } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/tags" ? { body: { tags: [] } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/conversation-types" ? { body: { types: [] } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/conversations" ? { body: { conversations: ROWS, nextCursor: null } } : undefined),
    ]);
    const { App } = await import("../../console/app");
    const view = await mount(<App />);
    unmount = view.unmount;
    await settle(6);

    const paths = () => calls.map((c) => c.path);
    // The rows are on screen from the early answer; nothing was asked twice.
    expect([...view.container.querySelectorAll(".row-name")].map((el) => el.textContent)).toEqual(["Ana", "Bia"]);
    expect(paths()).not.toContain("/api/v1/me");
    expect(paths()).not.toContain("/api/v1/setup");
    expect(paths().filter((p) => p.startsWith("/api/v1/conversations"))).toEqual([]);
    expect(paths().filter((p) => p === "/api/v1/inboxes")).toHaveLength(1);
    expect(new Set(paths()).size).toBe(paths().length);
    // The view shown is remembered for the next load's inline script.
    expect(localStorage.getItem(boot.FIRST_PAGE_KEY)).toBe(LIST_PAGE);

    expect(FakeSocket.all.map((s) => new URL(s.url).pathname)).toEqual(["/api/v1/queue/ws"]);
    await act(() => FakeSocket.last.open());
    await settle(6);
    const lists = paths().filter((p) => p.startsWith("/api/v1/conversations"));
    expect(lists).toEqual([LIST_PAGE, `/api/v1/conversations?view=mine&limit=${MAX_PAGE_SIZE}`, `/api/v1/conversations?view=unassigned&limit=${MAX_PAGE_SIZE}`]);

    // Once booted, a GET goes to the network again, even for a path the boot shared.
    let sent = 0;
    await boot.bootFetch("/api/v1/inboxes", () => (sent++, json({ inboxes: [] })));
    expect(sent).toBe(1);
  });

  it("sends early exactly what the boot asks for (index.html's inline script)", () => {
    const html = readFileSync(resolve(import.meta.dirname, "../../console/index.html"), "utf8");
    expect(html).toContain(`const paths = ${JSON.stringify(boot.EARLY_GETS).replaceAll(",", ", ")};`);
    expect(html).toContain(`localStorage.getItem(${JSON.stringify(boot.FIRST_PAGE_KEY)})`);
  });

  it("shows a part that loads apart from the list once it is there, with a retry when it fails", async () => {
    const { Part, lazyPart } = await import("../../console/shell/lazy-part");
    let fails = 1;
    let loads = 0;
    const part = lazyPart(async () => {
      loads++;
      if (fails-- > 0) throw new Error("chunk gone");
      return { Greeting: ({ name }: { name: string }) => <p>Hello {name}</p> };
    });
    const view = await mount(<Part part={part}>{({ Greeting }) => <Greeting name="Ana" />}</Part>);
    unmount = view.unmount;
    await settle();
    const alert = view.container.querySelector("[role='alert']");
    expect(alert?.textContent).toContain("did not load");
    await act(() => alert!.querySelector("button")!.click());
    await settle();
    expect(view.container.textContent).toBe("Hello Ana");
    expect(loads).toBe(2);
    // Loaded once, it renders at once from then on.
    const again = await mount(<Part part={part}>{({ Greeting }) => <Greeting name="Bia" />}</Part>);
    expect(again.container.textContent).toBe("Hello Bia");
    again.unmount();
  });
});
