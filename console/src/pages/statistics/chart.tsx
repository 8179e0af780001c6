// A chart on a canvas, drawn once Chart.js (./charts) has loaded: the import is dynamic, so the figures
// and tables of a statistics page show at once and the chart library is fetched only by these pages.
// The canvas is an image with a label summing it up; the table beside each chart holds every figure
// (the text alternative).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLang } from '../../i18n';
import { messages } from './messages';
import type { DrawnChart } from './charts';

export type ChartsModule = typeof import('./charts');
type Draw = (charts: ChartsModule, canvas: HTMLCanvasElement) => DrawnChart;

let chartsModule: Promise<ChartsModule> | null = null;

function loadCharts(): Promise<ChartsModule> {
  chartsModule ??= import('./charts');
  chartsModule.catch(() => {
    chartsModule = null;
  });
  return chartsModule;
}

type ChartCanvasProps = {
  /** What the chart shows, in words: the canvas's accessible name. */
  label: string;
  /** Draws on the canvas; called again when `drawKey` (the data and the language) changes. */
  draw: Draw;
  drawKey: string;
  /** CSS height of the chart, e.g. `16rem`. */
  height: string;
  name: string;
};

export function ChartCanvas({ label, draw, drawKey, height, name }: ChartCanvasProps) {
  const { t } = useLang();
  const words = t(messages);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  useEffect(() => {
    let drawn: DrawnChart | null = null;
    let cancelled = false;
    loadCharts().then(
      (charts) => {
        if (cancelled || !canvas.current) return;
        drawn = draw(charts, canvas.current);
        setState('drawn');
      },
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
      drawn?.destroy();
    };
    // `draw` is a new function each render; drawKey says when what it draws changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drawKey]);
  return (
    <div class="chart" data-chart={name} data-state={state}>
      <div class="chart__area" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      {state === 'loading' && (
        <p class="muted chart__status" role="status">
          {words.chartLoading}
        </p>
      )}
      {state === 'failed' && <p class="notice notice--error chart__status">{words.chartFailed}</p>}
    </div>
  );
}
