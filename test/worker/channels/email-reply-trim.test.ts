/**
 * The reply trimmer, table-driven: quote headers in en/pt-BR/es (one line and wrapped),
 * Outlook's separator and header blocks, trailing ">" quotes, interleaved replies,
 * signatures ("-- ", mobile footers), and what must never be cut. Then HTML replies
 * (Gmail's blockquote, Outlook's header block) through htmlToText first.
 */
import { describe, expect, it } from "vitest";
import { htmlToText } from "../../../worker/channels/email/html-text";
import { trimReply } from "../../../worker/channels/email/reply-trim";

const lines = (...l: string[]) => l.join("\n");

type Row = [name: string, whole: string, visible: string, cut: boolean];
const ROWS: Row[] = [
  ["nothing to cut", lines("Oi,", "", "meu pedido não chegou."), lines("Oi,", "", "meu pedido não chegou."), false],
  [
    "en 'On … wrote:' and a quote",
    lines("Thanks, that fixed it.", "", "On Tue, Dec 1, 2026 at 6:03 PM Support <support@shop.example> wrote:", "> Try again now.", "> Support"),
    "Thanks, that fixed it.",
    true,
  ],
  [
    "pt-BR 'Em … escreveu:' wrapped over two lines",
    lines("Obrigada!", "", "Em ter., 1 de dez. de 2026 às 18:03, Suporte Loja <", "suporte@loja.example.com> escreveu:", "", "> Pedido enviado."),
    "Obrigada!",
    true,
  ],
  [
    "es 'El … escribió:'",
    lines("Gracias, lo reviso.", "", "El mar, 1 dic 2026 a las 18:03, Soporte (<soporte@tienda.example>) escribió:", "> Hola"),
    "Gracias, lo reviso.",
    true,
  ],
  [
    "a quote header with no '>' below (a client that does not prefix)",
    lines("Certo.", "", "On Mon, Nov 30, 2026, Support wrote:", "Your ticket was opened."),
    "Certo.",
    true,
  ],
  [
    "-----Original Message-----",
    lines("See below.", "", "-----Original Message-----", "From: Support", "Sent: Monday", "Old text"),
    "See below.",
    true,
  ],
  ["----- Mensagem original -----", lines("Segue.", "----- Mensagem original -----", "De: Suporte", "texto antigo"), "Segue.", true],
  ["-----Mensaje original-----", lines("Sigue.", "-----Mensaje original-----", "De: Soporte"), "Sigue.", true],
  [
    "Outlook pt-BR block under its rule",
    lines("Ok, aguardo.", "", "________________________________", "De: Suporte <suporte@loja.example.com>", "Enviado: terça-feira, 1 de dezembro de 2026 18:03", "Para: Paulo", "Assunto: Re: x", "", "antigo"),
    "Ok, aguardo.",
    true,
  ],
  [
    "Outlook older pt-BR 'Enviada em:' block without a rule",
    lines("Pode cancelar.", "", "De: Suporte [mailto:suporte@loja.example.com]", "Enviada em: segunda-feira, 30 de novembro de 2026 10:00", "Para: Ana", "Assunto: pedido"),
    "Pode cancelar.",
    true,
  ],
  [
    "Outlook en bold block (*From:* … *Sent:*)",
    lines("Done.", "", "*From:* Support <support@shop.example>", "*Sent:* Monday, November 30, 2026 10:00 AM", "*To:* Ann"),
    "Done.",
    true,
  ],
  [
    "Outlook es block 'De: … Enviado el: …'",
    lines("Listo.", "", "De: Soporte <soporte@tienda.example>", "Enviado el: lunes, 30 de noviembre de 2026 10:00", "Para: Ana"),
    "Listo.",
    true,
  ],
  [
    "'De:' alone in the text is not an Outlook block",
    lines("De: minha parte, tudo certo.", "Obrigado."),
    lines("De: minha parte, tudo certo.", "Obrigado."),
    false,
  ],
  ["trailing '>' block without a header", lines("Sim, pode enviar.", "", "> Podemos enviar amanhã?", "> Equipe"), "Sim, pode enviar.", true],
  [
    "interleaved answers are kept (quotes in the middle are context)",
    lines("On Tue, Support wrote:", "> Qual o tamanho?", "42", "> E a cor?", "Azul"),
    lines("On Tue, Support wrote:", "> Qual o tamanho?", "42", "> E a cor?", "Azul"),
    false,
  ],
  [
    "interleaved, then a trailing quote: only the trailing quote is cut",
    lines("> Qual o tamanho?", "42", "", "> Obrigado,", "> Equipe"),
    lines("> Qual o tamanho?", "42"),
    true,
  ],
  ["RFC 3676 signature '-- '", lines("Pode ligar amanhã.", "-- ", "Ana Souza", "Compras | ACME"), "Pode ligar amanhã.", true],
  ["signature '--' without the space", lines("Pode ligar amanhã.", "--", "Ana"), "Pode ligar amanhã.", true],
  ["Enviado do meu iPhone", lines("Já paguei o boleto.", "", "Enviado do meu iPhone"), "Já paguei o boleto.", true],
  ["Sent from my Galaxy", lines("Paid already.", "", "Sent from my Samsung Galaxy smartphone."), "Paid already.", true],
  ["Enviado desde mi iPhone", lines("Ya pagué.", "Enviado desde mi iPhone"), "Ya pagué.", true],
  ["Get Outlook for Android", lines("Ok.", "", "Get Outlook for Android"), "Ok.", true],
  [
    "mobile footer then the quote",
    lines("Recebido, obrigado.", "", "Enviado do meu iPhone", "", "Em 1 de dez. de 2026, à(s) 18:03, Suporte <suporte@loja.example.com> escreveu:", "", "> Olá"),
    "Recebido, obrigado.",
    true,
  ],
  [
    "'Sent from my' in the middle of the text is prose",
    lines("Sent from my office the forms yesterday.", "Did they arrive?"),
    lines("Sent from my office the forms yesterday.", "Did they arrive?"),
    false,
  ],
  [
    "nothing but a quote keeps everything (never an empty bubble)",
    lines("> Encaminhando o que recebi:", "> Pedido 4471"),
    lines("> Encaminhando o que recebi:", "> Pedido 4471"),
    false,
  ],
  ["CRLF line breaks", "Sim.\r\n\r\n> Pergunta?\r\n", "Sim.", true],
];

describe("trimReply", () => {
  it.each(ROWS)("%s", (_name, whole, visible, cut) => {
    const result = trimReply(whole);
    expect(result.text).toBe(visible);
    expect(result.fullText).toBe(cut ? whole.replace(/\r\n/g, "\n").trimEnd() : null);
  });
});

describe("HTML replies through htmlToText", () => {
  it("Gmail pt-BR: the gmail_attr header line and the <blockquote> (as '>' lines) are cut", () => {
    const html =
      '<div dir="ltr">Perfeito, obrigada!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">' +
      "Em ter., 1 de dez. de 2026 às 18:03, Suporte Loja &lt;suporte@loja.example.com&gt; escreveu:<br></div>" +
      '<blockquote class="gmail_quote">Olá Renata,<br>seu pedido foi despachado.<blockquote>mais antigo</blockquote></blockquote></div>';
    const text = htmlToText(html);
    expect(text).toBe(
      "Perfeito, obrigada!\n\nEm ter., 1 de dez. de 2026 às 18:03, Suporte Loja <suporte@loja.example.com> escreveu:\n" +
        "> Olá Renata,\n> seu pedido foi despachado.\n>> mais antigo",
    );
    expect(trimReply(text).text).toBe("Perfeito, obrigada!");
  });

  it("Outlook pt-BR HTML: the bold 'De: … Enviado: …' block after the <hr> is cut", () => {
    const html =
      "<div>Bom dia, ainda não recebi.</div><div>Att.,<br>Paulo</div><hr>" +
      "<div id=divRplyFwdMsg><b>De:</b> Suporte Loja &lt;suporte@loja.example.com&gt;<br><b>Enviado:</b> terça-feira, 1 de dezembro de 2026 18:03<br>" +
      "<b>Para:</b> Paulo<br><b>Assunto:</b> Re: Reembolso</div><div>Olá Paulo, o reembolso foi solicitado.</div>";
    expect(trimReply(htmlToText(html)).text).toBe("Bom dia, ainda não recebi.\nAtt.,\nPaulo");
  });
});

describe("htmlToText", () => {
  const CASES: [string, string, string][] = [
    ["entities, named and numeric", "<p>a&nbsp;&amp;&nbsp;b &eacute; &#233; &#xE7; &lt;tag&gt; &unknown;</p>", "a & b é é ç <tag> &unknown;"],
    ["script, style, head and comments dropped", "<head><title>t</title></head><script>x()</script><style>p{}</style><!-- c --><p>só isto</p>", "só isto"],
    ["source line breaks are spaces; <br> and blocks are breaks", "<p>uma\nfrase</p><p>outra<br>linha</p>", "uma frase\n\noutra\nlinha"],
    ["<pre> keeps its line breaks", "<pre>a\nb</pre>", "a\nb"],
    ["a lone '<' is prose", "<p>1 < 2 e <5 dias</p>", "1 < 2 e <5 dias"],
    ["an unclosed tag at the end", "texto <b", "texto <b"],
    ["an unclosed script drops the rest", "antes<script>alert(1)", "antes"],
    ["control characters and quote markers in the source are removed", "<p>a\u0002b\u0003c&#2;</p>", "abc\uFFFD"],
    ["adjacent divs are lines; Gmail's <div><br></div> is one blank line", "<div>Bom dia,</div><div><br></div><div>Tudo bem?</div><div>Ana</div>", "Bom dia,\n\nTudo bem?\nAna"],
    ["list items as bullets, one per line", "<p>Itens:</p><ul><li>um</li>\n  <li>dois</li></ul><p>fim</p>", "Itens:\n\n• um\n• dois\n\nfim"],
    ["table cells on one line, rows on their own", "<table><tr><td>Item</td><td>Qtd</td></tr><tr><td>Camisa</td><td>2</td></tr></table>", "Item Qtd\nCamisa 2"],
  ];
  it.each(CASES)("%s", (_name, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it("runs in linear time on hostile input (many '<' without '>', unterminated comments)", () => {
    const started = Date.now();
    htmlToText("<a".repeat(200_000));
    htmlToText("<".repeat(200_000) + ">");
    htmlToText("<!--".repeat(100_000));
    htmlToText("<script>".repeat(50_000));
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("trimReply cost", () => {
  it("stays linear on thousands of quote headers and interleaved lines", () => {
    const hostile = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? "On Mon, X wrote:" : i % 3 === 1 ? "> q" : "a")).join("\n");
    const started = Date.now();
    const result = trimReply(hostile);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.text.startsWith("On Mon, X wrote:\n> q\na")).toBe(true);
  });
});
