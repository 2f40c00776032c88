/**
 * The real queue tells web chat visitors their place (issue 14): positions follow the
 * waiting list's order and move up as agents take conversations; the estimate appears
 * once the team has picked up enough to measure how fast the line moves.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { agentWithRole, customerWrites, owner } from "./fixtures";
import { call } from "./http-client";
import { openSocket, widgetSocketPath, type TestSocket } from "./socket-harness";
import { addMember, newTeam, teamInbox, waitingIn } from "./queue-kit";

const lastPlace = (ws: TestSocket) => ws.frames.flatMap((f) => (f.type === "queuePosition" ? [f] : [])).at(-1) ?? null;

describe("a visitor's place in line", () => {
  it("is their position in the team's order, and moves up as agents take the ones ahead", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    const teamId = await newTeam(boss);
    await addMember(boss, teamId, ana.id);
    const inbox = await teamInbox(boss, teamId);
    const visitors = [];
    for (let i = 0; i < 4; i++) visitors.push(await customerWrites(inbox.publicKey, `oi ${i}`));
    await eventually(async () => expect(await waitingIn(teamId)).toHaveLength(4));
    const sockets = await Promise.all(visitors.map(async (v) => openSocket(await widgetSocketPath(v.token, 0))));
    await eventually(async () => expect(sockets.map((s) => lastPlace(s)?.position)).toEqual([1, 2, 3, 4]));
    // No pick-ups yet: no estimate.
    expect(sockets.map((s) => lastPlace(s)?.etaSeconds)).toEqual([null, null, null, null]);

    for (let taken = 0; taken < 2; taken++) expect((await call("/api/v1/queue/next", { method: "POST", client: ana })).status).toBe(200);
    await eventually(async () => expect(sockets.map((s) => lastPlace(s)?.position ?? null)).toEqual([null, null, 1, 2]));
    // Two pick-ups measure the line's pace (told once the second one's publish lands):
    // the one behind waits longer than the next.
    await eventually(async () => expect(lastPlace(sockets[2]!)!.etaSeconds).not.toBeNull());
    const [third, fourth] = [lastPlace(sockets[2]!)!, lastPlace(sockets[3]!)!];
    expect(fourth.etaSeconds!).toBeGreaterThanOrEqual(third.etaSeconds!);
    for (const s of sockets) s.close();
  });
});
