/**
 * The steady-state panel: the steady state for the current scenario settings (its parameter
 * overrides; the inputs untreated, where every run starts, or as in force at the end time), a
 * table of values with units, the eigenvalues of the Jacobian there, whether it is stable, its
 * slowest time scale, and how it was found. Computed on the page with the same compiled model
 * and the same `steadyState` the runs use (src/model/steady-state.ts, src/model/stability.ts).
 */
import { analyseSteadyState, type SteadyStateAnalysis } from '../model/stability.ts';
import type { Scenario } from '../scenario/types.ts';
import type { App } from './app.ts';
import { formatNumber, h } from './dom.ts';
import { resolveCompiledModel } from './model-cache.ts';

export type SteadyInputs = 'untreated' | 'end';

/** Input values in force at time `t` of the scenario's schedules (the last step at or before t). */
export function inputsAt(s: Scenario, t: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, steps] of Object.entries(s.inputs)) {
    let v: number | undefined;
    for (const x of steps) if (x.at <= t) v = x.value;
    if (v !== undefined) out[id] = v;
  }
  return out;
}

/** What `steadyState` is asked, for the scenario and the choice of inputs. */
export function steadyOptions(s: Scenario, mode: SteadyInputs): { parameters: Record<string, number>; inputs?: Record<string, number> } {
  return mode === 'untreated' ? { parameters: { ...s.parameters } } : { parameters: { ...s.parameters }, inputs: inputsAt(s, s.end) };
}

export class SteadyStatePanel {
  private readonly root: HTMLElement;
  private readonly app: App;
  private mode: SteadyInputs = 'untreated';
  private stale = true;
  /** The last analysis shown (tests read it). */
  last: SteadyStateAnalysis | null = null;

  constructor(root: HTMLElement, app: App) {
    this.root = root;
    this.app = app;
  }

  /** The scenario changed: recompute when the panel is (or next becomes) visible. */
  invalidate(): void {
    this.stale = true;
    if (!this.root.hidden) this.show();
  }

  show(): void {
    if (!this.stale && this.last) return;
    this.stale = false;
    const s = this.app.scenario;
    const modeSelect = h('select', { id: 'steady-inputs', 'aria-label': 'Inputs for the steady state' },
      h('option', { value: 'untreated', selected: this.mode === 'untreated' }, 'untreated (inputs at their defaults: where every run starts)'),
      h('option', { value: 'end', selected: this.mode === 'end' }, `with the inputs in force at the end (${formatNumber(s.end)} h)`),
    );
    modeSelect.addEventListener('change', () => {
      this.mode = modeSelect.value as SteadyInputs;
      this.stale = true;
      this.show();
    });
    const head = h('div', { class: 'card-head' }, h('h2', {}, 'Steady state'), h('span', { class: 'sub' }, s.name), h('div', { class: 'actions' }, modeSelect));
    let a: SteadyStateAnalysis;
    const t0 = performance.now();
    try {
      const { model } = resolveCompiledModel(s.model);
      a = analyseSteadyState(model, steadyOptions(s, this.mode));
      this.last = a;
    } catch (err) {
      this.last = null;
      this.root.replaceChildren(head, h('div', { class: 'placeholder' }, `No steady state: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    const ms = performance.now() - t0;
    const { model } = resolveCompiledModel(s.model);
    const n = model.speciesIds.length;
    const decaying = Array.from(a.re).filter((re, i) => Math.hypot(re, a.im[i]) > a.zeroTol && re < 0).length;
    const verdict = a.stability === 'unstable'
      ? `unstable: ${Array.from(a.re).filter((re) => re > a.zeroTol).length} eigenvalue(s) with positive real part`
      : `${a.stability === 'stable' ? 'stable' : 'neutrally stable'}: ${decaying} of ${n} eigenvalues have negative real part${a.neutral > 0 ? `, ${a.neutral} ${a.neutral === 1 ? 'is' : 'are'} zero (a neutral direction: a state that is steady at any value)` : ''}`;
    const summary = h('div', { class: 'steady-summary', id: 'steady-summary', 'data-stability': a.stability, 'data-ok': String(a.steady.ok) },
      h('p', {}, h('strong', {}, a.steady.ok ? 'Found' : 'Not found'), ` by ${a.steady.method === 'newton' ? 'Newton' : 'integration, then Newton'}: ${a.steady.message}; largest scaled residual ${a.steady.maxScaledResidual.toExponential(2)} 1/h (${ms.toFixed(0)} ms).`),
      h('p', { id: 'steady-stability' }, h('strong', {}, 'Jacobian eigenvalues: '), verdict, '.'),
      h('p', { id: 'steady-timescale', 'data-hours': String(a.slowestTimeScale) }, h('strong', {}, 'Slowest time scale: '),
        Number.isFinite(a.slowestTimeScale) ? `${formatNumber(a.slowestTimeScale)} h (1 / smallest decay rate), the time to return to the steady state after a small push` : 'none (no mode decays)'),
    );
    const values = h('table', { class: 'fit-table steady-table', id: 'steady-table', 'aria-label': 'Steady-state values' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Species'), h('th', {}, 'Value'), h('th', {}, 'Unit'), h('th', {}, 'Declared initial'))),
      h('tbody', {}, model.speciesIds.map((id, i) =>
        h('tr', { 'data-id': id }, h('td', {}, id), h('td', { class: 'value', 'data-value': String(a.steady.y[i]) }, formatNumber(a.steady.y[i], 6)),
          h('td', {}, model.definition.species[id]?.unit ?? ''), h('td', {}, formatNumber(model.y0[i], 6))))),
    );
    const eig = h('table', { class: 'fit-table steady-table', id: 'eigen-table', 'aria-label': 'Jacobian eigenvalues' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Re λ [1/h]'), h('th', {}, 'Im λ [1/h]'), h('th', {}, 'time scale 1/|Re λ| [h]'))),
      h('tbody', {}, Array.from(a.re).map((re, i) =>
        h('tr', { 'data-re': String(re), 'data-im': String(a.im[i]) }, h('td', {}, String(i + 1)), h('td', {}, formatNumber(re, 4)), h('td', {}, a.im[i] === 0 ? '0' : formatNumber(a.im[i], 4)),
          h('td', {}, Math.hypot(re, a.im[i]) <= a.zeroTol ? 'neutral' : formatNumber(1 / Math.abs(re), 4))))),
    );
    this.root.replaceChildren(head, summary, h('div', { class: 'steady-tables' }, values, eig));
    document.body.dataset.steady = String(Number(document.body.dataset.steady ?? 0) + 1);
  }
}
