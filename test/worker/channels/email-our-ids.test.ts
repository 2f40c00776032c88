/**
 * The marks our outbound mail carries (worker/channels/email/our-ids.ts), written and
 * read back: our Message-ID and the reply-token address, and the owned address a
 * subaddress reduces to.
 */
import { describe, expect, it } from "vitest";
import { bareAddress, ourMessageId, readOurMessageId, readReplyAddress, replyAddress } from "../../../worker/channels/email/our-ids";

const conversation = "0f8c2a1e-5b7d-4c3a-9e21-7a6b5c4d3e2f";

describe("our Message-IDs and reply tokens", () => {
  it("reads back the conversation, seq and domain of our Message-ID, and nothing from anyone else's", () => {
    const id = ourMessageId(conversation, 7, "Acme.com.br", "abc123");
    expect(id).toBe(`sb-${conversation}-7.abc123@acme.com.br`);
    expect(readOurMessageId(id)).toEqual({ conversationId: conversation, seq: 7, domain: "acme.com.br" });
    expect(readOurMessageId(`sb-${conversation}-7@acme.com.br`)).toBeNull();
    expect(readOurMessageId("CAF3x9pRw1e2X@mail.gmail.com")).toBeNull();
    expect(readOurMessageId(`sb-not-a-uuid-7.abc@acme.com.br`)).toBeNull();
  });

  it("reads the conversation out of a reply address, in any letter case", () => {
    const address = replyAddress("suporte@acme.com.br", conversation);
    expect(address).toBe(`suporte+sb-${conversation}@acme.com.br`);
    expect(readReplyAddress(address.toUpperCase())).toEqual({ conversationId: conversation, address: "suporte@acme.com.br" });
    expect(readReplyAddress("suporte+newsletter@acme.com.br")).toBeNull();
    expect(readReplyAddress("suporte@acme.com.br")).toBeNull();
  });

  it("an owned address drops the subaddress and letter case", () => {
    expect(bareAddress(" Suporte+sb-x@Acme.com.br ")).toBe("suporte@acme.com.br");
    expect(bareAddress("financeiro@acme.com.br")).toBe("financeiro@acme.com.br");
    expect(bareAddress("+odd@acme.com.br")).toBe("+odd@acme.com.br");
  });
});
