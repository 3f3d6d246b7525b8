/**
 * The time-course view: scenario settings, inputs with their schedules, gene-expression
 * multipliers and parameters in the sidebar; module plots on the right, with an output picker
 * over every species, rule and observable, per-panel log-y, pinned runs to compare conditions,
 * and the steady-state panel. Live mode re-solves in the worker on every slider move (the
 * LiveRunner keeps only the latest request) and redraws.
 */
import { parseCsv } from '../scenario/csv.ts';
import { scenarioHash, scenarioToYaml } from '../scenario/index.ts';
import type { Scenario } from '../scenario/types.ts';
import type { App } from './app.ts';
import { scaleFor, valueControl } from './controls.ts';
import { byId, formatNumber, h } from './dom.ts';
import {
  describeEdits, doseMarks, inputChanged, parameterChanged, removeInput, resetId, setInputConstant, setInputSchedule,
  setParameter, setTime,
} from './edits.ts';
import { download, safeFileName } from './export.ts';
import { downloadFigure, type ImageFormat } from './figure-export.ts';
import type { QuantityInfo } from './model-info.ts';
import type { PlotModule } from './modules.ts';
import { OutputPicker } from './output-picker.ts';
import { pinnedColor, TimeCoursePlots, type PinnedRun, type TimeCourseRun } from './plots.ts';
import { LiveRunner, WorkerRequestError } from './pool.ts';
import type { RunResultMessage } from './protocol.ts';
import { SteadyStatePanel } from './steady-panel.ts';
import { editScenarioYaml } from './yaml-edit.ts';

/** Decimation target: ~4 samples per pixel column of a plot. */
function maxPoints(): number {
  return Math.max(400, Math.round(4 * Math.min(window.innerWidth, 1600)));
}

const PARAMETER_ROWS_MAX = 40;
/** Quiet time after the last live update before the full, tightly autoranged redraw. */
const SETTLE_MS = 400;

export interface LatencySample {
  ms: number;
  solveMs: number;
}

interface Pinned extends PinnedRun {
  scenario: Scenario;
}

export class ScenarioView {
  private readonly app: App;
  private readonly runner = new LiveRunner();
  private readonly plots: TimeCoursePlots;
  private readonly picker: OutputPicker;
  readonly steady: SteadyStatePanel;
  private readonly sidebar = byId('scenario-sidebar');
  private live = true;
  private pinned: Pinned[] = [];
  private readonly logY = new Set<string>();
  private lastResult: { run: TimeCourseRun; result: RunResultMessage; scenario: Scenario } | null = null;
  private inputFilter = '';
  private paramFilter = '';
  private infoEl = h('span', { class: 'info', id: 'run-info' });
  private runButton!: HTMLButtonElement;
  private clearPinnedButton!: HTMLButtonElement;
  private exportPinnedButton!: HTMLButtonElement;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private runSeq = 0;
  private shownSeq = 0;
  private drawing: Promise<void> = Promise.resolve();
  /** Redraw latencies of live updates (input event → figures drawn), for the bench. */
  readonly latencies: LatencySample[] = [];
  /** Increments after every completed redraw (tests wait on it). */
  redraws = 0;
  /**
   * Runs started and not yet finished. A redraw can complete while a newer change is still being
   * solved (one slider key fires both `input` and `change`); tests wait for this to reach 0 so they
   * read the plots of the latest state, not of the one before it.
   */
  private inFlight = 0;

  constructor(app: App) {
    this.app = app;
    this.plots = new TimeCoursePlots(byId('plots'), {
      onExport: (plot, module, format) => void this.exportFigure(plot, module, format),
      onLogY: (module, on) => {
        if (on) this.logY.add(module.id);
        else this.logY.delete(module.id);
        if (this.lastResult) void this.draw(this.lastResult.run, this.lastResult.scenario);
      },
      moduleOf: (id) => this.picker.moduleOf(id),
    });
    this.picker = new OutputPicker(byId('output-picker'), app.info, () => {
      if (this.lastResult || this.live) void this.run(performance.now());
    });
    this.steady = new SteadyStatePanel(byId('steady-panel'), app);
    this.buildToolbar();
    app.onChange((kind) => {
      if (kind === 'load') {
        this.setPinned([]);
        this.picker.reset(app.scenario.outputs);
      }
      if (kind !== 'edit-live') this.buildSidebar();
      else this.refreshMarks();
      this.steady.invalidate();
      if (this.live || kind === 'load') void this.run(this.app.changedAt, kind === 'edit-live');
    });
    // Figures carry an explicit width (see TimeCoursePlots.draw), so they follow the window here.
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => this.plots.resize(), 100);
    });
  }

  // ---- toolbar --------------------------------------------------------------------------

  private buildToolbar(): void {
    const liveBox = h('input', { type: 'checkbox', id: 'live-mode', checked: true });
    liveBox.addEventListener('change', () => {
      this.live = liveBox.checked;
      this.runButton.disabled = this.live;
    });
    this.runButton = h('button', { type: 'button', id: 'run', disabled: true, onClick: () => void this.run(performance.now()) }, 'Run');
    this.clearPinnedButton = h(
      'button',
      { type: 'button', class: 'secondary', id: 'clear-pinned', disabled: true, onClick: () => this.setPinned([]) },
      'Clear pinned',
    );
    this.exportPinnedButton = h(
      'button',
      { type: 'button', class: 'secondary', id: 'export-pinned', disabled: true, title: 'The current and every pinned run in one CSV, a condition column first', onClick: () => void this.exportPinnedCsv() },
      'Export runs CSV',
    );
    const toggle = (id: string, label: string, panel: () => HTMLElement, onOpen?: () => void) => {
      const b = h('button', { type: 'button', class: 'secondary', id, 'aria-expanded': 'false' }, label);
      b.addEventListener('click', () => {
        const el = panel();
        el.hidden = !el.hidden;
        b.setAttribute('aria-expanded', String(!el.hidden));
        if (!el.hidden) onOpen?.();
      });
      return b;
    };
    byId('scenario-toolbar').append(
      h('label', { class: 'check', for: 'live-mode', title: 'Re-solve on every change' }, liveBox, 'Live'),
      this.runButton,
      toggle('outputs-toggle', 'Outputs…', () => byId('output-picker'), () => this.picker.focus()),
      h('button', {
        type: 'button', class: 'secondary', id: 'pin-run', title: 'Keep the current curves (dashed) to compare with, then change something; pin as many as you like',
        onClick: () => this.pinRun(),
      }, 'Pin run'),
      this.clearPinnedButton,
      toggle('steady-toggle', 'Steady state', () => byId('steady-panel'), () => this.steady.show()),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'secondary', id: 'export-csv', onClick: () => void this.exportCsv() }, 'Export CSV'),
      this.exportPinnedButton,
      h('button', { type: 'button', class: 'secondary', id: 'save-scenario', onClick: () => this.saveScenario() }, 'Save as scenario'),
      h('div', { class: 'toolbar-info' }, this.infoEl),
    );
  }

  private pinRun(): void {
    if (!this.lastResult) return;
    const { scenario, run } = this.lastResult;
    const label = describeEdits(scenario, this.app.loaded.scenario, this.app.unit);
    this.setPinned([...this.pinned, { label: `pinned ${this.pinned.length + 1}: ${label}`, outputs: run.outputs, color: pinnedColor(this.pinned.length), scenario }]);
  }

  private setPinned(runs: Pinned[]): void {
    this.pinned = runs;
    this.clearPinnedButton.disabled = runs.length === 0;
    this.exportPinnedButton.disabled = runs.length === 0;
    if (this.lastResult) void this.draw(this.lastResult.run, this.lastResult.scenario);
  }

  // ---- running ----------------------------------------------------------------------------

  /** Solves the current scenario and redraws; `t0` is when the user acted (for latency). */
  async run(t0: number, live = false): Promise<void> {
    this.setInFlight(+1);
    try {
      await this.solveAndDraw(t0, live);
    } finally {
      this.setInFlight(-1);
    }
  }

  private setInFlight(delta: number): void {
    this.inFlight += delta;
    document.body.dataset.busy = String(this.inFlight);
  }

  private async solveAndDraw(t0: number, live: boolean): Promise<void> {
    const scenario = this.app.scenario;
    const seq = ++this.runSeq;
    const tPosted = performance.now();
    const plot = { outputs: this.picker.selected(), adaptive: true };
    let result: RunResultMessage | null;
    try {
      // Unedited: the file's own text, exactly what `ferrosim run FILE` reads. Edited: the
      // scenario object itself (the YAML round trip is exact, see App.edit), which spares a
      // YAML write and parse per slider step.
      result = this.app.isEdited()
        ? await this.runner.runScenario(scenario, maxPoints(), plot)
        : await this.runner.run(this.app.text(), this.app.fileName(), maxPoints(), false, plot);
    } catch (err) {
      if (err instanceof WorkerRequestError && err.errors.length > 0) this.app.showErrors('The scenario has errors', err.errors, this.app.text());
      else this.app.showMessage('The simulation could not run', err instanceof Error ? err.message : String(err));
      this.app.status('error');
      return;
    }
    if (!result || seq < this.shownSeq) return; // superseded by a newer change
    this.shownSeq = seq;
    const tResult = performance.now();
    await this.drawing;
    if (seq !== this.shownSeq) return; // a newer result arrived while the previous one was drawn
    const run: TimeCourseRun = { label: describeEdits(scenario, this.app.loaded.scenario, this.app.unit), outputs: result.outputs };
    this.lastResult = { run, result, scenario };
    if (result.status !== 'success') {
      this.app.showMessage(`The solver stopped early (${result.status})`, `${result.message || 'no message'} — the plots show the part that was solved.`);
    }
    const tDraw = performance.now();
    this.drawing = this.draw(run, scenario, live);
    await this.drawing;
    const tDrawn = performance.now();
    const ms = tDrawn - t0;
    this.latencies.push({ ms, solveMs: result.solveMs });
    if (this.latencies.length > 1000) this.latencies.shift();
    this.redraws++;
    const s = result.stats;
    this.infoEl.textContent =
      `${result.samples} output times (${result.plotSamples} plotted) · ${scenario.population ? `mean of ${scenario.population.cells} sub-populations (${scenario.population.parameter}, CV ${scenario.population.cv}) · ` : ''}` +
      `${s.accepted ?? '?'} steps, ${s.rejected ?? 0} rejected · solved in ${result.solveMs.toFixed(1)} ms` +
      `${result.compileMs > 0 ? ` · model compiled in ${result.compileMs.toFixed(0)} ms` : ''}` +
      `${result.compileMode === 'interpreted' ? ' · interpreted (CSP forbids generated code)' : ''} · redrawn in ${ms.toFixed(0)} ms`;
    this.app.status(`${scenario.name}${this.app.isEdited() ? ' (edited)' : ''}`);
    document.body.dataset.redraws = String(this.redraws);
    const detail = { ms, solveMs: result.solveMs, workerMs: tResult - tPosted, drawMs: tDrawn - tDraw, beforePostMs: tPosted - t0 };
    document.dispatchEvent(new CustomEvent('ferrosim:redrawn', { detail }));
  }

  private draw(run: TimeCourseRun, scenario: Scenario, live = false): Promise<void> {
    clearTimeout(this.settleTimer);
    if (live) {
      // Once the slider rests, redraw fully so the axes fit the final curves tightly.
      this.settleTimer = setTimeout(() => {
        if (this.lastResult?.run === run) this.drawing = this.drawing.then(() => this.draw(run, scenario, false));
      }, SETTLE_MS);
    }
    return this.plots.draw(run, this.pinned, this.app.unit, { end: scenario.end, doses: doseMarks(scenario, this.app.unit), logY: this.logY, live });
  }

  // ---- export -------------------------------------------------------------------------------

  private async exportCsv(): Promise<void> {
    const result = await this.runner.run(this.app.text(), this.app.fileName(), 0, true).catch((err: unknown) => {
      this.app.showMessage('Export failed', err instanceof Error ? err.message : String(err));
      return null;
    });
    if (!result?.csv) return;
    download(safeFileName(this.app.scenario.name, 'csv'), result.csv, 'text/csv');
  }

  /**
   * The current run and every pinned one in one file: the CLI's wide CSV of each (same stamp
   * lines, each run's own scenario hash listed), a `condition` column first.
   */
  private async exportPinnedCsv(): Promise<void> {
    const runs = [...this.pinned.map((p) => ({ label: p.label, scenario: p.scenario })), { label: `current: ${describeEdits(this.app.scenario, this.app.loaded.scenario, this.app.unit)}`, scenario: this.app.scenario }];
    const lines: string[] = [];
    let header = '';
    for (const [k, r] of runs.entries()) {
      const result = await this.runner.run(scenarioToYaml(r.scenario), r.scenario.file, 0, true).catch((err: unknown) => {
        this.app.showMessage('Export failed', err instanceof Error ? err.message : String(err));
        return null;
      });
      if (!result?.csv) return;
      const table = parseCsv(result.csv);
      if (k === 0) {
        lines.push(...table.comments.filter((c) => !c.startsWith('# model ')));
        header = ['condition', ...table.header].join(',');
      }
      lines.push(`# condition ${k + 1}: ${r.label}; model ${result.stamp.model} ${result.stamp.modelHash}; scenario ${result.stamp.scenario} ${result.stamp.scenarioHash}`);
      for (const row of table.rows) lines.push([String(k + 1), ...row].join(','));
    }
    const [comments, rows] = [lines.filter((l) => l.startsWith('#')), lines.filter((l) => !l.startsWith('#'))];
    download(safeFileName(`${this.app.scenario.name}-runs`, 'csv'), `${[...comments, header, ...rows].join('\n')}\n`, 'text/csv');
  }

  private async exportFigure(plot: HTMLElement, module: PlotModule, format: ImageFormat): Promise<void> {
    if (!this.lastResult) return;
    const { scenario, result } = this.lastResult;
    const title = `${scenario.name}: ${module.title}${this.app.isEdited() ? ` (${describeEdits(scenario, this.app.loaded.scenario, this.app.unit)})` : ''}`;
    // Pinned runs differ from the stamped one: each is named with its own scenario hash.
    const extra = this.pinned.map((p) => `${p.label} (scenario hash ${scenarioHash(p.scenario)})`);
    await downloadFigure(plot, format, `${scenario.name}-${module.id}`, title, result.stamp, extra).catch((err: unknown) => {
      this.app.showMessage('Export failed', err instanceof Error ? err.message : String(err));
    });
  }

  /** The loaded file with the edits written into it (every other block kept as written). */
  saveScenario(): void {
    const { text, notes } = editScenarioYaml(this.app.loaded.text, this.app.loaded.scenario, this.app.scenario, this.app.fileName());
    if (notes.length > 0) this.app.showMessage('Saved with a change beyond your edits', notes.join('; '));
    download(safeFileName(this.app.scenario.name, 'yaml'), text, 'text/yaml');
  }

  // ---- sidebar ------------------------------------------------------------------------------

  private buildSidebar(): void {
    const s = this.app.scenario;
    const scroll = this.sidebar.scrollTop;
    const focusedId = document.activeElement instanceof HTMLElement && this.sidebar.contains(document.activeElement) ? document.activeElement.id : '';
    const openState = new Map([...this.sidebar.querySelectorAll('details')].map((d) => [d.dataset.key ?? '', d.open]));
    const section = (key: string, title: string, count: string, open: boolean, ...body: (Node | null)[]) => {
      const d = h('details', { class: 'section', 'data-key': key }, h('summary', {}, title, h('span', { class: 'count' }, count)), h('div', { class: 'section-body' }, ...body));
      d.open = openState.get(key) ?? open;
      return d;
    };

    const endInput = h('input', { type: 'number', id: 'time-end', min: 0, step: 'any', value: String(s.end) });
    const pointsInput = h('input', {
      type: 'number', id: 'time-points', min: 2, step: 1,
      value: String('points' in s.timeSpec ? s.timeSpec.points : s.times.length),
    });
    const applyTime = () => {
      const end = Number(endInput.value);
      const points = Math.round(Number(pointsInput.value));
      if (!(end > 0) || !(points >= 2)) {
        this.app.showMessage('Invalid time settings', 'the end time must be > 0 h and the number of output points ≥ 2');
        return;
      }
      this.app.edit((x) => setTime(x, end, points));
    };
    endInput.addEventListener('change', applyTime);
    pointsInput.addEventListener('change', applyTime);

    const scenarioBody = h(
      'div',
      { class: 'scenario-meta' },
      h('h1', { id: 'scenario-name' }, s.name),
      h('p', {}, s.description),
      h('div', { class: 'field-row' }, h('label', { for: 'time-end' }, 'End time [h]'), endInput),
      h('div', { class: 'field-row' }, h('label', { for: 'time-points' }, 'Output points'), pointsInput),
      h('p', { class: 'hint' }, `Starts from ${s.start === 'steady' ? 'the untreated steady state' : 'the declared initial values'}; solver ${s.solver.method}, rtol ${s.solver.rtol}, atol ${s.solver.atol}.`),
      h('button', { type: 'button', class: 'secondary', id: 'reset-all', disabled: !this.app.isEdited(), onClick: () => this.app.resetAll() }, 'Reset all changes'),
    );

    const inputsList = h('div', { id: 'inputs-list' });
    const inputSearch = h('input', { type: 'search', class: 'search', placeholder: 'Search inputs…', 'aria-label': 'Search inputs', value: this.inputFilter });
    inputSearch.addEventListener('input', () => {
      this.inputFilter = inputSearch.value;
      this.fillInputs(inputsList);
    });
    this.fillInputs(inputsList);

    const multipliers = h('div', { id: 'multipliers-list' });
    for (const q of this.app.info.multipliers) multipliers.append(this.parameterRow(q, 'multiplier'));

    const paramList = h('div', { id: 'parameters-list' });
    const paramSearch = h('input', { type: 'search', class: 'search', placeholder: 'Search parameters (id, unit, description)…', 'aria-label': 'Search parameters', value: this.paramFilter });
    paramSearch.addEventListener('input', () => {
      this.paramFilter = paramSearch.value;
      this.fillParameters(paramList);
    });
    this.fillParameters(paramList);

    const changedInputs = Object.keys(s.inputs).length;
    const changedParams = Object.keys(s.parameters).length;
    this.sidebar.replaceChildren(
      section('scenario', 'Scenario', this.app.fileName(), true, scenarioBody),
      section('inputs', 'Inputs', `${changedInputs} set`, true, inputSearch, inputsList),
      section('multipliers', 'Gene expression', '1 = normal', true, h('p', { class: 'hint' }, 'Multipliers of synthesis or activity: 0 is a knockout, 0.2 a knockdown, 3 overexpression.'), multipliers),
      section('parameters', 'Parameters', `${changedParams} overridden`, false, paramSearch, paramList),
    );
    this.sidebar.scrollTop = scroll;
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  /** Updates the "changed" marks without rebuilding (so a dragged slider keeps focus). */
  private refreshMarks(): void {
    const s = this.app.scenario;
    for (const row of this.sidebar.querySelectorAll<HTMLElement>('.qty')) {
      const id = row.dataset.id!;
      const changed = row.dataset.kind === 'input' ? inputChanged(s, this.app.loaded.scenario, id) : parameterChanged(s, this.app.loaded.scenario, id);
      row.classList.toggle('changed', changed);
      const reset = row.querySelector<HTMLButtonElement>('button.reset');
      if (reset) reset.disabled = !changed;
    }
    const resetAll = this.sidebar.querySelector<HTMLButtonElement>('#reset-all');
    if (resetAll) resetAll.disabled = !this.app.isEdited();
  }

  private matches(q: QuantityInfo, filter: string): boolean {
    const f = filter.trim().toLowerCase();
    if (!f) return true;
    return [q.id, q.unit, q.description, q.source ?? ''].some((x) => x.toLowerCase().includes(f));
  }

  private fillInputs(list: HTMLElement): void {
    const s = this.app.scenario;
    const set = (q: QuantityInfo) => q.id in s.inputs || q.id in this.app.loaded.scenario.inputs;
    const inputs = this.app.info.inputs.filter((q) => this.matches(q, this.inputFilter));
    // Inputs the scenario sets come first, then the rest in model order.
    inputs.sort((a, b) => Number(set(b)) - Number(set(a)));
    list.replaceChildren(...inputs.map((q) => this.inputRow(q)));
    if (inputs.length === 0) list.append(h('div', { class: 'empty' }, 'No input matches.'));
  }

  private fillParameters(list: HTMLElement): void {
    const s = this.app.scenario;
    const over = (q: QuantityInfo) => q.id in s.parameters || q.id in this.app.loaded.scenario.parameters;
    const params = this.app.info.parameters.filter((q) => this.matches(q, this.paramFilter));
    params.sort((a, b) => Number(over(b)) - Number(over(a)));
    const shown = params.slice(0, PARAMETER_ROWS_MAX);
    list.replaceChildren(...shown.map((q) => this.parameterRow(q, 'parameter')));
    if (params.length > shown.length) {
      list.append(h('div', { class: 'hint' }, `${params.length - shown.length} more — type in the search box to narrow the list.`));
    }
    if (params.length === 0) list.append(h('div', { class: 'empty' }, 'No parameter matches.'));
  }

  private rowHead(q: QuantityInfo, kind: 'input' | 'parameter', controlId: string, extra: Node[] = []): HTMLElement {
    const changed = kind === 'input' ? inputChanged(this.app.scenario, this.app.loaded.scenario, q.id) : parameterChanged(this.app.scenario, this.app.loaded.scenario, q.id);
    const reset = h('button', {
      type: 'button', class: 'secondary icon reset', disabled: !changed, title: 'Back to the value in the loaded file', 'aria-label': `Reset ${q.id}`,
      onClick: () => this.app.edit((x) => resetId(x, this.app.loaded.scenario, q.id, kind)),
    }, 'Reset');
    return h('div', { class: 'qty-head' }, h('label', { for: controlId }, q.id), h('span', { class: 'unit' }, q.unit), h('div', { class: 'actions' }, ...extra, reset));
  }

  private inputRow(q: QuantityInfo): HTMLElement {
    const s = this.app.scenario;
    const steps = s.inputs[q.id];
    const isSchedule = steps !== undefined && !s.constantInputs.includes(q.id);
    const row = h('div', { class: 'qty', 'data-id': q.id, 'data-kind': 'input' });
    const scale = scaleFor(q.value, 'input');
    const addStep = h('button', {
      type: 'button', class: 'secondary icon', title: 'Add a dose/switch time (makes this input a schedule)', 'aria-label': `Add a schedule step to ${q.id}`,
      onClick: () => {
        const x0 = this.app.scenario;
        const cur = x0.inputs[q.id] ?? [{ at: 0, value: q.value }];
        const lastAt = cur[cur.length - 1].at;
        const at = Math.min(x0.end, lastAt > 0 ? lastAt + Math.max(1, x0.end / 6) : Math.round(x0.end / 3));
        this.app.edit((x) => setInputSchedule(x, q.id, [...cur, { at: at > lastAt ? at : lastAt + 1, value: q.value > 0 ? q.value : 1 }]));
      },
    }, '+ step');

    if (!isSchedule) {
      const value = steps?.[0]?.value ?? q.value;
      const ctl = valueControl({
        label: q.id, value, scale, unit: q.unit,
        onChange: (v) => this.app.edit((x) => setInputConstant(x, q.id, v), true),
      });
      ctl.slider.id = `input-${q.id}`;
      row.append(this.rowHead(q, 'input', ctl.slider.id, [addStep]), h('div', { class: 'qty-desc' }, q.description), ctl.element);
    } else {
      const list = h('div', { class: 'schedule', role: 'group', 'aria-label': `${q.id} schedule` });
      steps.forEach((step, k) => {
        const atInput = h('input', { type: 'number', min: 0, step: 'any', value: String(step.at), 'aria-label': `${q.id} step ${k + 1} time in h` });
        atInput.addEventListener('change', () => {
          const at = Number(atInput.value);
          if (!(at >= 0)) return;
          this.app.edit((x) => setInputSchedule(x, q.id, x.inputs[q.id].map((st, j) => (j === k ? { at, value: st.value } : st))), true);
        });
        const ctl = valueControl({
          label: `${q.id} step ${k + 1}`, value: step.value, scale, unit: q.unit,
          onChange: (v) => this.app.edit((x) => setInputSchedule(x, q.id, x.inputs[q.id].map((st, j) => (j === k ? { at: st.at, value: v } : st))), true),
        });
        if (k === 0) ctl.slider.id = `input-${q.id}`;
        const remove = h('button', {
          type: 'button', class: 'secondary icon', 'aria-label': `Remove ${q.id} step ${k + 1}`, title: 'Remove this step',
          onClick: () => {
            const rest = this.app.scenario.inputs[q.id].filter((_, j) => j !== k);
            this.app.edit((x) => (rest.length === 0 ? removeInput(x, q.id) : setInputSchedule(x, q.id, rest)));
          },
        }, '×');
        list.append(h('div', { class: 'schedule-step' }, h('div', { class: 'step-head' }, 'from', atInput, 'h, value', ctl.number, remove), ctl.slider));
      });
      row.append(this.rowHead(q, 'input', `input-${q.id}`, [addStep]), h('div', { class: 'qty-desc' }, q.description), list);
    }
    return row;
  }

  private parameterRow(q: QuantityInfo, kind: 'parameter' | 'multiplier'): HTMLElement {
    const value = this.app.scenario.parameters[q.id] ?? q.value;
    const row = h('div', { class: 'qty', 'data-id': q.id, 'data-kind': 'parameter', title: q.source ? `source: ${q.source}` : '' });
    const ctl = valueControl({
      label: q.id, value, scale: scaleFor(q.value, kind), unit: q.unit,
      onChange: (v) => this.app.edit((x) => setParameter(x, q.id, v), true),
    });
    ctl.slider.id = `param-${q.id}`;
    const desc = [q.description, q.source ? `source: ${q.source}` : ''].filter(Boolean).join(' — ');
    row.append(this.rowHead(q, 'parameter', ctl.slider.id), h('div', { class: 'qty-desc' }, `default ${formatNumber(q.value)}${q.unit && q.unit !== '1' ? ` ${q.unit}` : ''}${desc ? `. ${desc}` : ''}`), ctl.element);
    return row;
  }

  /** Output series of the last run, by id, in the page's plotted form (for tests). */
  plottedDivs(): HTMLElement[] {
    return this.plots.plotDivs();
  }
}
