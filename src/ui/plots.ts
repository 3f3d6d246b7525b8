/**
 * Plotly figures: time courses grouped by module (one figure per module, one subplot per output,
 * units on every axis), the dose–response plot with its fitted Hill curves, and heatmaps.
 * Figures are redrawn with `Plotly.react`, which diffs against the previous figure, so a live
 * update only re-renders the traces.
 */
import Plotly from 'plotly.js-dist';
import { formatNumber, h } from './dom.ts';
import type { OutputSeries } from './protocol.ts';
import type { DoseMark } from './edits.ts';
import type { ImageFormat } from './figure-export.ts';
import { groupOutputs, type PlotModule } from './modules.ts';

// Plotly's schema types are very wide; figures here are built as plain objects.
type Obj = Record<string, unknown>;
const P = Plotly as unknown as {
  react(el: HTMLElement, data: Obj[], layout: Obj, config?: Obj): Promise<unknown>;
  relayout(el: HTMLElement, update: Obj): Promise<unknown>;
  animate(el: HTMLElement, frame: Obj, opts: Obj): Promise<unknown>;
  purge(el: HTMLElement): void;
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

/** A run kept on the plots for comparison; `label` names what differs from the loaded file. */
export interface PinnedRun extends TimeCourseRun {
  color: string;
}

export interface TimeCourseFigureOptions {
  end: number;
  /** Input switches (dose times), drawn as dotted lines labelled with what switches. */
  doses: DoseMark[];
  /** Module ids whose figures have a logarithmic y axis. */
  logY: ReadonlySet<string>;
}

export interface CardActions {
  /** Export button pressed on a module card. */
  onExport(plot: HTMLElement, module: PlotModule, format: ImageFormat): void;
  /** Log-y toggled on a module card. */
  onLogY(module: PlotModule, on: boolean): void;
  /** Where outputs no panel lists are drawn (the picker's module of the id). */
  moduleOf?(id: string): PlotModule | undefined;
}

interface ModuleCard {
  card: HTMLElement;
  plot: HTMLElement;
  key: string;
}

/** Colours of pinned runs: the condition palette after the current run's colour. */
export function pinnedColor(k: number): string {
  return COLORS.conditions[1 + (k % (COLORS.conditions.length - 1))];
}

/** The module cards of the time-course view; reuses figures across redraws. */
export class TimeCoursePlots {
  private readonly container: HTMLElement;
  private cards = new Map<string, ModuleCard>();
  private readonly actions: CardActions;

  constructor(container: HTMLElement, actions: CardActions) {
    this.container = container;
    this.actions = actions;
  }

  clear(message?: string): void {
    for (const c of this.cards.values()) P.purge(c.plot);
    this.cards.clear();
    this.container.replaceChildren();
    if (message) this.container.append(h('div', { class: 'card placeholder' }, message));
  }

  private generation = 0;

  /** The pinned runs, log axes and panel layout of the last full draw (live updates need them unchanged). */
  private drawnPinned: readonly PinnedRun[] | null = null;
  private drawnKey = '';

  /**
   * Draws `current` (and the pinned runs, dashed, each in its colour).
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
    pinned: readonly PinnedRun[],
    units: (id: string) => string,
    opts: TimeCourseFigureOptions & { live?: boolean },
  ): Promise<void> {
    const generation = ++this.generation;
    const ids = current.outputs.map((o) => o.id);
    const groups = groupOutputs(ids, this.actions.moduleOf);
    const layoutKey = groups.map((g) => `${g.module.id}:${g.ids.join(',')}`).join('|');
    const logKey = [...opts.logY].sort().join(',');
    if ([...this.cards.values()].map((c) => c.key).join('|') !== layoutKey) {
      this.clear();
      for (const g of groups) {
        const plot = h('div', { class: 'plot', 'data-module': g.module.id });
        const logBox = h('input', { type: 'checkbox', class: 'log-y', 'data-module': g.module.id, checked: opts.logY.has(g.module.id) });
        logBox.addEventListener('change', () => this.actions.onLogY(g.module, logBox.checked));
        const exportButton = (format: ImageFormat) =>
          h('button', {
            type: 'button', class: `secondary icon export-${format}`, 'data-module': g.module.id,
            onClick: () => this.actions.onExport(plot, g.module, format),
            'aria-label': `Download ${g.module.title} plot as ${format.toUpperCase()} (with title, legend and stamp)`,
          }, format.toUpperCase());
        const card = h(
          'section',
          { class: 'card', 'aria-label': `${g.module.title} plots`, 'data-module': g.module.id },
          h(
            'div',
            { class: 'card-head' },
            h('h2', {}, g.module.title),
            h('span', { class: 'sub' }, g.ids.join(', ')),
            h('div', { class: 'actions' },
              h('label', { class: 'check', title: 'Logarithmic y axes in this panel' }, logBox, 'log y'),
              exportButton('svg'), exportButton('png')),
          ),
          plot,
        );
        this.container.append(card);
        this.cards.set(g.module.id, { card, plot, key: `${g.module.id}:${g.ids.join(',')}` });
      }
    }
    for (const g of groups) {
      const box = this.cards.get(g.module.id)?.card.querySelector<HTMLInputElement>('input.log-y');
      if (box) box.checked = opts.logY.has(g.module.id);
    }
    const byId = new Map(current.outputs.map((o) => [o.id, o]));
    const pinnedById = pinned.map((r) => new Map(r.outputs.map((o) => [o.id, o])));
    const inPlace = opts.live === true && `${layoutKey}#${logKey}` === this.drawnKey && pinned === this.drawnPinned;
    const figures: { plot: HTMLElement; render: () => Promise<unknown> }[] = [];
    // One width for every figure, measured now: a figure drawn while its view is hidden would
    // otherwise fall back to plotly's 700 px default and keep it (the "two-thirds width" bug).
    const width = this.container.clientWidth;
    for (const g of groups) {
      const { plot } = this.cards.get(g.module.id)!;
      const log = opts.logY.has(g.module.id);
      const k = g.ids.length;
      // About 380 px per subplot column: 2 columns on a laptop, 3 on a wide screen.
      const cols = Math.max(1, Math.min(k, 3, Math.floor((width || 900) / 380)));
      const rows = Math.ceil(k / cols);
      const data: Obj[] = [];
      const labelled = opts.doses.length > 0;
      const layout: Obj = {
        height: 40 + rows * 200 + (labelled ? 14 * rows : 0),
        ...(width > 0 ? { width } : {}),
        margin: { l: 10, r: 12, t: (pinned.length > 0 ? 28 : 12) + (labelled ? 14 : 0), b: 10 },
        font: FONT,
        paper_bgcolor: '#fff',
        plot_bgcolor: '#fff',
        grid: { rows, columns: cols, pattern: 'independent', xgap: cols > 2 ? 0.17 : 0.16, ygap: labelled ? 0.4 : 0.32 },
        showlegend: pinned.length > 0,
        legend: { orientation: 'h', x: 0, y: 1, yanchor: 'bottom', yshift: labelled ? 14 : 0, font: { size: 11 } },
        hovermode: 'closest',
        uirevision: `${layoutKey}#${logKey}`,
        shapes: [] as Obj[],
        annotations: [] as Obj[],
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
        const others: ArrayLike<number>[] = [];
        pinned.forEach((run, r) => {
          const ov = pinnedById[r].get(id);
          if (!ov) return;
          others.push(ov.values);
          data.push({
            type: 'scatter', mode: 'lines', name: run.label, legendgroup: `pinned${r}`, showlegend: i === 0,
            x: ov.t, y: ov.values, xaxis: `x${ax}`, yaxis: `y${ax}`,
            line: { color: run.color, width: 1.6, dash: 'dash' },
            meta: { output: id, role: 'pinned', pinned: r },
            hovertemplate: `${id}: %{y:.4g} ${unit}<br>t = %{x:.3g} h<extra>${run.label}</extra>`,
          });
        });
        layout[`xaxis${ax}`] = { ...AXIS, range: [0, opts.end], title: { text: 'time [h]', standoff: 4 } };
        layout[`yaxis${ax}`] = {
          ...AXIS, title: { text: `${id} [${unit}]`, standoff: 4 }, exponentformat: 'e',
          ...(log ? { type: 'log', autorange: true } : yRange(series.values, ...others)),
        };
        for (const d of opts.doses) {
          (layout.shapes as Obj[]).push({
            type: 'line', xref: `x${ax}`, yref: `y${ax} domain`, x0: d.t, x1: d.t, y0: 0, y1: 1,
            line: { color: '#9aa5b1', width: 1, dash: 'dot' },
          });
          (layout.annotations as Obj[]).push({
            xref: `x${ax}`, yref: `y${ax} domain`, x: d.t, y: 1, yanchor: 'bottom', xanchor: 'left', showarrow: false,
            text: d.label, font: { size: 9, color: '#52606d' }, meta: { role: 'dose' },
          });
        }
      });
      const hasData = ((plot as unknown as { data?: unknown[] }).data?.length ?? 0) > 0;
      figures.push({
        plot,
        render: inPlace && hasData && !log ? () => updateInPlace(plot, byId) : () => P.react(plot, data, layout, PLOT_CONFIG),
      });
    }
    if (!inPlace) {
      this.drawnKey = `${layoutKey}#${logKey}`;
      this.drawnPinned = pinned;
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

  /** Re-fits every figure to the container's width (after the view was hidden). */
  resize(): void {
    const width = this.container.clientWidth;
    if (width <= 0) return;
    for (const c of this.cards.values()) {
      const gd = c.plot as unknown as { layout?: Obj; data?: unknown[] };
      if (gd.data && gd.layout && gd.layout.width !== width) void P.relayout(c.plot, { width });
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

/** The tick label of the dose-0 points on a log dose axis. */
export const CONTROL_LABEL = 'dose 0 (control)';

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
  // Dose 0 has no place on a log axis: its points (the untreated control) go on a narrow
  // category axis of their own at the left edge, labelled, instead of silently vanishing.
  const control = axis.log && curves.some((c) => c.x.some((x, i) => x === 0 && Number.isFinite(c.y[i])));
  curves.forEach((c, k) => {
    const keep = c.x.map((x) => !axis.log || x > 0);
    data.push({
      type: 'scatter', mode: 'markers', name: c.label, legendgroup: `c${k}`,
      x: c.x.filter((_, i) => keep[i]), y: c.y.filter((_, i) => keep[i]),
      marker: { color: c.color, size: 7, line: { color: '#fff', width: 1 } },
      meta: { role: 'points', curve: k },
      hovertemplate: `%{x:.4g} → %{y:.4g}<extra>${c.label}</extra>`,
    });
    if (control) {
      const y0 = c.y.filter((_, i) => c.x[i] === 0);
      if (y0.length > 0) {
        data.push({
          type: 'scatter', mode: 'markers', name: `${c.label} (dose 0)`, legendgroup: `c${k}`, showlegend: false,
          x: y0.map(() => CONTROL_LABEL), y: y0, xaxis: 'x2', yaxis: 'y',
          marker: { color: c.color, size: 9, symbol: 'diamond', line: { color: '#fff', width: 1 } },
          meta: { role: 'control', curve: k },
          hovertemplate: `dose 0 (control) → %{y:.4g}<extra>${c.label}</extra>`,
        });
      }
    }
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
    xaxis: { ...AXIS, type: axis.log ? 'log' : 'linear', title: { text: axis.title }, exponentformat: 'power', ...(control ? { domain: [0.11, 1] } : {}) },
    yaxis: { ...AXIS, title: { text: readoutTitle } },
    ...(control ? {
      xaxis2: { ...AXIS, type: 'category', domain: [0, 0.07], anchor: 'y', categoryorder: 'array', categoryarray: [CONTROL_LABEL], tickfont: { size: 10 }, fixedrange: true },
    } : {}),
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    showlegend: true,
    shapes: [
      ...shapes,
      // A break between the control and the log axis: they are not one continuous scale.
      ...(control ? [{ type: 'line', xref: 'paper', yref: 'paper', x0: 0.09, x1: 0.09, y0: 0, y1: 1, line: { color: '#c4cad1', width: 1, dash: 'dot' } }] : []),
    ],
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

export function purge(plot: HTMLElement): void {
  P.purge(plot);
}
