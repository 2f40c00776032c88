/**
 * Replying to an e-mail from the console: To is the customer of the latest inbound mail;
 * Cc starts from that mail's Cc without our own inbox addresses nor the customer; the
 * agent removes and adds addresses (checked as e-mail addresses, no duplicates); the
 * reply goes over HTTP with exactly that `cc` (PostMessageBody.cc), not by socket; a
 * refused send keeps the draft and says why; a private note goes by socket as before,
 * with no Cc editor. A web chat conversation shows no Cc editor.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelKind, ConversationEvent, EmailContent, Inbox } from "../../worker/protocol";
import { ConversationPane } from "../../console/conversation/view";
import { resetDirectory } from "../../console/shared/use-directory";
import { prefillCc } from "../../console/conversation/composer/email-reply";
import { FakeSocket, byText, click, installFakeSocket, installFetch, message, mount, settle, type } from "./fakes";
import { DIRECTORY, ME, contactDetail, item } from "./console-fixtures";
import { maria } from "./channel-events";

const inbox: Inbox = {
  id: "i1",
  kind: "email",
  name: "Suporte",
  teamId: null,
  priority: 50,
  settings: { addresses: ["suporte@loja.example", "financeiro@loja.example"], catchAllDomain: "", reopenWindowHours: 24 },
  publicKey: null,
  hasIdentitySecret: false,
  credentials: {},
  webhookUrl: null,
  createdAt: 1,
};

const mail = (cc: string[], from = "maria@cliente.com.br"): EmailContent => ({
  type: "email",
  subject: "Boleto",
  from: { address: from, name: "Maria Souza" },
  to: [{ address: "suporte@loja.example", name: null }],
  cc: cc.map((address) => ({ address, name: null })),
  messageId: `m${cc.length}@cliente.com.br`,
  fullText: null,
  htmlFileId: null,
  rawFileId: null,
});

const mounted: Array<() => void> = [];
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetDirectory();
  installFakeSocket();
});
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  document.body.innerHTML = "";
});

async function open(events: ConversationEvent[], options: { channel?: ChannelKind; post?: { status: number; body: unknown } } = {}) {
  const lastSeq = events.at(-1)?.seq ?? 0;
  const row = item({ channel: options.channel ?? "email", lastSeq, inboxId: "i1" });
  const post = options.post ?? { status: 201, body: { seq: 99, duplicate: false } };
  const calls = installFetch([
    ({ method, url }) => {
      const p = url.pathname;
      if (p === "/api/v1/conversations/c1" && method === "GET") return { body: { conversation: row } };
      if (p === "/api/v1/conversations/c1/messages" && method === "GET") return { body: { events, lastSeq, more: false } };
      if (p === "/api/v1/conversations/c1/messages" && method === "POST") return post;
      if (p === "/api/v1/conversations/c1/message-tags") return { body: { messages: [] } };
      if (p === "/api/v1/conversations/c1/read") return { body: { ok: true } };
      if (p === "/api/v1/contacts/k1") return { body: contactDetail() };
      if (p === "/api/v1/agents") return { body: { agents: DIRECTORY.agents } };
      if (p === "/api/v1/teams") return { body: { teams: DIRECTORY.teams } };
      if (p === "/api/v1/inboxes") return { body: { inboxes: [inbox] } };
      if (p === "/api/v1/tags") return { body: { tags: [] } };
      if (p === "/api/v1/conversation-types") return { body: { types: [] } };
      return undefined;
    },
  ]);
  const view = await mount(<ConversationPane id="c1" me={ME} item={row} atSeq={null} onChange={() => {}} onNext={() => {}} />);
  mounted.push(view.unmount);
  await settle(6);
  await act(() => FakeSocket.last.open(lastSeq));
  await settle();
  const c = view.container;
  return {
    ...view,
    chips: () => [...c.querySelectorAll(".cc-address")].map((el) => el.textContent),
    box: () => c.querySelector<HTMLTextAreaElement>(".composer-box textarea")!,
    ccInput: () => c.querySelector<HTMLInputElement>("input[name=cc-add]")!,
    posts: () => calls.filter((x) => x.method === "POST" && x.path === "/api/v1/conversations/c1/messages"),
  };
}

const enter = (el: Element) => act(() => void el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true })));

describe("the e-mail reply's To and Cc", () => {
  it("prefills Cc from the latest inbound mail, without our addresses or the customer", async () => {
    const events = [
      message({ seq: 1, actor: maria, body: "primeira", content: mail(["antigo@cliente.com.br"]) }),
      message({ seq: 2, actor: maria, body: "segunda", content: mail(["JOAO@cliente.com.br", "financeiro@loja.example", "maria@cliente.com.br", "contabil@cliente.com.br"]) }),
    ];
    const v = await open(events);
    expect(v.container.querySelector(".reply-to")!.textContent).toBe("Maria Souza <maria@cliente.com.br>");
    expect(v.chips()).toEqual(["joao@cliente.com.br", "contabil@cliente.com.br"]);
  });

  it("sends the edited Cc with the reply, over HTTP, once", async () => {
    const v = await open([message({ seq: 1, actor: maria, body: "oi", content: mail(["joao@cliente.com.br", "contabil@cliente.com.br"]) })]);
    await click(v.container.querySelector('[aria-label="Remove contabil@cliente.com.br from Cc"]'));
    await type(v.ccInput(), "Ana@Parceiro.com.br");
    await enter(v.ccInput());
    // Enter in the Cc field added the address; it sent nothing.
    expect(v.posts()).toHaveLength(0);
    expect(v.chips()).toEqual(["joao@cliente.com.br", "ana@parceiro.com.br"]);

    await type(v.box(), "Segue o boleto.");
    await enter(v.box());
    await settle();
    expect(v.posts()).toHaveLength(1);
    const body = v.posts()[0]!.body as Record<string, unknown>;
    expect(body).toEqual({ clientId: expect.any(String), body: "Segue o boleto.", kind: "text", cc: ["joao@cliente.com.br", "ana@parceiro.com.br"] });
    expect(FakeSocket.last.sentOfType("send")).toHaveLength(0);
    expect(v.box().value).toBe("");
  });

  it("refuses an address that is not one, or already there", async () => {
    const v = await open([message({ seq: 1, actor: maria, body: "oi", content: mail(["joao@cliente.com.br"]) })]);
    await type(v.ccInput(), "joao arroba cliente");
    await click(byText(v.container, "Add", "button"));
    expect(v.container.querySelector(".email-reply-head [role=alert]")!.textContent).toBe("“joao arroba cliente” is not an e-mail address.");
    await type(v.ccInput(), "joao@cliente.com.br");
    await click(byText(v.container, "Add", "button"));
    expect(v.container.querySelector(".email-reply-head [role=alert]")!.textContent).toBe("joao@cliente.com.br is already in Cc.");
    expect(v.chips()).toEqual(["joao@cliente.com.br"]);
  });

  it("keeps the draft and says why when the server refuses the reply", async () => {
    const v = await open([message({ seq: 1, actor: maria, body: "oi", content: mail([]) })], {
      post: { status: 400, body: { error: { code: "validation_failed", message: "cc: too many" } } },
    });
    expect(v.chips()).toEqual([]);
    await type(v.box(), "Resposta");
    await enter(v.box());
    await settle();
    expect(v.posts()).toHaveLength(1);
    expect((v.posts()[0]!.body as { cc: string[] }).cc).toEqual([]);
    expect(v.box().value).toBe("Resposta");
    expect(v.container.querySelector(".email-reply-head .error")!.textContent).toBe("The reply was not sent: cc: too many");
  });

  it("sends a private note by socket, with no Cc editor", async () => {
    const v = await open([message({ seq: 1, actor: maria, body: "oi", content: mail(["joao@cliente.com.br"]) })]);
    await click(byText(v.container, "Private note")?.querySelector("input") ?? null);
    expect(v.container.querySelector(".cc-editor")).toBeNull();
    await type(v.box(), "nota interna");
    await enter(v.box());
    await settle();
    expect(v.posts()).toHaveLength(0);
    expect(FakeSocket.last.sentOfType("send").map((f) => [f.kind, f.body])).toEqual([["note", "nota interna"]]);
  });

  it("shows no Cc editor outside e-mail", async () => {
    const v = await open([message({ seq: 1, actor: maria, body: "oi" })], { channel: "webchat" });
    expect(v.container.querySelector(".cc-editor")).toBeNull();
  });
});

describe("prefillCc", () => {
  it("drops addresses at a catch-all domain the inbox owns, and invalid ones", () => {
    const catchAll = { ...inbox, settings: { ...inbox.settings, catchAllDomain: "loja.example" } };
    expect(prefillCc(mail(["vendas@loja.example", "not an address", "pai@cliente.com.br"]), catchAll)).toEqual(["pai@cliente.com.br"]);
  });
});
