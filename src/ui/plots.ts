/**
 * Plotly figures: time courses grouped by module (one figure per module, one subplot per output,
 * units on every axis), the dose–response plot with its fitted Hill curves, and heatmaps.
 * Figures are redrawn with `Plotly.react`, which diffs against the previous figure, so a live
 * update only re-renders the traces.
 */
import Plotly from 'plotly.js-dist';
import { formatNumber, h } from './dom.ts';
import type { OutputSeries } from './protocol.ts';
import { groupOutputs } from './modules.ts';

// Plotly's schema types are very wide; figures here are built as plain objects.
type Obj = Record<string, unknown>;
const P = Plotly as unknown as {
  react(el: HTMLElement, data: Obj[], layout: Obj, config?: Obj): Promise<unknown>;
  animate(el: HTMLElement, frame: Obj, opts: Obj): Promise<unknown>;
  purge(el: HTMLElement): void;
  downloadImage(el: HTMLElement, opts: Obj): Promise<unknown>;
  Plots: { resize(el: HTMLElement): void };
};

export const COLORS = {
  current: '#b5472f',
  overlay: '#52606d',
  conditions: ['#b5472f', '#2563eb', '#2f7d4f', '#9333ea', '#d97706', '#0e7490', '#be185d', '#4d7c0f'],
};

const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', size: 11, color: '#1f2933' };
const AXIS = { gridcolor: '#eef0f2', linecolor: '#c4cad1', zeroline: false, ticks: 'outside', tickcolor: '#c4cad1', automargin: true };

/**
 * Local use only: no Plotly Cloud. `showSendToCloud: false` drops the "Share chart…" button (it
 * uploads the figure), an empty `plotlyServerURL` leaves nothing to send to even if called, and
 * `showLink`/`showEditInChartStudio` are the older spellings of the same. Plotly's own image
 * button goes too: its PNG has no title, legend or stamp; the cards' SVG/PNG buttons have all three.
 */
export const PLOT_CONFIG: Obj = {
  responsive: true,
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  plotlyServerURL: '',
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines', 'toImage', 'sendChartToCloud', 'sendDataToCloud', 'editInChartStudio'],
};

export interface TimeCourseRun {
  label: string;
  outputs: OutputSeries[];
}

export interface TimeCourseFigureOptions {
  end: number;
  /** Times at which an input switches (dose times), drawn as dotted lines. */
  switchTimes: number[];
}

interface ModuleCard {
  card: HTMLElement;
  plot: HTMLElement;
  key: string;
}

/** The module cards of the time-course view; reuses figures across redraws. */
export class TimeCoursePlots {
  private readonly container: HTMLElement;
  private cards = new Map<string, ModuleCard>();
  private onPng: (plot: HTMLElement, name: string) => void;

  constructor(container: HTMLElement, onPng: (plot: HTMLElement, name: string) => void) {
    this.container = container;
    this.onPng = onPng;
  }

  clear(message?: string): void {
    for (const c of this.cards.values()) P.purge(c.plot);
    this.cards.clear();
    this.container.replaceChildren();
    if (message) this.container.append(h('div', { class: 'card placeholder' }, message));
  }

  private generation = 0;

  /** The overlay and panel layout of the last full draw (live updates need them unchanged). */
  private drawnOverlay: TimeCourseRun | null = null;
  private drawnKey = '';

  /**
   * Draws `current` (and `overlay`, dashed).
   *
   * With `live` (a slider being moved) and nothing but the numbers changed, the figures are
   * updated in place: new x/y for the current traces through `Plotly.animate` without a redraw
   * of the figure, keeping the axis ranges unless the curves leave them. That is one frame
   * instead of a full re-layout per figure. Figures in the viewport go first; the others follow
   * right after unless a newer draw has started (`document.body.dataset.stale` counts them).
   * A later full draw (the caller's "settle") restores tight autoranges.
   */
  async draw(
    current: TimeCourseRun,
    overlay: TimeCourseRun | null,
    units: (id: string) => string,
    opts: TimeCourseFigureOptions & { live?: boolean },
  ): Promise<void> {
    const generation = ++this.generation;
    const ids = current.outputs.map((o) => o.id);
    const groups = groupOutputs(ids);
    const layoutKey = groups.map((g) => `${g.module.id}:${g.ids.join(',')}`).join('|');
    if ([...this.cards.values()].map((c) => c.key).join('|') !== layoutKey) {
      this.clear();
      for (const g of groups) {
        const plot = h('div', { class: 'plot', 'data-module': g.module.id });
        const card = h(
          'section',
          { class: 'card', 'aria-label': `${g.module.title} plots` },
          h(
            'div',
            { class: 'card-head' },
            h('h2', {}, g.module.title),
            h('span', { class: 'sub' }, g.ids.join(', ')),
            h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary icon', onClick: () => this.onPng(plot, g.module.id), 'aria-label': `Download ${g.module.title} plot as PNG` }, 'PNG')),
          ),
          plot,
        );
        this.container.append(card);
        this.cards.set(g.module.id, { card, plot, key: `${g.module.id}:${g.ids.join(',')}` });
      }
    }
    const byId = new Map(current.outputs.map((o) => [o.id, o]));
    const overlayById = new Map((overlay?.outputs ?? []).map((o) => [o.id, o]));
    const inPlace = opts.live === true && layoutKey === this.drawnKey && overlay === this.drawnOverlay;
    const figures: { plot: HTMLElement; render: () => Promise<unknown> }[] = [];
    for (const g of groups) {
      const { plot } = this.cards.get(g.module.id)!;
      const k = g.ids.length;
      // About 380 px per subplot column: 2 columns on a laptop, 3 on a wide screen.
      const cols = Math.max(1, Math.min(k, 3, Math.floor((this.container.clientWidth || 900) / 380)));
      const rows = Math.ceil(k / cols);
      const data: Obj[] = [];
      const layout: Obj = {
        height: 40 + rows * 200,
        margin: { l: 10, r: 12, t: overlay ? 28 : 12, b: 10 },
        font: FONT,
        paper_bgcolor: '#fff',
        plot_bgcolor: '#fff',
        grid: { rows, columns: cols, pattern: 'independent', xgap: cols > 2 ? 0.17 : 0.16, ygap: 0.32 },
        showlegend: overlay !== null,
        legend: { orientation: 'h', x: 0, y: 1, yanchor: 'bottom', font: { size: 11 } },
        hovermode: 'closest',
        uirevision: layoutKey,
        shapes: [] as Obj[],
      };
      g.ids.forEach((id, i) => {
        const ax = i === 0 ? '' : String(i + 1);
        const unit = units(id);
        const series = byId.get(id)!;
        data.push({
          type: 'scatter', mode: 'lines', name: current.label, legendgroup: 'current', showlegend: i === 0,
          x: series.t, y: series.values, xaxis: `x${ax}`, yaxis: `y${ax}`,
          line: { color: COLORS.current, width: 2 },
          meta: { output: id, role: 'current' },
          hovertemplate: `${id}: %{y:.4g} ${unit}<br>t = %{x:.3g} h<extra></extra>`,
        });
        const ov = overlayById.get(id);
        if (overlay && ov) {
          data.push({
            type: 'scatter', mode: 'lines', name: overlay.label, legendgroup: 'overlay', showlegend: i === 0,
            x: ov.t, y: ov.values, xaxis: `x${ax}`, yaxis: `y${ax}`,
            line: { color: COLORS.overlay, width: 1.6, dash: 'dash' },
            meta: { output: id, role: 'overlay' },
            hovertemplate: `${id}: %{y:.4g} ${unit}<br>t = %{x:.3g} h<extra>${overlay.label}</extra>`,
          });
        }
        layout[`xaxis${ax}`] = { ...AXIS, range: [0, opts.end], title: { text: 'time [h]', standoff: 4 } };
        layout[`yaxis${ax}`] = {
          ...AXIS, title: { text: `${id} [${unit}]`, standoff: 4 }, exponentformat: 'e',
          ...yRange(series.values, ov?.values),
        };
        for (const ts of opts.switchTimes) {
          (layout.shapes as Obj[]).push({
            type: 'line', xref: `x${ax}`, yref: `y${ax} domain`, x0: ts, x1: ts, y0: 0, y1: 1,
            line: { color: '#9aa5b1', width: 1, dash: 'dot' },
          });
        }
      });
      const hasData = ((plot as unknown as { data?: unknown[] }).data?.length ?? 0) > 0;
      figures.push({
        plot,
        render: inPlace && hasData ? () => updateInPlace(plot, byId) : () => P.react(plot, data, layout, PLOT_CONFIG),
      });
    }
    if (!inPlace) {
      this.drawnKey = layoutKey;
      this.drawnOverlay = overlay;
    }
    const visible = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    };
    const now = opts.live ? figures.filter((f) => visible(f.plot)) : figures;
    const later = figures.filter((f) => !now.includes(f));
    document.body.dataset.stale = String(later.length);
    await Promise.all(now.map((f) => f.render()));
    if (later.length > 0) {
      setTimeout(() => {
        if (generation !== this.generation) return; // a newer draw will cover these
        void Promise.all(later.map((f) => f.render())).then(() => {
          if (generation === this.generation) document.body.dataset.stale = '0';
        });
      }, 0);
    }
  }

  /** The plotted series of the current run, by output id (what the e2e tests read). */
  plotDivs(): HTMLElement[] {
    return [...this.cards.values()].map((c) => c.plot);
  }
}

type Trace = { meta?: { role?: string; output?: string }; yaxis?: string; y: ArrayLike<number> };

/**
 * Live update of one figure: the current traces get their new samples; a y axis changes its
 * range only when the new curve leaves it or fills less than a quarter of it.
 */
function updateInPlace(plot: HTMLElement, byId: Map<string, OutputSeries>): Promise<unknown> {
  const gd = plot as unknown as { data: Trace[]; layout: Record<string, { range?: [number, number] }> };
  const traces: number[] = [];
  const data: Obj[] = [];
  const layout: Obj = {};
  gd.data.forEach((tr, j) => {
    const s = tr.meta?.role === 'current' && tr.meta.output ? byId.get(tr.meta.output) : undefined;
    if (!s) return;
    traces.push(j);
    data.push({ x: s.t, y: s.values });
    const key = `yaxis${(tr.yaxis ?? 'y').slice(1)}`;
    const others = gd.data.filter((o) => o !== tr && o.yaxis === tr.yaxis).map((o) => o.y);
    const want = yRange(s.values, ...others);
    const [a, b] = gd.layout[key]?.range ?? [NaN, NaN];
    const lo = (want.range as [number, number] | undefined)?.[0] ?? minOf(s.values, ...others);
    const hi = (want.range as [number, number] | undefined)?.[1] ?? maxOf(s.values, ...others);
    if (!(lo >= a && hi <= b && hi - lo >= 0.25 * (b - a))) {
      const pad = want.range ? 0 : 0.06 * (hi - lo);
      layout[key] = { autorange: false, range: [lo - pad, hi + pad] };
    }
  });
  return P.animate(plot, { data, traces, layout }, { transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: 'immediate' });
}

function minOf(...series: ArrayLike<number>[]): number {
  let m = Infinity;
  for (const v of series) for (let i = 0; i < v.length; i++) if (v[i] < m) m = v[i];
  return m;
}

function maxOf(...series: ArrayLike<number>[]): number {
  let m = -Infinity;
  for (const v of series) for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  return m;
}

/**
 * A fixed y range for (nearly) constant series. Plotly's autorange would otherwise zoom into
 * round-off (a steady state drawn as "4999.99999999999 … 5000.00000000001").
 */
function yRange(...series: (ArrayLike<number> | undefined)[]): Obj {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of series) {
    if (!v) continue;
    for (let i = 0; i < v.length; i++) {
      if (Number.isFinite(v[i])) {
        lo = Math.min(lo, v[i]);
        hi = Math.max(hi, v[i]);
      }
    }
  }
  if (!(hi >= lo)) return { autorange: true };
  const mag = Math.max(Math.abs(lo), Math.abs(hi));
  if (hi - lo > 1e-6 * mag && hi - lo > 1e-300) return { autorange: true };
  const c = 0.5 * (lo + hi);
  const half = mag > 0 ? 0.1 * mag : 1;
  return { autorange: false, range: [c - half, c + half] };
}

export interface DoseResponseCurve {
  label: string;
  color: string;
  x: number[];
  y: number[];
  /** Fitted curve samples, empty when the fit failed. */
  fitX: number[];
  fitY: number[];
  ec50?: number;
}

export function drawDoseResponse(
  plot: HTMLElement,
  curves: DoseResponseCurve[],
  axis: { title: string; log: boolean },
  readoutTitle: string,
): Promise<unknown> {
  const data: Obj[] = [];
  const shapes: Obj[] = [];
  curves.forEach((c, k) => {
    const keep = c.x.map((x) => !axis.log || x > 0);
    data.push({
      type: 'scatter', mode: 'markers', name: c.label, legendgroup: `c${k}`,
      x: c.x.filter((_, i) => keep[i]), y: c.y.filter((_, i) => keep[i]),
      marker: { color: c.color, size: 7, line: { color: '#fff', width: 1 } },
      meta: { role: 'points', curve: k },
      hovertemplate: `%{x:.4g} → %{y:.4g}<extra>${c.label}</extra>`,
    });
    if (c.fitX.length > 0) {
      data.push({
        type: 'scatter', mode: 'lines', name: `${c.label} (Hill fit)`, legendgroup: `c${k}`, showlegend: false,
        x: c.fitX, y: c.fitY, line: { color: c.color, width: 2 }, hoverinfo: 'skip', meta: { role: 'fit', curve: k },
      });
    }
    if (c.ec50 !== undefined && Number.isFinite(c.ec50)) {
      shapes.push({ type: 'line', xref: 'x', yref: 'y domain', x0: c.ec50, x1: c.ec50, y0: 0, y1: 1, line: { color: c.color, width: 1, dash: 'dot' } });
    }
  });
  const layout: Obj = {
    height: 420,
    margin: { l: 10, r: 16, t: 16, b: 10 },
    font: FONT,
    paper_bgcolor: '#fff', plot_bgcolor: '#fff',
    xaxis: { ...AXIS, type: axis.log ? 'log' : 'linear', title: { text: axis.title }, exponentformat: 'power' },
    yaxis: { ...AXIS, title: { text: readoutTitle } },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    showlegend: true,
    shapes,
  };
  return P.react(plot, data, layout, PLOT_CONFIG);
}

export function drawHeatmap(
  plot: HTMLElement,
  grid: { x: number[]; y: number[]; z: number[][] },
  titles: { x: string; y: string; z: string },
  diverging: boolean,
): Promise<unknown> {
  const labels = (v: number[]) => v.map((x) => formatNumber(x));
  let zmax = 0;
  for (const row of grid.z) for (const v of row) if (Number.isFinite(v)) zmax = Math.max(zmax, Math.abs(v));
  const data: Obj[] = [
    {
      type: 'heatmap',
      x: labels(grid.x),
      y: labels(grid.y),
      z: grid.z,
      colorscale: diverging ? 'RdBu' : 'Viridis',
      reversescale: diverging,
      // Symmetric around 0, and never narrower than ±0.05, so round-off does not look like synergy.
      ...(diverging ? { zmid: 0, zmin: -Math.max(zmax, 0.05), zmax: Math.max(zmax, 0.05) } : {}),
      colorbar: { title: { text: titles.z, side: 'right' }, thickness: 14 },
      hovertemplate: `${titles.x}: %{x}<br>${titles.y}: %{y}<br>${titles.z}: %{z:.4g}<extra></extra>`,
    },
  ];
  const layout: Obj = {
    height: 440,
    margin: { l: 10, r: 10, t: 10, b: 10 },
    font: FONT,
    paper_bgcolor: '#fff', plot_bgcolor: '#fff',
    xaxis: { ...AXIS, type: 'category', title: { text: titles.x } },
    yaxis: { ...AXIS, type: 'category', title: { text: titles.y } },
  };
  return P.react(plot, data, layout, PLOT_CONFIG);
}

export function downloadPng(plot: HTMLElement, fileBase: string): Promise<unknown> {
  return P.downloadImage(plot, { format: 'png', filename: fileBase, scale: 2 });
}

export function purge(plot: HTMLElement): void {
  P.purge(plot);
}
