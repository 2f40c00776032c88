/**
 * The agent's composer, rendered: Enter and Shift+Enter, the `/` canned-response picker
 * driven from the keyboard, variables filled in as text, the note switch, typing frames,
 * and files refused by the limits before any upload.
 */
import { createRef } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CannedResponse } from "../../worker/protocol";
import { MAX_UPLOAD_BYTES } from "../../worker/protocol/limits";
import { Composer, type ComposerProps } from "../../console/conversation/composer/composer";
import { applyCanned, cannedQuery, fillCanned } from "../../console/conversation/composer/canned";
import { fileProblem } from "../../console/conversation/composer/uploads";
import { installFetch, mount, settle, type } from "./fakes";

const CANNED: CannedResponse[] = [
  { id: "r1", shortcode: "hello", body: "Olá {{contact.name}}, aqui é {{agent.name}}!" },
  { id: "r2", shortcode: "help", body: "Seu telefone é {{contact.phone}}?" },
  { id: "r3", shortcode: "hey", body: "Oi!" },
];

let calls: ReturnType<typeof installFetch>;
beforeEach(() => {
  sessionStorage.clear();
  calls = installFetch([
    ({ url }) =>
      url.pathname === "/api/v1/canned-responses"
        ? { body: { cannedResponses: CANNED.filter((r) => r.shortcode.startsWith(url.searchParams.get("q") ?? "")) } }
        : undefined,
  ]);
});
afterEach(() => {
  document.body.innerHTML = "";
});

async function renderComposer(overrides: Partial<ComposerProps> = {}) {
  const onSend = vi.fn((_text: string, _kind: "text" | "note", _files: unknown[]) => true);
  const onTyping = vi.fn();
  const onMode = vi.fn();
  const props: ComposerProps = {
    conversationId: "c1",
    draftKey: "a1:c1",
    mode: "reply",
    onMode,
    textareaRef: createRef(),
    canned: { contact: { name: "Maria", email: "maria@example.com", phone: null }, agentName: "Ana" },
    onSend,
    onTyping,
    ...overrides,
  };
  const view = await mount(<Composer {...props} />);
  const box = view.container.querySelector("textarea")!;
  const key = (k: string, init: KeyboardEventInit = {}) => act(() => void box.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...init })));
  return { ...view, box, key, onSend, onTyping, onMode };
}

/** The canned search waits for a pause in typing before it asks. */
const searchSettles = () => act(() => new Promise((r) => setTimeout(r, 200)));

describe("sending", () => {
  it("sends with Enter and keeps Shift+Enter for a new line", async () => {
    const { box, key, onSend } = await renderComposer();
    await type(box, "linha 1");
    await key("Enter", { shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    await key("Enter");
    expect(onSend).toHaveBeenCalledWith("linha 1", "text", []);
    expect(box.value).toBe("");
  });

  it("does not send while an IME is composing", async () => {
    const { box, key, onSend } = await renderComposer();
    await type(box, "にほん");
    await key("Enter", { isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it("keeps the text when the message could not be queued", async () => {
    const { box, key } = await renderComposer({ onSend: () => false });
    await type(box, "fica aqui");
    await key("Enter");
    expect(box.value).toBe("fica aqui");
  });

  it("tells the customer the agent is typing a reply, and stops on blur", async () => {
    const { box, onTyping } = await renderComposer();
    await type(box, "Olá");
    expect(onTyping).toHaveBeenLastCalledWith(true);
    await act(() => void box.dispatchEvent(new FocusEvent("blur")));
    expect(onTyping).toHaveBeenLastCalledWith(false);
  });
});

describe("private notes", () => {
  it("labels and colours the box for a note, sends kind note, and never signals typing", async () => {
    const { container, box, key, onSend, onTyping } = await renderComposer({ mode: "note" });
    expect(container.querySelector("form")!.classList.contains("pane-composer--note")).toBe(true);
    expect(container.querySelector(`label[for="${box.id}"]`)!.textContent).toBe("Private note");
    expect(container.querySelector('button[type="submit"]')!.textContent).toBe("Add note");
    await type(box, "só para a equipe");
    expect(onTyping).not.toHaveBeenCalled();
    await key("Enter");
    expect(onSend).toHaveBeenCalledWith("só para a equipe", "note", []);
  });

  it("switches mode with the radio buttons", async () => {
    const { container, onMode } = await renderComposer();
    const radios = [...container.querySelectorAll<HTMLInputElement>('[role="radiogroup"] input[type="radio"]')];
    expect(radios.map((r) => r.parentElement!.textContent)).toEqual(["Reply", "Private note"]);
    await act(() => radios[1]!.click());
    expect(onMode).toHaveBeenCalledWith("note");
  });
});

describe("canned responses", () => {
  it("opens a listbox on a leading `/`, moves with the arrows and picks with Enter", async () => {
    const { container, box, key, onSend } = await renderComposer();
    await type(box, "/he");
    await searchSettles();
    expect(calls.some((c) => c.path === "/api/v1/canned-responses?q=he")).toBe(true);
    const listbox = container.querySelector('[role="listbox"]')!;
    const options = [...listbox.querySelectorAll('[role="option"]')];
    expect(options.map((o) => o.querySelector(".canned-shortcode")!.textContent)).toEqual(["/hello", "/help", "/hey"]);
    expect(box.getAttribute("aria-controls")).toBe(listbox.id);
    expect(box.getAttribute("aria-activedescendant")).toBe(options[0]!.id);

    const active = () => box.getAttribute("aria-activedescendant");
    await key("ArrowUp"); // wraps to the last
    expect(active()).toBe(options[2]!.id);
    await key("ArrowDown"); // wraps to the first
    expect(active()).toBe(options[0]!.id);
    await key("ArrowDown");
    expect(active()).toBe(options[1]!.id);
    expect(options[1]!.getAttribute("aria-selected")).toBe("true");
    expect(options[0]!.getAttribute("aria-selected")).toBe("false");

    await key("Enter");
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe("Seu telefone é {{contact.phone}}?"); // no phone: the variable stays visible
    expect(container.querySelector('[role="listbox"]')).toBeNull();
    expect(box.hasAttribute("aria-activedescendant")).toBe(false);
  });

  it("closes with Escape and leaves the text alone", async () => {
    const { container, box, key } = await renderComposer();
    await type(box, "/hel");
    await searchSettles();
    expect(container.querySelector('[role="listbox"]')).not.toBeNull();
    await key("Escape");
    expect(container.querySelector('[role="listbox"]')).toBeNull();
    expect(box.value).toBe("/hel");
  });

  it("fills a contact name holding HTML in as plain text", async () => {
    const name = '<img src=x onerror="alert(1)"><b>Zé</b>';
    const { container, box, key, onSend } = await renderComposer({ canned: { contact: { name, email: null, phone: null }, agentName: "Ana" } });
    await type(box, "/hello");
    await searchSettles();
    await key("Enter");
    expect(box.value).toBe(`Olá ${name}, aqui é Ana!`);
    expect(container.querySelector("img, b")).toBeNull();
    await key("Enter");
    expect(onSend).toHaveBeenCalledWith(`Olá ${name}, aqui é Ana!`, "text", []);
  });

  it("says when nothing matches", async () => {
    const { container, box } = await renderComposer();
    await type(box, "/zzz");
    await searchSettles();
    expect(container.querySelector(".canned-note")!.textContent).toBe("No canned response matches “/zzz”.");
  });

  it("only searches while the caret is in the leading /word", () => {
    expect(cannedQuery("/he", 3)).toBe("he");
    expect(cannedQuery("/", 1)).toBe("");
    expect(cannedQuery("/he there", 9)).toBeNull();
    expect(cannedQuery("hi /he", 6)).toBeNull();
  });

  it("replaces only the /word and keeps what follows", () => {
    expect(applyCanned("/hello and more", "Olá!")).toEqual({ text: "Olá! and more", caret: 4 });
    expect(applyCanned("/hello", "Olá!")).toEqual({ text: "Olá!", caret: 4 });
    expect(fillCanned({ body: "{{contact.email}} / {{ agent.name }} / {{contact.unknown}}" }, { contact: { name: null, email: "m@x.com", phone: null }, agentName: "Ana" })).toBe(
      "m@x.com / Ana / {{contact.unknown}}",
    );
  });
});

describe("attachments", () => {
  it("refuses, before uploading, types and sizes the server would refuse", () => {
    expect(fileProblem({ type: "image/png", size: 10 })).toBeNull();
    expect(fileProblem({ type: "application/x-msdownload", size: 10 })).toBe("This type of file cannot be sent.");
    expect(fileProblem({ type: "image/png", size: MAX_UPLOAD_BYTES + 1 })).toBe("Larger than 10 MB.");
    expect(fileProblem({ type: "image/png", size: 0 })).toBe("The file is empty.");
  });

  it("lists a refused file with its reason and sends nothing for it", async () => {
    const { container, box } = await renderComposer();
    const exe = new File(["MZ"], "tool.exe", { type: "application/x-msdownload" });
    const paste = new Event("paste", { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    paste.clipboardData = { files: [exe] };
    await act(() => void box.dispatchEvent(paste));
    await settle();
    const chip = container.querySelector(".upload--failed")!;
    expect(chip.querySelector(".upload-name")!.textContent).toBe("tool.exe");
    expect(chip.querySelector('[role="alert"]')!.textContent).toBe("This type of file cannot be sent.");
    expect(container.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
  });
});

describe("canned variables without a value", () => {
  const nameless = { contact: { name: null, email: null, phone: null }, agentName: "Ana" };

  it("takes the fallback written after `|`", () => {
    expect(fillCanned({ body: "Hi {{contact.name | there}}, {{ agent.name|us }} here" }, nameless)).toBe("Hi there, Ana here");
    expect(fillCanned({ body: "Hi {{contact.name | there}}" }, { ...nameless, contact: { ...nameless.contact, name: "Maria" } })).toBe("Hi Maria");
  });

  it("blocks a reply that still holds a placeholder, with a warning naming it", async () => {
    const { container, box, key, onSend } = await renderComposer({ canned: nameless });
    await type(box, "/hello");
    await searchSettles();
    await key("Enter");
    expect(box.value).toBe("Olá {{contact.name}}, aqui é Ana!");
    const warning = container.querySelector(".composer-warning")!;
    expect(warning.getAttribute("role")).toBe("alert");
    expect(warning.textContent).toContain("{{contact.name}}");
    expect(container.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    await key("Enter");
    expect(onSend).not.toHaveBeenCalled();

    await type(box, "Olá, aqui é Ana!"); // the agent fills it in by hand
    expect(container.querySelector(".composer-warning")).toBeNull();
    await key("Enter");
    expect(onSend).toHaveBeenCalledWith("Olá, aqui é Ana!", "text", []);
  });

  it("lets a private note hold one (only the team reads it)", async () => {
    const { container, box, key, onSend } = await renderComposer({ mode: "note" });
    await type(box, "template uses {{contact.name}}");
    expect(container.querySelector(".composer-warning")).toBeNull();
    await key("Enter");
    expect(onSend).toHaveBeenCalledWith("template uses {{contact.name}}", "note", []);
  });
});
