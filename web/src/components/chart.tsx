// A time-series chart (uPlot): aligned columns in, a responsive canvas out, themed by CSS.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface SeriesSpec {
  label: string;
  values: Array<number | null>;
  color: string;
  unit?: string;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export function Chart(props: {
  title: string;
  t: number[];
  series: SeriesSpec[];
  height?: number;
  testId?: string;
  /** The window shown (epoch seconds), whatever the samples cover. */
  range?: [number, number];
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { title, t, series, height = 200, range } = props;
  const rangeKey = range ? `${range[0]}-${range[1]}` : '';
  const shape = series.map((s) => s.label).join('|');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the plot is rebuilt only when its series change shape
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const styles = getComputedStyle(document.documentElement);
    const axisColor = styles.getPropertyValue('--muted').trim() || '#888';
    const gridColor = styles.getPropertyValue('--grid').trim() || 'rgba(128,128,128,.2)';
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor } };
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height,
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: range ? { time: true, range: () => range } : { time: true } },
      axes: [axis, { ...axis, size: 60, values: (_u, ticks) => ticks.map((v) => compact.format(v)) }],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) =>
            v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10}${s.unit ? ` ${s.unit}` : ''}`,
        })),
      ],
    };
    plot.current = new uPlot(opts, [t, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(240, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape, height, rangeKey]);

  useEffect(() => {
    plot.current?.setData([t, ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [t, series]);

  return (
    <figure className="chart" data-testid={props.testId} data-points={t.length}>
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${t.length} points`} />
      {t.length === 0 && <p className="muted chart-empty">No samples in this window.</p>}
    </figure>
  );
}
