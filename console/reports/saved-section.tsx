/**
 * @module Custom reports (admins): save the current view under a name, optionally shared
 * with the other admins; open or delete saved ones. Names are user text, rendered as text.
 */
import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../api";
import { ReportMetric, type SavedReport } from "../../worker/protocol";
import { reportsApi, type View } from "./reports-api";
import { s } from "./reports-strings";

export function SavedSection({ view, meId, onView }: { view: View; meId: string; onView: (view: View) => void }) {
  const [reports, setReports] = useState<SavedReport[]>([]);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = () => reportsApi.saved().then((r) => setReports(r.reports), (err: unknown) => setNotice(errorMessage(err)));
  useEffect(() => void reload(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const saved = await reportsApi.save({
        name,
        shared,
        definition: { metrics: view.metrics, view: "series", groupBy: view.groupBy, interval: view.interval, clock: view.clock, filters: {}, period: { preset: view.preset } },
      });
      setNotice(s.saved(saved.name));
      setName("");
      await reload();
    } catch (err) {
      setNotice(errorMessage(err));
    }
  };
  const open = (r: SavedReport) => {
    const d = r.definition;
    onView({ preset: "preset" in d.period ? d.period.preset : view.preset, clock: d.clock, groupBy: d.groupBy, interval: d.interval, metrics: d.metrics });
  };
  const remove = async (r: SavedReport) => {
    await reportsApi.remove(r.id).catch((err: unknown) => setNotice(errorMessage(err)));
    await reload();
  };
  const toggle = (m: ReportMetric, on: boolean) => onView({ ...view, metrics: on ? [...view.metrics, m] : view.metrics.filter((x) => x !== m) });

  return (
    <section class="report-section" aria-labelledby="report-custom">
      <h2 id="report-custom">{s.custom}</h2>
      <p class="muted">{s.customHint}</p>
      <fieldset class="report-metrics">
        <legend>{s.pickMetrics}</legend>
        {ReportMetric.options.map((m) => (
          <label key={m}>
            <input type="checkbox" checked={view.metrics.includes(m)} disabled={view.metrics.length === 1 && view.metrics.includes(m)} onChange={(e) => toggle(m, e.currentTarget.checked)} /> {s.metrics[m]}
          </label>
        ))}
      </fieldset>
      <form class="report-save" onSubmit={save}>
        <label>
          {s.name} <input name="report-name" required maxLength={120} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} /> {s.shared}
        </label>
        <button type="submit">{s.save}</button>
      </form>
      {notice && <p role="status">{notice}</p>}
      {reports.length === 0 ? (
        <p class="muted">{s.noSaved}</p>
      ) : (
        <ul class="report-saved">
          {reports.map((r) => (
            <li key={r.id}>
              <span>{r.name}</span>
              {r.shared && <span class="muted"> · {s.sharedBy}</span>}{" "}
              <button type="button" onClick={() => open(r)}>
                {s.open}
              </button>
              {r.ownerId === meId && (
                <button type="button" onClick={() => void remove(r)}>
                  {s.delete}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
