/**
 * @module The chosen metrics over time (hour, day, week, month in the account's zone): a
 * uPlot line chart and the same figures in a table.
 */
import { useMemo } from "preact/hooks";
import { locale } from "../i18n";
import { isTimed, type ReportSeries } from "../../worker/protocol";
import { Chart, colorAt } from "./chart";
import { formatBucket, formatDuration, formatNumber, headline } from "./format";
import { s } from "./reports-strings";

export function SeriesSection({ data, exportUrl }: { data: ReportSeries; exportUrl: string }) {
  const x = useMemo(() => data.points.map((p) => p.start / 1000), [data]);
  // Durations are charted as their average, counts as the count.
  const series = useMemo(
    () => data.metrics.map((m, i) => ({ label: s.metrics[m], color: colorAt(i), values: data.points.map((p) => (isTimed(m) ? (p.values[m]?.average ?? null) : (p.values[m]?.count ?? 0))) })),
    [data],
  );
  const allTimed = data.metrics.every(isTimed);
  const labels = data.points.map((p) => formatBucket(locale, p.key));
  return (
    <section class="report-section" aria-labelledby="report-series">
      <h2 id="report-series">{s.overTime}</h2>
      <Chart
        label={s.chartLabel(`${s.overTime}: ${data.metrics.map((m) => s.metrics[m]).join(", ")}`)}
        x={x}
        series={series}
        formatY={(v) => (allTimed ? formatDuration(locale, v) : formatNumber(locale, v))}
        formatX={(v) => labels[x.indexOf(v)] ?? new Date(v * 1000).toLocaleDateString(locale)}
      />
      <a class="button-link" href={exportUrl} download>
        {s.exportCsv}
      </a>
      <div class="report-table-wrap">
        <table class="report-table">
          <caption>{s.overTime}</caption>
          <thead>
            <tr>
              <th scope="col">{s.bucket}</th>
              {data.metrics.map((m) => (
                <th scope="col" key={m}>
                  {s.metrics[m]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.points.map((p, i) => (
              <tr key={p.key}>
                <th scope="row">{labels[i]}</th>
                {data.metrics.map((m) => (
                  <td key={m}>{headline(locale, m, p.values[m] ?? { count: 0, average: null })}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
