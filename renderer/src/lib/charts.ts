// chart.js, registered once with only what the pages draw (tree-shaken), and colours taken from the
// theme's CSS variables so charts follow light/dark.
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';
import { useTheme } from '../stores/theme';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

export interface ChartColors {
  series: string[];
  text: string;
  muted: string;
  grid: string;
}

function read(): ChartColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    series: ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5'].map(v),
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--chart-grid'),
  };
}

/** The theme's chart colours; re-read when the theme changes so charts redraw in the new palette. */
export function useChartColors(): ChartColors {
  useTheme((s) => s.resolved);
  return read();
}

/** Common options: theme colours for axes and legend, no animation when the student asked for less motion. */
export function baseOptions(colors: ChartColors) {
  const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: reduced ? (false as const) : { duration: 250 },
    plugins: { legend: { labels: { color: colors.text } } },
    scales: {
      x: { ticks: { color: colors.muted }, grid: { color: colors.grid } },
      y: { ticks: { color: colors.muted }, grid: { color: colors.grid }, beginAtZero: true },
    },
  };
}
