import type { Scale } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { baseOptions, useChartColors } from '../../lib/charts';

const MAX_TICK = 22;

export interface BarSeries {
  label: string;
  data: (number | null)[];
  /** One colour per bar (e.g. each class's own); default: the theme's series colour. */
  colors?: (string | null)[];
}

interface BarChartProps {
  labels: string[];
  series: BarSeries[];
  /** What a screen reader hears instead of the canvas: the figures in words. */
  description: string;
  unit?: string;
  horizontal?: boolean;
  height?: number;
  legend?: boolean;
}

/** A themed bar chart; the canvas is an image with a text description, the figures sit in tables beside it. */
export function BarChart({ labels, series, description, unit = '', horizontal = false, height = 240, legend = series.length > 1 }: BarChartProps) {
  const colors = useChartColors();
  const base = baseOptions(colors);
  const valueAxis = horizontal ? 'x' : 'y';
  const categoryAxis = horizontal ? 'y' : 'x';
  const options = {
    ...base,
    indexAxis: horizontal ? ('y' as const) : ('x' as const),
    plugins: {
      ...base.plugins,
      legend: { ...base.plugins.legend, display: legend },
      tooltip: { callbacks: { label: (ctx: { dataset: { label?: string }; raw: unknown }) => `${ctx.dataset.label ?? ''}: ${String(ctx.raw)}${unit ? ` ${unit}` : ''}` } },
    },
    scales: {
      x: { ...base.scales.x, beginAtZero: true },
      y: { ...base.scales.y },
      [valueAxis]: { ...base.scales[valueAxis], beginAtZero: true, ticks: { ...base.scales[valueAxis].ticks, precision: 0 } },
      // Long class names would squeeze the bars: shortened on the axis, whole in the tooltip and tables.
      [categoryAxis]: {
        ...base.scales[categoryAxis],
        ticks: {
          ...base.scales[categoryAxis].ticks,
          callback(this: Scale, value: string | number) {
            const label = this.getLabelForValue(Number(value));
            return label.length > MAX_TICK ? `${label.slice(0, MAX_TICK - 1)}…` : label;
          },
        },
      },
    },
  };
  const data = {
    labels,
    datasets: series.map((s, i) => {
      const fallback = colors.series[i % colors.series.length]!;
      return {
        label: s.label,
        data: s.data,
        backgroundColor: s.colors ? s.colors.map((c) => c ?? fallback) : fallback,
        // A class's own colour may be dark on a dark card (or pale on a light one): an outline in the
        // theme's muted text colour keeps every bar visible.
        borderColor: s.colors ? colors.muted : undefined,
        borderWidth: s.colors ? 1.5 : 0,
        borderRadius: 3,
        maxBarThickness: 36,
      };
    }),
  };
  return (
    <div className="chart-box" style={{ height }}>
      <Bar data={data} options={options} role="img" aria-label={description} />
    </div>
  );
}
