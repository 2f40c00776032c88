/**
 * @module The page an unsubscribe link shows in a browser (../routes/unsubscribe.ts): a
 * question with a button that POSTs the one-click body, or the confirmation after it. In
 * pt-BR, en or es by Accept-Language. Static text only: nothing from the request or the
 * contact is written into it.
 */
export type PageKind = "confirm" | "done";

type Lang = "pt-BR" | "en" | "es";
type Texts = Record<"title" | "question" | "button" | "done", string>;

const TEXTS: Record<Lang, Texts> = {
  "pt-BR": {
    title: "Cancelar inscrição",
    question: "Deseja parar de receber nossas mensagens de marketing por e-mail?",
    button: "Cancelar inscrição",
    done: "Pronto: você não receberá mais mensagens de marketing por e-mail.",
  },
  en: {
    title: "Unsubscribe",
    question: "Stop receiving our marketing e-mails?",
    button: "Unsubscribe",
    done: "Done: you will no longer receive marketing e-mails from us.",
  },
  es: {
    title: "Cancelar suscripción",
    question: "¿Quiere dejar de recibir nuestros mensajes de marketing por correo electrónico?",
    button: "Cancelar suscripción",
    done: "Listo: ya no recibirá mensajes de marketing por correo electrónico.",
  },
};

/** The first language of Accept-Language we have; pt-BR otherwise (our users' customers). */
export function pageLanguage(acceptLanguage: string): Lang {
  for (const part of acceptLanguage.toLowerCase().split(",")) {
    const tag = part.split(";")[0]!.trim();
    if (tag.startsWith("pt")) return "pt-BR";
    if (tag.startsWith("en")) return "en";
    if (tag.startsWith("es")) return "es";
  }
  return "pt-BR";
}

export function unsubscribePage(kind: PageKind, acceptLanguage: string): string {
  const lang = pageLanguage(acceptLanguage);
  const t = TEXTS[lang];
  // No action attribute: the form posts to this same URL, token included.
  const main =
    kind === "confirm"
      ? `<p>${t.question}</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${t.button}</button></form>`
      : `<p>${t.done}</p>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${t.title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head><body><h1>${t.title}</h1>${main}</body></html>`;
}
