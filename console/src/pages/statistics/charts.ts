// The charts of the statistics pages, drawn with Chart.js on a canvas. Loaded on demand by chart.tsx
// (a dynamic import), so only these pages download it: the officer pages never do. Only the pieces the
// two charts use are registered, which lets the build leave the rest of Chart.js out. Chart.js needs
// no eval and no inline script (it sizes the canvas through the style object), so it runs under the
// app's Content-Security-Policy.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { BAND_COLOURS } from '../../components/compliance';
import type { ComplianceBand } from '../../gql/graphql';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
Chart.defaults.color = '#1b1b1f';
Chart.defaults.borderColor = '#e2e2e8';

export type DrawnChart = { destroy: () => void };

/** No animation for those who ask their system for less motion. */
function animation() {
  return matchMedia('(prefers-reduced-motion: reduce)').matches ? (false as const) : { duration: 400 };
}

function percent(value: number, locale: string): string {
  return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
}

export type RankingBar = { code: string; name: string; rate: number | null; band: ComplianceBand };
export type RankingLabels = { axis: string; notMeasured: string };

/** Agencies as horizontal bars, their compliance (0–100%) in their band's colour, best first. */
export function drawRanking(canvas: HTMLCanvasElement, bars: RankingBar[], labels: RankingLabels, locale: string): DrawnChart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      // Codes fit a phone; the tooltip and the table beside the chart give the names.
      labels: bars.map((bar) => bar.code),
      datasets: [
        {
          label: labels.axis,
          data: bars.map((bar) => (bar.rate == null ? 0 : Math.round(bar.rate * 1000) / 10)),
          backgroundColor: bars.map((bar) => BAND_COLOURS[bar.band]),
          borderRadius: 3,
          maxBarThickness: 28,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: animation(),
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => bars[items[0].dataIndex]?.name ?? '',
            label: (item) => {
              const bar = bars[item.dataIndex];
              return bar?.rate == null ? labels.notMeasured : `${labels.axis}: ${percent(item.parsed.x ?? 0, locale)}`;
            },
          },
        },
      },
      scales: {
        x: {
          min: 0,
          max: 100,
          title: { display: true, text: labels.axis },
          ticks: { callback: (value) => percent(Number(value), locale) },
        },
        y: { grid: { display: false } },
      },
    },
  });
}

export type TrendPoint = { label: string; received: number; dispositions: number; rate: number | null };
export type TrendLabels = { received: string; dispositions: string; rate: string; count: string; rateAxis: string };

/** Received reports and dispositions per month as bars, the month's compliance as a line on its own axis. */
export function drawTrend(canvas: HTMLCanvasElement, points: TrendPoint[], labels: TrendLabels, locale: string): DrawnChart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: points.map((point) => point.label),
      datasets: [
        {
          type: 'bar',
          label: labels.received,
          data: points.map((point) => point.received),
          backgroundColor: '#0b4f9c',
          yAxisID: 'count',
          order: 2,
        },
        {
          type: 'bar',
          label: labels.dispositions,
          data: points.map((point) => point.dispositions),
          backgroundColor: '#7fa7d9',
          yAxisID: 'count',
          order: 2,
        },
        {
          type: 'line',
          label: labels.rate,
          data: points.map((point) => (point.rate == null ? null : Math.round(point.rate * 1000) / 10)),
          borderColor: '#9b1c1c',
          backgroundColor: '#9b1c1c',
          pointRadius: 4,
          spanGaps: true,
          // A point at 100% sits on the chart's top edge: drawn whole, not cut in half.
          clip: 6,
          yAxisID: 'rate',
          order: 1,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: animation(),
      layout: { padding: { top: 8 } },
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) =>
              item.dataset.yAxisID === 'rate'
                ? `${item.dataset.label}: ${item.parsed.y == null ? '—' : percent(item.parsed.y, locale)}`
                : `${item.dataset.label}: ${(item.parsed.y ?? 0).toLocaleString(locale)}`,
          },
        },
      },
      scales: {
        count: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          title: { display: true, text: labels.count },
          ticks: { precision: 0 },
        },
        rate: {
          type: 'linear',
          position: 'right',
          min: 0,
          max: 100,
          title: { display: true, text: labels.rateAxis },
          grid: { drawOnChartArea: false },
          ticks: { callback: (value) => percent(Number(value), locale) },
        },
      },
    },
  });
}
