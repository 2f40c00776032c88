/**
 * @module The Reports area (issue 18), loaded apart from the rest of the console (its own
 * chunk with uPlot: shell/lazy-part.tsx): period, clock, the overview against the period
 * before, the chosen metrics over time, a breakdown, the first response distribution,
 * and for admins the live dashboard and custom reports. Every chart has its table.
 * Agents see their own figures (the server filters them).
 *
 *   <ReportsPage me={me} />   // mounted by the shell at /console/reports
 */
import { useState } from "preact/hooks";
import { ReportGroupBy, ReportInterval, ReportPeriodPreset, type Me } from "../../worker/protocol";
import { hasRole } from "../shell/roles";
import { BreakdownSection, DistributionSection } from "./breakdown-section";
import { LiveSection } from "./live-section";
import { OverviewSection } from "./overview-section";
import { reportsApi, type View } from "./reports-api";
import { s } from "./reports-strings";
import { SavedSection } from "./saved-section";
import { SeriesSection } from "./series-section";
import { useReport, type Loaded } from "./use-report";
import "./reports.css";

const START: View = { preset: "last_7_days", clock: "calendar", groupBy: "agent", interval: "day", metrics: ["conversations_created", "conversations_resolved"] };

function Shown<T>({ state, children }: { state: Loaded<T>; children: (data: T) => preact.ComponentChildren }) {
  if (state.status === "loading") return <p role="status">…</p>;
  if (state.status === "failed") return <p role="alert">{state.error}</p>;
  return <>{children(state.data)}</>;
}

export function ReportsPage({ me }: { me: Me }) {
  const admin = hasRole(me, "admin");
  const [view, setView] = useState<View>(START);
  const key = JSON.stringify(view);
  const overview = useReport(() => reportsApi.overview(view), [key]);
  const series = useReport(() => reportsApi.series(view), [key]);
  const breakdown = useReport(() => reportsApi.breakdown(view), [key]);
  const distribution = useReport(() => reportsApi.distribution(view), [key]);
  const set = (change: Partial<View>) => setView({ ...view, ...change });

  return (
    <div class="reports">
      <h1>{s.title}</h1>
      {!admin && <p class="muted">{s.ownFigures}</p>}
      <div class="report-controls">
        <label>
          {s.period}{" "}
          <select value={view.preset} onChange={(e) => set({ preset: e.currentTarget.value as View["preset"] })}>
            {ReportPeriodPreset.options.map((p) => (
              <option key={p} value={p}>
                {s.periods[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.clock}{" "}
          <select value={view.clock} onChange={(e) => set({ clock: e.currentTarget.value as View["clock"] })}>
            {(["calendar", "business"] as const).map((c) => (
              <option key={c} value={c}>
                {s.clocks[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.interval}{" "}
          <select value={view.interval} onChange={(e) => set({ interval: e.currentTarget.value as View["interval"] })}>
            {ReportInterval.options.map((i) => (
              <option key={i} value={i}>
                {s.intervals[i]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.groupBy}{" "}
          <select value={view.groupBy} onChange={(e) => set({ groupBy: e.currentTarget.value as View["groupBy"] })}>
            {ReportGroupBy.options.map((g) => (
              <option key={g} value={g}>
                {s.groups[g]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Shown state={overview}>{(data) => <OverviewSection data={data} />}</Shown>
      <Shown state={series}>{(data) => <SeriesSection data={data} exportUrl={reportsApi.exportUrl(view, "series")} />}</Shown>
      <Shown state={breakdown}>{(data) => <BreakdownSection data={data} exportUrl={reportsApi.exportUrl(view, "breakdown")} />}</Shown>
      <Shown state={distribution}>{(data) => <DistributionSection data={data} />}</Shown>
      {admin && <LiveSection />}
      {admin && <SavedSection view={view} meId={me.agent.id} onView={setView} />}
    </div>
  );
}
