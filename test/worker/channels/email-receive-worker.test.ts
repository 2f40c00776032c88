/**
 * Real mail, end to end through the Worker's exported `email()` handler as Email Routing
 * calls it, with the real MIME parser (worker/channels/email/parse.ts) (the handler's own
 * behaviour is also covered with parsed values in the other email-receive tests).
 */
import { describe, expect, it } from "vitest";
import { conversationsOf, eventsOf, messagesIn } from "./channel-world";
import { deliverToWorker, emailInbox, emailMessage } from "./email-receive-kit";
import { owner } from "../fixtures";
import plainPtbr from "../../fixtures/channels/email/plain_ptbr_qp.eml?raw";
import bounce from "../../fixtures/channels/email/postal-mime_bounce.eml?raw";

describe("email() with the real parser", () => {
  it("a pt-BR quoted-printable mail becomes a conversation with its accents intact", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@worker1.test"] });
    const { message, state } = emailMessage(plainPtbr, { from: "joao@cliente.test", to: "suporte@worker1.test" });
    await deliverToWorker(message);
    expect(state.rejected).toBeNull();
    const [conversation] = await conversationsOf(inbox.id);
    const [stored] = messagesIn(await eventsOf(await owner(), conversation!.id));
    expect(stored?.body).toContain("Olá, a nota fiscal do pedido 4412 não chegou.");
    expect(stored?.providerMessageId).toBe("CAF3x9pRw1e2X@mail.cliente.test");
    expect(stored?.content).toMatchObject({ type: "email", subject: "Nota fiscal não chegou", from: { address: "joao@cliente.test", name: "João Conceição" } });
  });

  it("a bounce opens nothing and is not refused", async () => {
    const inbox = await emailInbox({ addresses: ["andrisreinman@fastmail.com"] });
    const { message, state } = emailMessage(bounce, { from: "", to: "andrisreinman@fastmail.com" });
    await deliverToWorker(message);
    expect(state.rejected).toBeNull();
    expect(await conversationsOf(inbox.id)).toEqual([]);
  });
});
