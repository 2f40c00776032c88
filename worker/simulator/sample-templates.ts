/**
 * @module The approved message templates the stand-in WhatsApp Business Account lists, in
 * pt-BR, en and es, in the shape of Graph API's `GET /{waba-id}/message_templates`
 * (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/),
 * and how a sent template reads on the customer's phone.
 */

interface SampleTemplate {
  name: string;
  language: string;
  category: "UTILITY" | "MARKETING";
  body: string;
  example: string[];
}

const TEMPLATES: SampleTemplate[] = [
  { name: "order_update", language: "pt_BR", category: "UTILITY", body: "Olá {{1}}, seu pedido {{2}} foi enviado e chega em {{3}}.", example: ["Maria", "#4521", "2 dias"] },
  { name: "order_update", language: "en_US", category: "UTILITY", body: "Hi {{1}}, your order {{2}} has shipped and arrives in {{3}}.", example: ["Mary", "#4521", "2 days"] },
  { name: "order_update", language: "es", category: "UTILITY", body: "Hola {{1}}, tu pedido {{2}} fue enviado y llega en {{3}}.", example: ["María", "#4521", "2 días"] },
  { name: "follow_up", language: "pt_BR", category: "UTILITY", body: "Oi {{1}}! Ainda podemos ajudar com a sua solicitação? Responda esta mensagem para continuar.", example: ["Maria"] },
  { name: "follow_up", language: "en_US", category: "UTILITY", body: "Hi {{1}}! Can we still help with your request? Reply to this message to carry on.", example: ["Mary"] },
  { name: "follow_up", language: "es", category: "UTILITY", body: "¡Hola {{1}}! ¿Aún podemos ayudarte con tu solicitud? Responde este mensaje para continuar.", example: ["María"] },
];

/** The listing, as Graph API pages it (all on one page here). */
export function templateListing(wabaId: string) {
  return {
    data: TEMPLATES.map((t, i) => ({
      name: t.name,
      language: t.language,
      status: "APPROVED",
      category: t.category,
      id: `${wabaId.slice(-6)}${String(i + 1).padStart(4, "0")}`,
      components: [{ type: "BODY", text: t.body, example: { body_text: [t.example] } }],
    })),
    paging: { cursors: { before: "MAZDZD", after: "MjQZD" } },
  };
}

/** The text a template message shows: its body with the parameters filled in; for a
 * template the stand-in does not know, its name and parameters. */
export function renderTemplate(name: string, language: string, parameters: string[]): string {
  const template = TEMPLATES.find((t) => t.name === name && t.language === language);
  if (!template) return `[${name} · ${language}] ${parameters.join(" · ")}`.trim();
  return template.body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
}
