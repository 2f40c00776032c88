/**
 * What the WhatsApp adapter asks of the account itself: "test connection" (the phone
 * number's verified name with the saved token) and the approved templates the composer
 * may offer outside the 24-hour window.
 */
import { describe, expect, it } from "vitest";
import { whatsappAdapter } from "../../../worker/channels/whatsapp/adapter";
import { fakeProvider, networkFailure } from "../provider-fake";
import { ACCESS_TOKEN, GRAPH, graphError, PHONE_NUMBER_ID, WABA_ID, whatsappContext } from "./whatsapp-kit";

const PHONE = new RegExp(`^/v\\d+\\.\\d+/${PHONE_NUMBER_ID}$`);
const TEMPLATES = new RegExp(`^/v\\d+\\.\\d+/${WABA_ID}/message_templates$`);

describe("WhatsApp testConnection", () => {
  it("reports the verified name and number", async () => {
    const fake = fakeProvider(GRAPH).on("GET", PHONE, [Response.json({ verified_name: "Loja da Esquina", display_phone_number: "+55 11 4000-0000", id: PHONE_NUMBER_ID })]);
    expect(await whatsappAdapter.testConnection(whatsappContext())).toEqual({ ok: true, status: 200, detail: "Loja da Esquina (+55 11 4000-0000)" });
    const [call] = fake.calls;
    expect(call!.url.searchParams.get("fields")).toBe("display_phone_number,verified_name");
    expect(call!.headers.get("Authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it("reports WhatsApp's error, never the token", async () => {
    fakeProvider(GRAPH).on("GET", PHONE, [graphError(401, 190, "Error validating access token: Session has expired on Sunday, 29-Nov-26 10:00:00 PST.")]);
    const check = await whatsappAdapter.testConnection(whatsappContext());
    expect(check).toEqual({ ok: false, status: 401, detail: "Error validating access token: Session has expired on Sunday, 29-Nov-26 10:00:00 PST." });
    expect(JSON.stringify(check)).not.toContain(ACCESS_TOKEN);
  });

  it("reports an unreachable WhatsApp as status 0", async () => {
    fakeProvider(GRAPH).on("GET", PHONE, [networkFailure()]);
    expect(await whatsappAdapter.testConnection(whatsappContext())).toMatchObject({ ok: false, status: 0, detail: expect.stringMatching(/^network error/) });
  });
});

const template = (name: string, components: unknown[], extra: Record<string, unknown> = {}) => ({ name, language: "pt_BR", category: "UTILITY", status: "APPROVED", parameter_format: "POSITIONAL", components, id: `id-${name}`, ...extra });
const body = (text: string) => ({ type: "BODY", text });

describe("WhatsApp listTemplates", () => {
  it("offers approved templates with their body and number of parameters, across pages", async () => {
    const fake = fakeProvider(GRAPH).on("GET", TEMPLATES, [
      Response.json({
        data: [template("pedido_enviado", [body("Olá {{1}}, seu pedido {{2}} saiu para entrega 🚚. Código: {{2}}")]), template("hello_world", [{ type: "HEADER", format: "TEXT", text: "Hello World" }, body("Welcome!")], { language: "en_US", category: "MARKETING" })],
        paging: { cursors: { after: "QVFI" }, next: `${GRAPH}/${WABA_ID}/message_templates?status=APPROVED&after=QVFI` },
      }),
      Response.json({ data: [template("lembrete", [body("Lembrete: {{1}}")], { category: null })], paging: { cursors: { before: "QVFI" } } }),
    ]);
    expect(await whatsappAdapter.listTemplates!(whatsappContext())).toEqual({
      ok: true,
      templates: [
        { name: "pedido_enviado", language: "pt_BR", category: "UTILITY", body: "Olá {{1}}, seu pedido {{2}} saiu para entrega 🚚. Código: {{2}}", parameterCount: 2 },
        { name: "hello_world", language: "en_US", category: "MARKETING", body: "Welcome!", parameterCount: 0 },
        { name: "lembrete", language: "pt_BR", category: null, body: "Lembrete: {{1}}", parameterCount: 1 },
      ],
    });
    expect(fake.calls[0]!.url.searchParams.get("status")).toBe("APPROVED");
    expect(fake.calls[1]!.url.searchParams.get("after")).toBe("QVFI");
    expect(fake.calls.every((c) => c.headers.get("Authorization") === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  it("leaves out templates a send could not fill", async () => {
    fakeProvider(GRAPH).on("GET", TEMPLATES, [
      Response.json({
        data: [
          template("named", [body("Oi {{first_name}}")], { parameter_format: "NAMED" }),
          template("image_header", [{ type: "HEADER", format: "IMAGE" }, body("Veja")]),
          template("text_header_param", [{ type: "HEADER", format: "TEXT", text: "Pedido {{1}}" }, body("ok")]),
          template("url_button", [body("Rastreie"), { type: "BUTTONS", buttons: [{ type: "URL", text: "Rastrear", url: "https://loja.example/r/{{1}}" }] }]),
          template("otp", [body("Código {{1}}"), { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] }], { category: "AUTHENTICATION" }),
          template("paused", [body("x")], { status: "PAUSED" }),
          template("ok", [body("Obrigado!"), { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "👍" }, { type: "URL", text: "Site", url: "https://loja.example" }] }]),
        ],
      }),
    ]);
    const result = await whatsappAdapter.listTemplates!(whatsappContext());
    expect(result.ok && result.templates.map((t) => t.name)).toEqual(["ok"]);
  });

  it("never follows a next page off Graph's origin with the token", async () => {
    const fake = fakeProvider(GRAPH).on("GET", TEMPLATES, [Response.json({ data: [template("a", [body("a")])], paging: { next: "https://attacker.example/next" } })]);
    const result = await whatsappAdapter.listTemplates!(whatsappContext());
    expect(result.ok && result.templates).toHaveLength(1);
    expect(fake.calls).toHaveLength(1);
  });

  it("reports WhatsApp's error as a connection check", async () => {
    fakeProvider(GRAPH).on("GET", TEMPLATES, [graphError(403, 200, "(#200) Requires whatsapp_business_management permission")]);
    expect(await whatsappAdapter.listTemplates!(whatsappContext())).toEqual({ ok: false, check: { ok: false, status: 403, detail: "(#200) Requires whatsapp_business_management permission" } });
  });

  it("says so when the inbox has no business account id", async () => {
    const ctx = whatsappContext();
    ctx.config.settings.businessAccountId = null;
    expect(await whatsappAdapter.listTemplates!(ctx)).toEqual({ ok: false, check: { ok: false, status: 0, detail: "no WhatsApp Business Account id in the inbox settings" } });
  });
});
