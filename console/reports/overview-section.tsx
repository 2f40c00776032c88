/**
 * @module The overview: every metric over the period beside the period before it, as a
 * table (the figures themselves, readable by any screen reader), and the CSAT score.
 */
import { locale } from "../i18n";
import { ReportMetric, type ReportOverview } from "../../worker/protocol";
import { formatPercent, headline } from "./format";
import { s } from "./reports-strings";

export function OverviewSection({ data }: { data: ReportOverview }) {
  const rows = ReportMetric.options.filter((m) => m !== "csat_positive");
  return (
    <section class="report-section" aria-labelledby="report-overview">
      <h2 id="report-overview">{s.overview}</h2>
      <ul class="report-cards">
        {(["conversations_created", "conversations_resolved", "first_response", "reply"] as const).map((m) => (
          <li key={m} class="report-card">
            <span class="report-card-label">{s.metrics[m]}</span>
            <strong class="report-card-value">{headline(locale, m, data.current.metrics[m])}</strong>
            <span class="muted">{s.previous(headline(locale, m, data.previous.metrics[m]))}</span>
          </li>
        ))}
        <li class="report-card">
          <span class="report-card-label">{s.csatScore}</span>
          <strong class="report-card-value">{formatPercent(locale, data.current.csatScore)}</strong>
          <span class="muted">{s.previous(formatPercent(locale, data.previous.csatScore))}</span>
        </li>
      </ul>
      <table class="report-table">
        <caption>{s.overview}</caption>
        <thead>
          <tr>
            <th scope="col">{s.metric}</th>
            <th scope="col">{s.value}</th>
            <th scope="col">{s.previousValue}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m}>
              <th scope="row">{s.metrics[m]}</th>
              <td>{headline(locale, m, data.current.metrics[m])}</td>
              <td>{headline(locale, m, data.previous.metrics[m])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{s.csatScore}</th>
            <td>{formatPercent(locale, data.current.csatScore)}</td>
            <td>{formatPercent(locale, data.previous.csatScore)}</td>
          </tr>
          <tr>
            <th scope="row">{s.csatResponseRate}</th>
            <td>{formatPercent(locale, data.current.csatResponseRate)}</td>
            <td>{formatPercent(locale, data.previous.csatResponseRate)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
