/**
 * The marks our outbound mail carries, written by the sending side
 * (worker/channels/email/reply-token.ts) and read back by the receiving side
 * (worker/channels/email/our-ids.ts): the marker id and the reply-token address; and the
 * owned address a subaddress reduces to.
 */
import { describe, expect, it } from "vitest";
import { bareAddress, readOurMarker, readReplyAddress } from "../../../worker/channels/email/our-ids";
import { replyTokenAddress, threadMarkerId } from "../../../worker/channels/email/reply-token";

const conversation = "0f8c2a1e-5b7d-4c3a-9e21-7a6b5c4d3e2f";

describe("our marker ids and reply tokens", () => {
  it("reads back the conversation, seq and domain of our marker id, and nothing from anyone else's", () => {
    const id = threadMarkerId(conversation, 7, "suporte@acme.com.br");
    expect(id).toMatch(new RegExp(`^sb-${conversation}-7\\.[0-9a-f]+@acme\\.com\\.br$`));
    expect(readOurMarker(id)).toEqual({ conversationId: conversation, seq: 7, domain: "acme.com.br" });
    expect(readOurMarker(`sb-${conversation}-7@acme.com.br`)).toBeNull();
    expect(readOurMarker("CAF3x9pRw1e2X@mail.gmail.com")).toBeNull();
    expect(readOurMarker(`sb-not-a-uuid-7.abc@acme.com.br`)).toBeNull();
  });

  it("reads the conversation out of a reply address, in any letter case", () => {
    const address = replyTokenAddress("suporte@acme.com.br", conversation)!;
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
