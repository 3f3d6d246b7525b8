/**
 * `sensitivity:` blocks: local normalised sensitivities from the solver, Morris elementary
 * effects, Sobol indices. Global methods evaluate a deterministic design (design.ts) point by
 * point through `evaluateDesignPoint`, which is what the CLI's worker pool calls, so results are
 * the same for any worker count or shard. Browser-safe: no node: imports here.
 */
import type { CompiledModel } from '../model/types.ts';
import type { AnalysisReadout, SensitivitySpec } from '../scenario/analysis-blocks.ts';
import { readoutTimes, type PointResult } from '../scenario/grid.ts';
import { unitOf } from '../scenario/run.ts';
import type { Scenario } from '../scenario/types.ts';
import { morrisDesign } from './design.ts';
import { requireBlock } from './design-point.ts';
export { designSize, evaluateDesignPoint } from './design-point.ts';
import { forwardSensitivities } from './forward.ts';
import { morrisIndices, sobolIndices, type MorrisIndex, type SobolIndex } from './indices.ts';
import { evaluateReadout } from './readout.ts';

export interface SensitivityResult {
  method: SensitivitySpec['method'];
  readout: AnalysisReadout & { unit: string; value?: number | null };
  indices: Record<string, { local: number | null } | MorrisIndex | SobolIndex>;
  /** Parameters: value (local) or range (global), with units. */
  parameters: Record<string, { unit: string; value?: number; from?: number; to?: number; scale?: string }>;
  samples?: number;
  evaluations: number;
  /** Design points whose solve failed (their readout is NaN). */
  failed: number;
  seed?: number;
  /** How the local sensitivities were computed. */
  via?: 'forward-sensitivities' | 'central-differences';
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Assembles the indices once every design point has been evaluated (results in index order). */
export function globalIndices(scenario: Scenario, model: CompiledModel, results: readonly PointResult[]): SensitivityResult {
  const spec = requireBlock(scenario);
  const d = spec.ranges.length;
  const y = Float64Array.from(results, (r) => r.value);
  const indices: SensitivityResult['indices'] = {};
  if (spec.method === 'sobol') {
    sobolIndices(y, spec.samples, d, spec.bootstrap, spec.seed).forEach((ix, i) => { indices[spec.ranges[i].id] = ix; });
  } else {
    morrisIndices(y, d, spec.samples, morrisDesign(spec).moved).forEach((ix, i) => { indices[spec.ranges[i].id] = ix; });
  }
  return {
    method: spec.method,
    readout: { ...spec.readout, unit: readoutUnit(model, spec.readout) },
    indices,
    parameters: Object.fromEntries(spec.ranges.map((r) => [r.id, { unit: unitOf(model, r.id), from: r.from, to: r.to, scale: r.scale }])),
    samples: spec.samples,
    evaluations: results.length,
    failed: results.filter((r) => !Number.isFinite(r.value)).length,
    seed: spec.seed,
  };
}

export function readoutUnit(model: CompiledModel, r: AnalysisReadout): string {
  if (r.fit === 'slope') return 'dimensionless';
  if (r.fit === 'ec50') return '(dose axis unit)';
  const u = unitOf(model, r.output);
  return r.stat === 'auc' ? `${u}·h` : u;
}

/**
 * Local sensitivities ∂ln r/∂ln p at the scenario's parameter values: from the solver's forward
 * sensitivities for readouts at a time or a statistic; by central differences in ln p (relative
 * step 1e-3, two readouts per parameter) for Hill-fit readouts, which go through a fit.
 */
export function localSensitivities(scenario: Scenario, model: CompiledModel, onProgress?: (done: number, total: number) => void): SensitivityResult {
  const spec = requireBlock(scenario);
  const ids = spec.ids.length > 0 ? spec.ids : [...model.parameterIds];
  const pv = (id: string) => scenario.parameters[id] ?? model.p0[model.parameterIds.indexOf(id)];
  const ro = spec.readout;
  const indices: SensitivityResult['indices'] = {};
  let value = NaN;
  let failed = 0;
  let via: SensitivityResult['via'];
  if (ro.fit === undefined) {
    via = 'forward-sensitivities';
    const times = readoutTimes(scenario, { output: ro.output, ...(ro.at !== undefined ? { at: ro.at } : { stat: ro.stat! }) });
    const f = forwardSensitivities(model, scenario, { parameters: ids, outputs: [ro.output], times });
    if (f.status !== 'success') failed = 1;
    const vals = f.outputs[0].values;
    const np = ids.length;
    const grad = new Float64Array(np);
    if (ro.at !== undefined || ro.stat === 'final') {
      value = vals[vals.length - 1];
      grad.set(f.derivatives.subarray((times.length - 1) * np, times.length * np));
    } else if (ro.stat === 'auc') {
      value = 0;
      for (let r = 1; r < times.length; r++) {
        const w = (times[r] - times[r - 1]) / 2;
        value += w * (vals[r] + vals[r - 1]);
        for (let j = 0; j < np; j++) grad[j] += w * (f.derivatives[r * np + j] + f.derivatives[(r - 1) * np + j]);
      }
    } else {
      // min / max: the derivative of the extreme sample (where it is unique, the envelope).
      let best = 0;
      for (let r = 1; r < times.length; r++) if (ro.stat === 'min' ? vals[r] < vals[best] : vals[r] > vals[best]) best = r;
      value = vals[best];
      grad.set(f.derivatives.subarray(best * np, (best + 1) * np));
    }
    ids.forEach((id, j) => { indices[id] = { local: finiteOrNull((grad[j] * pv(id)) / value) }; });
  } else {
    via = 'central-differences';
    const base = evaluateReadout(model, scenario, ro, {}, 0);
    value = base.value;
    const h = 1e-3;
    ids.forEach((id, j) => {
      const p = pv(id);
      if (p === 0) {
        indices[id] = { local: 0 };
        return;
      }
      const up = evaluateReadout(model, scenario, ro, { [id]: p * Math.exp(h) }, 0).value;
      const down = evaluateReadout(model, scenario, ro, { [id]: p * Math.exp(-h) }, 0).value;
      if (!Number.isFinite(up) || !Number.isFinite(down)) failed++;
      indices[id] = { local: finiteOrNull((Math.log(up) - Math.log(down)) / (2 * h)) };
      onProgress?.(j + 1, ids.length);
    });
  }
  return {
    method: 'local',
    readout: { ...ro, unit: readoutUnit(model, ro), value: finiteOrNull(value) },
    indices,
    parameters: Object.fromEntries(ids.map((id) => [id, { unit: unitOf(model, id), value: pv(id) }])),
    evaluations: via === 'forward-sensitivities' ? 1 : 1 + 2 * ids.length,
    failed,
    via,
  };
}
