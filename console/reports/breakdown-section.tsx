/**
 * @module A breakdown by agent, team, inbox, channel, tag or type: resolved conversations
 * per group as bars, every headline figure per group in the table, and the first response
 * times' distribution (the histogram's buckets) as bars and a table.
 */
import { useMemo } from "preact/hooks";
import { locale } from "../i18n";
import type { ReportBreakdown, ReportDistribution, ReportMetric } from "../../worker/protocol";
import { Chart, colorAt } from "./chart";
import { formatDuration, formatNumber, formatPercent, headline } from "./format";
import { s } from "./reports-strings";

const COLUMNS: ReportMetric[] = ["conversations_created", "conversations_resolved", "messages_in", "messages_out", "first_response", "reply", "queue_wait", "handle"];

export function BreakdownSection({ data, exportUrl }: { data: ReportBreakdown; exportUrl: string }) {
  const names = data.groups.map((g) => g.name || s.none);
  const x = useMemo(() => data.groups.map((_, i) => i), [data]);
  const series = useMemo(() => [{ label: s.metrics.conversations_resolved, color: colorAt(1), values: data.groups.map((g) => g.figures.metrics.conversations_resolved.count) }], [data]);
  return (
    <section class="report-section" aria-labelledby="report-breakdown">
      <h2 id="report-breakdown">
        {s.breakdown}: {s.groups[data.groupBy]}
      </h2>
      {data.groups.length > 0 && <Chart label={s.chartLabel(`${s.metrics.conversations_resolved} × ${s.groups[data.groupBy]}`)} x={x} xLabels={names} series={series} bars formatY={(v) => formatNumber(locale, v)} />}
      <a class="button-link" href={exportUrl} download>
        {s.exportCsv}
      </a>
      <div class="report-table-wrap">
        <table class="report-table">
          <caption>
            {s.breakdown}: {s.groups[data.groupBy]}
          </caption>
          <thead>
            <tr>
              <th scope="col">{s.groups[data.groupBy]}</th>
              {COLUMNS.map((m) => (
                <th scope="col" key={m}>
                  {s.metrics[m]}
                </th>
              ))}
              <th scope="col">{s.csatScore}</th>
            </tr>
          </thead>
          <tbody>
            {data.groups.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length + 2}>{s.nothing}</td>
              </tr>
            )}
            {data.groups.map((g, i) => (
              <tr key={g.key}>
                <th scope="row">{names[i]}</th>
                {COLUMNS.map((m) => (
                  <td key={m}>{headline(locale, m, g.figures.metrics[m])}</td>
                ))}
                <td>{formatPercent(locale, g.figures.csatScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function DistributionSection({ data }: { data: ReportDistribution }) {
  const counts = data.bounds.map((_, i) => data.groups.reduce((n, g) => n + (g.counts[i] ?? 0), 0));
  const ranges = data.bounds.map((low, i) => (data.bounds[i + 1] === undefined ? `≥ ${formatDuration(locale, low)}` : `${formatDuration(locale, low)} – ${formatDuration(locale, data.bounds[i + 1]!)}`));
  const x = useMemo(() => data.bounds.map((_, i) => i), [data]);
  const series = useMemo(() => [{ label: s.conversations, color: colorAt(0), values: counts }], [data]);
  return (
    <section class="report-section" aria-labelledby="report-distribution">
      <h2 id="report-distribution">{s.distribution}</h2>
      <Chart label={s.chartLabel(s.distribution)} x={x} xLabels={ranges} series={series} bars formatY={(v) => formatNumber(locale, v)} />
      <div class="report-table-wrap">
        <table class="report-table">
          <caption>{s.distribution}</caption>
          <thead>
            <tr>
              <th scope="col">{s.range}</th>
              <th scope="col">{s.conversations}</th>
            </tr>
          </thead>
          <tbody>
            {ranges.map((r, i) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                <td>{formatNumber(locale, counts[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
