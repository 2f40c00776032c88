/**
 * @module A uPlot chart (https://github.com/leeoniya/uPlot: small, canvas, maintained) as a
 * Preact component. A canvas says nothing to a screen reader, so it is an image labelled
 * as such, and every chart has the same figures in a table beside it (the page's job).
 */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

const COLORS = ["#1f6feb", "#0a7d48", "#bf3989", "#9a6700", "#6e7781"];
export const colorAt = (i: number) => COLORS[i % COLORS.length]!;

export function Chart(props: {
  label: string;
  /** x values: epoch seconds for a time axis, or 0…n−1 with `xLabels` for categories. */
  x: number[];
  xLabels?: string[];
  series: ChartSeries[];
  bars?: boolean;
  formatY?: (v: number) => string;
  formatX?: (v: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { xLabels, formatY, formatX } = props;
    const bars = props.bars ? uPlot.paths.bars!({ size: [0.6, 60] }) : undefined;
    const chart = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 640),
        height: 220,
        legend: { show: props.series.length > 1 },
        scales: { x: { time: !xLabels } },
        axes: [
          xLabels ? { values: (_u, splits) => splits.map((v) => xLabels[v] ?? ""), space: 40 } : formatX ? { values: (_u, splits) => splits.map(formatX) } : {},
          { values: (_u, splits) => splits.map((v) => (formatY ? formatY(v) : String(v))), size: 70 },
        ],
        series: [{}, ...props.series.map((s) => ({ label: s.label, stroke: s.color, fill: props.bars ? `${s.color}66` : undefined, width: 2, paths: bars, points: { show: !props.bars } }))],
      },
      [props.x, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    return () => chart.destroy();
  }, [props.x, props.series, props.bars]);
  return <div class="report-chart" ref={box} role="img" aria-label={props.label} />;
}
