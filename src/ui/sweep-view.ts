/**
 * The sweep view: one or two axes (input or parameter, lin or log, points, optional zero dose),
 * a readout, and a pool of workers sized to the machine. One axis gives a dose–response plot with
 * the fitted Hill curve (EC50, slope); curves from earlier runs can stay as overlays. Two axes
 * give a heatmap of the readout and, when both axes start at dose 0, of the Bliss excess.
 */
import {
  blissExcess, fitHill, hillSummary, hillValue, parseScenario, readoutLabel, scenarioHash, scenarioToYaml, sweepPointAt, sweepSize, sweepToCsv,
  sweepUnits, type HillFit, type PointResult, type Scenario, type Stamp,
} from '../scenario/index.ts';
import type { Readout, Stat, SweepAxis } from '../scenario/types.ts';
import type { App } from './app.ts';
import { located } from './app.ts';
import { byId, formatNumber, h, nextId } from './dom.ts';
import { describeEdits, setSweep } from './edits.ts';
import { download, safeFileName } from './export.ts';
import { downloadFigure, type ImageFormat } from './figure-export.ts';
import { resolveCompiledModel } from './model-cache.ts';
import { COLORS, drawDoseResponse, drawHeatmap, purge, type DoseResponseCurve } from './plots.ts';
import { browserStamp } from './stamp.ts';
import { editScenarioYaml } from './yaml-edit.ts';
import { SweepCancelled, WorkerPool, WorkerRequestError, type SweepHandle } from './pool.ts';
import type { SweepPointMessage } from './protocol.ts';

interface AxisForm {
  id: string;
  from: number;
  to: number;
  points: number;
  scale: 'lin' | 'log';
  zero: boolean;
}

interface Curve extends DoseResponseCurve {
  fit: HillFit | null;
  fitError: string;
}

interface Completed {
  scenario: Scenario;
  text: string;
  /** The points computed so far (all of them once the sweep is done; fewer after a cancel). */
  results: PointResult[];
  ms: number;
  /** False while the sweep runs (the plots are a partial view, no fit yet). */
  done: boolean;
}

/** Shortest redraw interval of the plots while a sweep runs. */
const PARTIAL_MS = 300;

function formatDuration(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

export class SweepView {
  private readonly app: App;
  readonly pool: WorkerPool;
  private readonly sidebar = byId('sweep-sidebar');
  private readonly results = byId('sweep-results');
  private axes: [AxisForm, AxisForm] = [
    { id: 'erastin', from: 0.01, to: 100, points: 9, scale: 'log', zero: false },
    { id: 'IFNG', from: 0.1, to: 100, points: 5, scale: 'log', zero: true },
  ];
  private twoAxes = false;
  private readout: Readout = { output: 'viability', at: 48 };
  private keepCurves = false;
  private curves: Curve[] = [];
  /** Curves kept from earlier sweeps, drawn beside the running one. */
  private curvesBefore: Curve[] = [];
  private handle: SweepHandle | null = null;
  private last: Completed | null = null;
  private progress = h('progress', { max: 1, value: 0, id: 'sweep-progress', 'aria-label': 'Sweep progress' });
  private progressText = h('span', { class: 'info', id: 'sweep-progress-text' }, 'idle');
  private runButton = h('button', { type: 'button', id: 'sweep-run', onClick: () => void this.start() }, 'Run sweep');
  private cancelButton = h('button', { type: 'button', class: 'secondary', id: 'sweep-cancel', disabled: true, onClick: () => this.cancel() }, 'Cancel');
  private csvButton = h('button', { type: 'button', class: 'secondary', id: 'sweep-csv', disabled: true, onClick: () => this.exportCsv() }, 'Export CSV');
  private saveButton = h('button', { type: 'button', class: 'secondary', id: 'sweep-save', onClick: () => this.saveScenario() }, 'Save as scenario');
  private baseHint: HTMLElement | null = null;
  /** Points finished in the current (or last) sweep; tests watch it stop after a cancel. */
  pointsDone = 0;

  constructor(app: App, workers: number) {
    this.app = app;
    this.pool = new WorkerPool(workers);
    byId('sweep-toolbar').append(
      this.runButton,
      this.cancelButton,
      h('div', { class: 'progress' }, this.progress, this.progressText),
      h('span', { class: 'spacer' }),
      h('span', { class: 'info' }, `${this.pool.size} worker${this.pool.size === 1 ? '' : 's'}`),
      this.csvButton,
      this.saveButton,
    );
    this.results.append(h('div', { class: 'card placeholder' }, 'Choose the axes and the readout, then run the sweep.'));
    app.onChange((kind) => {
      if (kind === 'load') {
        this.prefill(app.scenario);
        this.curves = [];
      }
      // A slider being dragged in the other tab only changes the summary line.
      if (kind === 'edit-live' && this.baseHint) this.baseHint.textContent = this.baseText();
      else this.buildSidebar();
    });
  }

  /** Takes the axes and readout from a scenario that has a sweep block. */
  private prefill(s: Scenario): void {
    const readoutDefault: Readout = { output: s.outputs.includes('viability') ? 'viability' : s.outputs[0], at: s.end >= 48 ? 48 : s.end };
    this.readout = readoutDefault;
    if (!s.sweep) return;
    this.readout = { ...s.sweep.readout };
    s.sweep.axes.forEach((a, k) => {
      if (k > 1) return;
      const values = a.values;
      const zero = values[0] === 0;
      const positive = values.filter((v) => v > 0);
      const spec = 'list' in a.spec ? null : a.spec;
      this.axes[k] = {
        id: a.id,
        from: spec ? spec.from : zero ? positive[0] ?? 0 : values[0],
        to: spec ? spec.to : values[values.length - 1],
        points: spec ? spec.points : zero ? values.length - 1 : values.length,
        scale: spec ? spec.scale : isGeometric(positive) ? 'log' : 'lin',
        zero,
      };
    });
    this.twoAxes = s.sweep.axes.length > 1;
    if (this.axes[1].id === this.axes[0].id) {
      // A 1-D file: offer a second axis that differs from the first.
      const id = ['IFNG', 'erastin', 'RSL3'].find((x) => x !== this.axes[0].id)!;
      this.axes[1] = { id, from: 0.1, to: 100, points: 5, scale: 'log', zero: true };
    }
  }

  // ---- sidebar --------------------------------------------------------------------------

  private buildSidebar(): void {
    const info = this.app.info;
    const s = this.app.scenario;
    const focusedId = document.activeElement instanceof HTMLElement && this.sidebar.contains(document.activeElement) ? document.activeElement.id : '';

    const axisBox = (k: 0 | 1) => {
      const a = this.axes[k];
      const uid = nextId(`axis${k + 1}`);
      const select = h('select', { id: `axis${k + 1}-id` });
      const group = (label: string, ids: { id: string; unit: string }[]) =>
        h('optgroup', { label }, ids.map((q) => h('option', { value: q.id, selected: q.id === a.id }, `${q.id} [${q.unit}]`)));
      select.append(group('Inputs', info.inputs), group('Gene expression', info.multipliers), group('Parameters', info.parameters));
      select.addEventListener('change', () => {
        a.id = select.value;
      });
      const num = (key: 'from' | 'to' | 'points', label: string) => {
        const input = h('input', { type: 'number', id: `axis${k + 1}-${key}`, step: key === 'points' ? 1 : 'any', min: key === 'points' ? 2 : 0, value: String(a[key]) });
        input.addEventListener('change', () => {
          a[key] = Number(input.value);
        });
        return [h('label', { for: input.id }, label), input];
      };
      const scale = h('select', { id: `axis${k + 1}-scale` }, h('option', { value: 'log', selected: a.scale === 'log' }, 'logarithmic'), h('option', { value: 'lin', selected: a.scale === 'lin' }, 'linear'));
      scale.addEventListener('change', () => {
        a.scale = scale.value as 'lin' | 'log';
      });
      const zero = h('input', { type: 'checkbox', id: `axis${k + 1}-zero`, checked: a.zero });
      zero.addEventListener('change', () => {
        a.zero = zero.checked;
      });
      const box = h(
        'fieldset',
        { class: 'axis-box', id: uid },
        h('legend', {}, k === 0 ? 'Axis 1 (x)' : 'Axis 2 (y)'),
        h('div', { class: 'axis-grid' },
          h('label', { for: select.id }, 'Vary'), select,
          ...num('from', 'From'), ...num('to', 'To'),
          ...num('points', 'Points'),
          h('label', { for: scale.id }, 'Spacing'), scale,
        ),
        h('label', { class: 'check', for: zero.id, style: 'display:flex;gap:6px;margin-top:6px' }, zero, 'Also include dose 0 (needed for Bliss)'),
      );
      return box;
    };

    const second = h('input', { type: 'checkbox', id: 'axis2-enabled', checked: this.twoAxes });
    second.addEventListener('change', () => {
      this.twoAxes = second.checked;
      this.buildSidebar();
    });

    const outSelect = h('select', { id: 'readout-output' }, ...s.outputs.map((id) => h('option', { value: id, selected: id === this.readout.output }, `${id} [${this.app.unit(id)}]`)));
    outSelect.addEventListener('change', () => {
      this.readout = { ...this.readout, output: outSelect.value };
    });
    const mode = h(
      'select', { id: 'readout-mode' },
      h('option', { value: 'at', selected: this.readout.at !== undefined }, 'value at time'),
      ...(['final', 'min', 'max', 'auc'] as Stat[]).map((st) => h('option', { value: st, selected: this.readout.stat === st }, { final: 'final value', min: 'minimum', max: 'maximum', auc: 'area under curve' }[st])),
    );
    const atInput = h('input', { type: 'number', id: 'readout-at', min: 0, step: 'any', value: String(this.readout.at ?? s.end), disabled: this.readout.at === undefined });
    const applyReadout = () => {
      atInput.disabled = mode.value !== 'at';
      this.readout = mode.value === 'at'
        ? { output: outSelect.value, at: Number(atInput.value) }
        : { output: outSelect.value, stat: mode.value as Stat };
    };
    mode.addEventListener('change', applyReadout);
    atInput.addEventListener('change', applyReadout);

    const keep = h('input', { type: 'checkbox', id: 'keep-curves', checked: this.keepCurves });
    keep.addEventListener('change', () => {
      this.keepCurves = keep.checked;
    });

    this.baseHint = h('p', { class: 'hint', id: 'sweep-base' }, this.baseText());
    this.sidebar.replaceChildren(
      h('section', { class: 'section' },
        h('h2', {}, 'Base scenario'),
        h('div', { class: 'section-body' }, this.baseHint),
      ),
      h('section', { class: 'section' },
        h('h2', {}, 'Axes'),
        h('div', { class: 'section-body' },
          axisBox(0),
          h('label', { class: 'check', for: second.id, style: 'display:flex;gap:6px;margin:4px 0 8px' }, second, 'Second axis (heatmap)'),
          this.twoAxes ? axisBox(1) : null,
        ),
      ),
      h('section', { class: 'section' },
        h('h2', {}, 'Readout'),
        h('div', { class: 'section-body axis-grid' },
          h('label', { for: outSelect.id }, 'Output'), outSelect,
          h('label', { for: mode.id }, 'Read'), mode,
          h('label', { for: atInput.id }, 'At [h]'), atInput,
        ),
      ),
      h('section', { class: 'section' },
        h('h2', {}, 'Overlays'),
        h('div', { class: 'section-body' },
          h('label', { class: 'check', for: keep.id, style: 'display:flex;gap:6px' }, keep, 'Keep earlier curves (1-D) to compare conditions'),
          h('p', { class: 'hint' }, 'Change a condition in Time courses (e.g. IFNG), come back and run again.'),
          h('button', { type: 'button', class: 'secondary', id: 'clear-curves', onClick: () => { this.curves = []; this.results.replaceChildren(); } }, 'Clear curves'),
        ),
      ),
    );
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  private baseText(): string {
    const s = this.app.scenario;
    const edits = describeEdits(s, this.app.loaded.scenario, this.app.unit);
    return `${s.name} (${edits}). Inputs and parameters come from the Time courses tab; each point starts from the untreated steady state, as in the CLI.`;
  }

  // ---- building the sweep scenario ----------------------------------------------------------

  private axisSpec(a: AxisForm): Pick<SweepAxis, 'id' | 'kind' | 'spec'> {
    const kind: SweepAxis['kind'] = this.app.info.inputs.some((q) => q.id === a.id) ? 'input' : 'parameter';
    return { id: a.id, kind, spec: { from: a.from, to: a.to, points: Math.round(a.points), scale: a.scale } };
  }

  /** The sweep as a scenario (through YAML and back, as the CLI would read it); null on errors. */
  sweepScenario(): { scenario: Scenario; text: string } | null {
    const forms = this.twoAxes ? this.axes : [this.axes[0]];
    if (this.twoAxes && this.axes[0].id === this.axes[1].id) {
      this.app.showMessage('Invalid sweep', `both axes vary '${this.axes[0].id}'; choose two different inputs or parameters`);
      return null;
    }
    const parse = (s: Scenario) => {
      const text = scenarioToYaml(s);
      const r = parseScenario(text, `${s.name}.yaml`);
      if (!r.scenario || r.errors.length > 0) {
        this.app.showErrors('The sweep settings are invalid', r.errors.map(located), text);
        return null;
      }
      return { scenario: r.scenario, text };
    };
    const ranged = parse(setSweep(this.app.scenario, forms.map((a) => this.axisSpec(a)), this.readout));
    if (!ranged) return null;
    if (!forms.some((a) => a.zero)) return ranged;
    // Prepend dose 0 to the axes that ask for it: the axis becomes an explicit list.
    const axes = ranged.scenario.sweep!.axes.map((ax, k) => {
      const values = forms[k].zero && !ax.values.includes(0) ? [0, ...ax.values] : ax.values;
      return { id: ax.id, kind: ax.kind, spec: forms[k].zero ? { list: values } : ax.spec };
    });
    return parse(setSweep(this.app.scenario, axes, this.readout));
  }

  // ---- running ----------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.handle) return;
    const built = this.sweepScenario();
    if (!built) return;
    this.app.clearErrors();
    const { scenario, text } = built;
    const total = sweepSize(scenario);
    const results: PointResult[] = [];
    this.pointsDone = 0;
    this.progress.max = total;
    this.progress.value = 0;
    this.runButton.disabled = true;
    this.cancelButton.disabled = false;
    this.csvButton.disabled = true;
    const t0 = performance.now();
    const tick = () => {
      const s = (performance.now() - t0) / 1000;
      // Points take about equally long, so the rate so far predicts the rest.
      const eta = this.pointsDone > 0 ? (s / this.pointsDone) * (total - this.pointsDone) : NaN;
      this.progressText.textContent = `${this.pointsDone} / ${total} points · ${s.toFixed(1)} s${Number.isFinite(eta) && this.pointsDone < total ? ` · about ${formatDuration(eta)} left` : ''}`;
    };
    tick();
    const fileName = `${scenario.name}.yaml`;
    // The plots fill in as points arrive: the figure is redrawn at most every PARTIAL_MS.
    const partial = (): Completed => ({ scenario, text, results, ms: performance.now() - t0, done: false });
    let redraw: ReturnType<typeof setTimeout> | undefined;
    let drawing: Promise<void> = Promise.resolve();
    // The page shares the cores with the workers: a partial redraw waits at least five times as
    // long as the last one took, so drawing never takes more than a sixth of the page's time.
    let drawMs = 0;
    const schedule = () => {
      if (redraw !== undefined) return;
      redraw = setTimeout(() => {
        redraw = undefined;
        if (!this.handle) return;
        drawing = drawing.then(async () => {
          const t = performance.now();
          await this.show(partial());
          drawMs = performance.now() - t;
        });
      }, Math.max(PARTIAL_MS, 5 * drawMs));
    };
    this.curvesBefore = this.keepCurves ? this.curves : [];
    await this.show(partial());
    this.handle = this.pool.sweep(text, fileName, total, (p: SweepPointMessage) => {
      results.push({ index: p.index, value: p.value, status: p.status as PointResult['status'], message: p.message, steps: p.steps });
      this.pointsDone++;
      this.progress.value = this.pointsDone;
      tick();
      schedule();
    });
    document.body.dataset.sweep = 'running';
    try {
      await this.handle.done;
      clearTimeout(redraw);
      await drawing;
      const ms = performance.now() - t0;
      this.progressText.textContent = `${total} points in ${(ms / 1000).toFixed(2)} s`;
      this.last = { scenario, text, results, ms, done: true };
      this.csvButton.disabled = false;
      await this.show(this.last);
      document.body.dataset.sweep = 'done';
      document.dispatchEvent(new CustomEvent('ferrosim:sweep-done', { detail: { ms, points: total } }));
    } catch (err) {
      clearTimeout(redraw);
      await drawing;
      if (err instanceof SweepCancelled) {
        // What is done is kept: drawn, fitted if it can be, and exportable.
        this.progressText.textContent = `cancelled after ${this.pointsDone} / ${total} points (kept)`;
        this.last = { scenario, text, results: [...results], ms: performance.now() - t0, done: true };
        this.csvButton.disabled = results.length === 0;
        await this.show(this.last);
        document.body.dataset.sweep = 'cancelled';
      } else if (err instanceof WorkerRequestError && err.errors.length > 0) {
        this.app.showErrors('The sweep scenario has errors', err.errors, text);
        document.body.dataset.sweep = 'error';
      } else {
        this.app.showMessage('The sweep failed', err instanceof Error ? err.message : String(err));
        document.body.dataset.sweep = 'error';
      }
    } finally {
      this.handle = null;
      this.runButton.disabled = false;
      this.cancelButton.disabled = true;
    }
  }

  cancel(): void {
    this.handle?.cancel();
  }

  // ---- results ----------------------------------------------------------------------------

  private readoutTitle(readout: Readout): string {
    const unit = this.app.unit(readout.output);
    return `${readoutLabel(readout)} [${readout.stat === 'auc' ? `${unit}·h` : unit}]`;
  }

  private async show(done: Completed): Promise<void> {
    const sweep = done.scenario.sweep!;
    const byIndex = new Float64Array(sweepSize(done.scenario)).fill(NaN);
    for (const r of done.results) byIndex[r.index] = r.value;
    const failed = done.results.filter((r) => r.status !== 'success');
    if (failed.length > 0 && done.done) {
      const f = failed.sort((a, b) => a.index - b.index)[0];
      this.app.showMessage(
        `${failed.length} of ${done.results.length} sweep points failed to solve`,
        `first: point ${f.index} (${sweepPointAt(done.scenario, f.index).values.map((v, k) => `${sweep.axes[k].id} = ${formatNumber(v)}`).join(', ')}): ${f.status}, ${f.message}`,
      );
    }
    if (sweep.axes.length === 1) await this.showDoseResponse(done, byIndex);
    else await this.showHeatmaps(done, byIndex);
  }

  private async showDoseResponse(done: Completed, values: Float64Array): Promise<void> {
    const axis = done.scenario.sweep!.axes[0];
    const x = axis.values;
    const y = Array.from(values);
    const ok = x.map((_, i) => Number.isFinite(y[i]));
    const fx = x.filter((_, i) => ok[i]);
    const fy = y.filter((_, i) => ok[i]);
    let fit: HillFit | null = null;
    let fitError = done.done ? '' : 'fitted when the sweep completes';
    if (done.done) {
      try {
        fit = fitHill(fx, fy);
        // The same intervals and "cannot pin" caveat the CLI prints (src/scenario/hill.ts).
        fitError = fit.ok ? hillSummary(fit, this.app.unit(axis.id)) : `* ${fit.message}`;
      } catch (err) {
        fitError = err instanceof Error ? err.message.replace(/^fitHill: /, '') : String(err);
      }
    }
    const fitX: number[] = [];
    const fitY: number[] = [];
    const positive = fx.filter((v) => v > 0);
    if (fit && Number.isFinite(fit.ec50) && positive.length > 1) {
      const lo = Math.min(...positive);
      const hi = Math.max(...positive);
      const log = this.axes[0].scale === 'log';
      for (let k = 0; k <= 200; k++) {
        const v = log ? lo * Math.pow(hi / lo, k / 200) : lo + ((hi - lo) * k) / 200;
        fitX.push(v);
        fitY.push(hillValue(fit, v));
      }
    }
    const label = describeEdits(this.app.scenario, this.app.loaded.scenario, this.app.unit);
    const curve: Curve = {
      label: label === 'as loaded' ? done.scenario.name : label,
      color: '',
      x, y, fitX, fitY, fit, fitError,
      ...(fit && Number.isFinite(fit.ec50) ? { ec50: fit.ec50 } : {}),
    };
    // While the sweep runs its curve is drawn beside the kept ones; it joins them when done.
    const curves = [...this.curvesBefore, curve];
    if (done.done) this.curves = curves;
    curves.forEach((c, k) => (c.color = COLORS.conditions[k % COLORS.conditions.length]));

    const unit = this.app.unit(axis.id);
    const plot = h('div', { class: 'plot', id: 'dose-response-plot' });
    const rows = curves.map((c, k) => {
      const f = c.fit;
      const cell = (v: number | undefined, digits = 4) => h('td', {}, v === undefined || !Number.isFinite(v) ? '—' : formatNumber(v, digits));
      return h('tr', { 'data-curve': k },
        h('td', {}, h('span', { class: 'swatch', style: `background:${c.color}` }), c.label),
        // A fit that did not fully converge still has an EC50 worth showing, marked with its note.
        h('td', { class: 'ec50', 'data-ec50': f && Number.isFinite(f.ec50) ? String(f.ec50) : '' }, f && Number.isFinite(f.ec50) ? `${formatNumber(f.ec50)} ${unit}${f.ok ? '' : ' *'}` : '—'),
        cell(f?.slope, 3), cell(f?.top), cell(f?.bottom), cell(f?.r2, 5),
        h('td', { class: 'fit-note' }, c.fitError),
      );
    });
    const table = h('table', { class: 'fit-table', id: 'fit-table', 'aria-label': 'Hill fits' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Condition'), h('th', {}, 'EC50'), h('th', {}, 'Hill slope'), h('th', {}, 'Top'), h('th', {}, 'Bottom'), h('th', {}, 'R²'), h('th', {}, ''))),
      h('tbody', {}, rows),
    );
    this.clearResults();
    this.results.append(
      h('section', { class: 'card', 'aria-label': 'Dose–response' },
        h('div', { class: 'card-head' },
          h('h2', {}, `Dose–response: ${readoutLabel(done.scenario.sweep!.readout)} vs ${axis.id}`),
          h('span', { class: 'sub' }, `${done.results.length} of ${x.length} points · ${(done.ms / 1000).toFixed(2)} s`),
          this.exportButtons(plot, done, 'dose-response', `Dose–response: ${readoutLabel(done.scenario.sweep!.readout)} vs ${axis.id}`),
        ),
        plot,
        table,
      ),
    );
    await drawDoseResponse(plot, curves, { title: `${axis.id} [${unit}]`, log: this.axes[0].scale === 'log' }, this.readoutTitle(done.scenario.sweep!.readout));
  }

  private async showHeatmaps(done: Completed, values: Float64Array): Promise<void> {
    const [ax, ay] = done.scenario.sweep!.axes;
    const nx = ax.values.length;
    const ny = ay.values.length;
    const grid = (v: ArrayLike<number>) => Array.from({ length: ny }, (_, j) => Array.from({ length: nx }, (_, i) => v[i * ny + j]));
    const titles = { x: `${ax.id} [${this.app.unit(ax.id)}]`, y: `${ay.id} [${this.app.unit(ay.id)}]` };
    const readout = done.scenario.sweep!.readout;
    const plot = h('div', { class: 'plot', id: 'heatmap-plot' });
    const blissPlot = h('div', { class: 'plot', id: 'bliss-plot' });
    const card = (title: string, sub: string, el: HTMLElement, name: string, extra?: Node) =>
      h('section', { class: 'card', 'aria-label': title },
        h('div', { class: 'card-head' }, h('h2', {}, title), h('span', { class: 'sub' }, sub), this.exportButtons(el, done, name, title)),
        extra ?? el);
    this.clearResults();
    let bliss: Float64Array | null = null;
    let blissNote = '';
    if (!done.done) blissNote = 'computed when the sweep completes';
    else if (done.results.length < nx * ny) blissNote = `needs every point (${done.results.length} of ${nx * ny} computed)`;
    else {
      try {
        const increase = meanFinite(values) > values[0];
        bliss = blissExcess(ax.values, ay.values, values, { direction: increase ? 'increase' : 'decrease' });
        blissNote = `effect: ${increase ? 'rise' : 'fall'} of ${readout.output} vs untreated; > 0 synergy`;
      } catch (err) {
        blissNote = err instanceof Error ? err.message.replace(/^blissExcess: /, '') : String(err);
      }
    }
    const wrap = h('div', { class: 'heatmaps' },
      card(readoutLabel(readout), `${done.results.length} of ${nx} × ${ny} points · ${(done.ms / 1000).toFixed(2)} s`, plot, 'heatmap'),
      bliss
        ? card('Bliss excess', blissNote, blissPlot, 'bliss-excess')
        : h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, 'Bliss excess')),
          h('div', { class: 'placeholder', id: 'bliss-note' }, done.done && done.results.length === nx * ny ? `Not available: ${blissNote}. Tick "Also include dose 0" on both axes.` : `Bliss excess: ${blissNote}.`)),
    );
    this.results.append(wrap);
    await drawHeatmap(plot, { x: ax.values, y: ay.values, z: grid(values) }, { ...titles, z: this.readoutTitle(readout) }, false);
    if (bliss) await drawHeatmap(blissPlot, { x: ax.values, y: ay.values, z: grid(bliss) }, { ...titles, z: 'Bliss excess' }, true);
  }

  private clearResults(): void {
    for (const el of this.results.querySelectorAll<HTMLElement>('.js-plotly-plot')) purge(el);
    this.results.replaceChildren();
  }

  // ---- export -------------------------------------------------------------------------------

  /** The reproducibility stamp of a sweep's exports (the CLI's fields; the browser as runtime). */
  private stamp(scenario: Scenario): Stamp {
    return browserStamp(scenario, resolveCompiledModel(scenario.model).model.hash, scenarioHash(scenario));
  }

  private exportButtons(plot: HTMLElement, done: Completed, name: string, title: string): HTMLElement {
    const button = (format: ImageFormat) => h('button', {
      type: 'button', class: `secondary icon export-${format}`, 'data-plot': name,
      onClick: () => void downloadFigure(plot, format, `${done.scenario.name}-${name}`, `${done.scenario.name}: ${title}`, this.stamp(done.scenario),
        done.results.length < sweepSize(done.scenario) ? [`partial: ${done.results.length} of ${sweepSize(done.scenario)} points`] : []),
      'aria-label': `Download ${title} as ${format.toUpperCase()} (with title, legend and stamp)`,
    }, format.toUpperCase());
    return h('div', { class: 'actions' }, button('svg'), button('png'));
  }

  /**
   * The sweep CSV exactly as `ferrosim sweep --out` writes it (same function, same stamp), so
   * `merge` and `check` read it. A cancelled sweep's points are written as the CLI writes an
   * interrupted sweep's partial file, which `ferrosim sweep --resume` can continue.
   */
  sweepCsv(): { text: string; partial: boolean } | null {
    if (!this.last) return null;
    const { scenario, results } = this.last;
    const model = resolveCompiledModel(scenario.model).model;
    const partial = results.length < sweepSize(scenario);
    return { text: sweepToCsv(scenario, sweepUnits(model, scenario), results, this.stamp(scenario), undefined, { partial }), partial };
  }

  private exportCsv(): void {
    const csv = this.sweepCsv();
    if (csv !== null) download(safeFileName(`${this.last!.scenario.name}-sweep${csv.partial ? '-partial' : ''}`, 'csv'), csv.text, 'text/csv');
  }

  /** The loaded file with the sweep block written into it; every other block (expect:, …) as written. */
  private saveScenario(): void {
    const built = this.sweepScenario();
    if (!built) return;
    const { text, notes } = editScenarioYaml(this.app.loaded.text, this.app.loaded.scenario, built.scenario, this.app.fileName());
    if (notes.length > 0) this.app.showMessage('Saved with a change beyond your edits', notes.join('; '));
    download(safeFileName(`${built.scenario.name}-sweep`, 'yaml'), text, 'text/yaml');
  }
}

function isGeometric(v: number[]): boolean {
  if (v.length < 3) return false;
  const r = v[1] / v[0];
  return v.every((x, i) => i === 0 || Math.abs(x / v[i - 1] / r - 1) < 1e-6);
}

function meanFinite(v: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) { s += v[i]; n++; }
  return n > 0 ? s / n : NaN;
}
