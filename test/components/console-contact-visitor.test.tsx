/**
 * The contact panel for a web chat visitor: a readable identity instead of the visitor's
 * raw UUID, a generated name marked as not the customer's, and what agents need to help
 * (the page and where they came from, browser and OS, place, local time).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Inbox, VisitorContext } from "../../worker/protocol";
import { ContactPanel } from "../../console/conversation/contact/contact-panel";
import type { ContactState } from "../../console/conversation/contact/use-contact";
import { localTime, place } from "../../console/conversation/contact/visitor-details";
import { VISITOR_STRINGS, s as visitorStrings } from "../../console/conversation/contact/visitor-strings";
import { resetDirectory } from "../../console/shared/use-directory";
import { DIRECTORY, contactDetail } from "./console-fixtures";
import { byText, installFetch, mount, settle } from "./fakes";

const VISITOR_UUID = "8d3c2a7e-51f4-4b9a-9c1e-2f6b0a4d7e93";
const site: Inbox = { id: "in1", kind: "webchat", name: "Loja Online", teamId: null, priority: 50, settings: {}, publicKey: "pk_1", hasIdentitySecret: false, credentials: {}, webhookUrl: null, createdAt: 0 };
const visitor: VisitorContext = {
  pageUrl: "https://shop.example/shoes?size=40",
  pageTitle: "Running shoes",
  referrer: "https://www.google.com/search?q=shoes",
  browser: "Chrome 126",
  os: "Android 14",
  country: "BR",
  city: "São Paulo",
  timezone: "America/Sao_Paulo",
  updatedAt: 0,
};

async function panel(state: Partial<ContactState>) {
  const contact: ContactState = { detail: null, error: null, save: async () => null, ...state };
  const view = await mount(<ContactPanel id="contact-c1" contact={contact} tags={[]} conversationId="c1" onClose={() => {}} />);
  await settle(4);
  return view;
}

beforeEach(() => {
  resetDirectory();
  installFetch([
    ({ url }) => {
      const p = url.pathname;
      if (p === "/api/v1/inboxes") return { body: { inboxes: [site] } };
      if (p === "/api/v1/agents") return { body: { agents: DIRECTORY.agents } };
      if (p === "/api/v1/teams") return { body: { teams: DIRECTORY.teams } };
      if (p === "/api/v1/tags") return { body: { tags: [] } };
      if (p === "/api/v1/conversation-types") return { body: { types: [] } };
      return undefined;
    },
  ]);
});
afterEach(() => {
  document.body.innerHTML = "";
});

describe("the contact panel for a web visitor", () => {
  it("names the web chat identity by its site, never by the visitor's UUID", async () => {
    const { container } = await panel({
      detail: contactDetail({}, { identities: [{ kind: `webchat:${site.id}`, externalId: VISITOR_UUID, verified: false }, { kind: "user", externalId: "user-42", verified: true }] }),
    });
    const identities = container.querySelector(".identities")!;
    expect(identities.textContent).not.toContain(VISITOR_UUID);
    expect(identities.textContent).toContain(`${visitorStrings.webVisitor} · Loja Online`);
    // The website's own user id is meaningful to agents and stays.
    expect(identities.textContent).toContain("user-42");
  });

  it("marks a generated name as not the customer's, and shows a given one plainly", async () => {
    const generated = await panel({ detail: contactDetail({ name: "Blue Falcon 4821", nameGenerated: true }) });
    const name = generated.container.querySelector(".contact-field dd")!;
    expect(name.querySelector("em")?.textContent).toBe("Blue Falcon 4821");
    expect(name.textContent).toContain(visitorStrings.generatedName);
    generated.unmount();

    const given = await panel({ detail: contactDetail({ name: "Maria", nameGenerated: false }) });
    const plain = given.container.querySelector(".contact-field dd")!;
    expect(plain.querySelector("em")).toBeNull();
    expect(plain.textContent).not.toContain(visitorStrings.generatedName);
  });

  it("shows where the visitor is and came from, on what, from where, and their local time", async () => {
    const { container } = await panel({ detail: contactDetail({}, { visitor }) });
    const section = container.querySelector('[aria-labelledby="contact-visitor"]') as HTMLElement;
    expect(section).not.toBeNull();
    const page = byText(section, "Running shoes", "a") as HTMLAnchorElement;
    expect(page.href).toBe(visitor.pageUrl);
    expect(page.rel).toBe("noopener noreferrer");
    expect(page.target).toBe("_blank");
    expect((byText(section, "www.google.com", "a") as HTMLAnchorElement).href).toBe(visitor.referrer);
    expect(section.textContent).toContain(visitorStrings.browserOn("Chrome 126", "Android 14"));
    expect(section.textContent).toContain(place("São Paulo", "BR"));
    expect(section.textContent).toContain(localTime("America/Sao_Paulo", Date.now()));
  });

  it("shows text, never a link or markup, for what is not a web address", async () => {
    const hostile = { ...visitor, pageUrl: "javascript:alert(1)", pageTitle: "<img src=x onerror=alert(1)>", referrer: null };
    const { container } = await panel({ detail: contactDetail({}, { visitor: hostile }) });
    const section = container.querySelector('[aria-labelledby="contact-visitor"]')!;
    expect(section.querySelector("a")).toBeNull();
    expect(section.querySelector("img")).toBeNull();
    expect(section.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("leaves the section out for a contact that never used web chat", async () => {
    const { container } = await panel({ detail: contactDetail() });
    expect(container.querySelector('[aria-labelledby="contact-visitor"]')).toBeNull();
  });
});

describe("visitor details, formatted", () => {
  it("gives the local time in the visitor's zone, and nothing for a zone it does not know", () => {
    const noonUtc = Date.UTC(2026, 0, 6, 12, 0);
    expect(localTime("America/Sao_Paulo", noonUtc, "en-GB")).toBe("Tue 09:00");
    expect(localTime("Asia/Tokyo", noonUtc, "en-GB")).toBe("Tue 21:00");
    expect(localTime("Mars/Olympus_Mons", noonUtc)).toBeNull();
  });

  it("names the country in the agent's language", () => {
    expect(place("São Paulo", "BR", "en")).toBe("São Paulo, Brazil");
    expect(place("São Paulo", "BR", "pt-BR")).toBe("São Paulo, Brasil");
    expect(place(null, "MX", "es")).toBe("México");
    expect(place(null, null)).toBeNull();
  });

  it("has every string in English, Portuguese and Spanish", () => {
    const keys = Object.keys(VISITOR_STRINGS.en).sort();
    for (const table of [VISITOR_STRINGS["pt-BR"], VISITOR_STRINGS.es]) expect(Object.keys(table).sort()).toEqual(keys);
  });
});
