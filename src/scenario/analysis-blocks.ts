/**
 * The `sensitivity:` and `fit:` blocks of a scenario file: their structural schema (part of the
 * scenario's JSON Schema), their id and meaning checks (located errors like every other field),
 * and their normalised form on the Scenario. The analyses themselves live in src/analysis.
 */
import { z } from 'zod';
import type { PathSegment } from './positions.ts';
import type { ModelCatalog, Scenario } from './types.ts';


export const ParameterRangeSchema = z
  .strictObject({
    from: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).describe('Lower bound, in the parameter\'s unit (> 0 for scale log).'),
    to: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).describe('Upper bound, in the parameter\'s unit.'),
    scale: z.enum(['lin', 'log']).optional().describe('Sampled and estimated on this scale (default log when from > 0).'),
  })
  .describe('A parameter range: { from, to, scale }.');

export const AnalysisReadoutSchema = z
  .strictObject({
    output: z.string().optional().describe('Species or observable id (for `fit` readouts: the sweep\'s readout output).'),
    at: z.number().min(0).optional().describe('The output at this time (h).'),
    stat: z.enum(['final', 'min', 'max', 'auc']).optional().describe('Or a statistic over the output times.'),
    fit: z.enum(['ec50', 'slope', 'top', 'bottom']).optional().describe('Or a parameter of the Hill curve fitted to the scenario\'s 1-D sweep.'),
  })
  .describe('The number an analysis studies: an output at a time, a statistic, or a sweep\'s Hill fit.');

export const SensitivitySchema = z
  .strictObject({
    method: z.enum(['local', 'morris', 'sobol']).describe('local: normalised derivatives ∂ln r/∂ln p from the solver; morris: elementary effects; sobol: first-order and total indices.'),
    readout: AnalysisReadoutSchema,
    parameters: z.union([z.array(z.string()).min(1), z.record(z.string(), ParameterRangeSchema)]).optional()
      .describe('local: a list of ids (default every parameter); morris/sobol: { id: { from, to, scale } } (required).'),
    samples: z.number().int().min(8).max(1_048_576).optional().describe('sobol: base samples N (rounded up to a power of 2; default 1024), costing N·(d + 2) solves; morris: trajectories (default 20), costing r·(d + 1).'),
    levels: z.number().int().min(2).max(64).optional().describe('morris: grid levels (default 4).'),
    seed: z.number().int().min(0).optional().describe('Seed of the scrambling / trajectories / bootstrap (default 1). Results depend only on the scenario and the seed.'),
    bootstrap: z.number().int().min(10).max(100_000).optional().describe('sobol: bootstrap resamples for the 95% intervals (default 1000).'),
  })
  .describe('A sensitivity analysis of one readout (`ferrosim sensitivity FILE`).');

export const FitSchema = z
  .strictObject({
    data: z.string().min(1).describe('CSV relative to the scenario file: `time [h]` (or the sweep axis, e.g. `erastin [µM]`), then one column per output with its unit, optional `<output> sd [unit]` columns.'),
    parameters: z.record(z.string(), ParameterRangeSchema).describe('What is estimated, within bounds; scale log (default for positive bounds) or lin.'),
    starts: z.number().int().min(1).max(10_000).optional().describe('Multi-start: deterministic space-filling starts (default 20).'),
    sd: z.number().gt(0).optional().describe('Relative standard deviation assumed where the data gives no sd column (default 0.1: 10% of each value).'),
    seed: z.number().int().min(0).optional().describe('Seed of the start design (default 1).'),
  })
  .describe('Parameter estimation against data (`ferrosim fit FILE`).');

export interface ParameterRange {
  id: string;
  from: number;
  to: number;
  scale: 'lin' | 'log';
}

export interface AnalysisReadout {
  output: string;
  at?: number;
  stat?: 'final' | 'min' | 'max' | 'auc';
  fit?: 'ec50' | 'slope' | 'top' | 'bottom';
}

export interface SensitivitySpec {
  method: 'local' | 'morris' | 'sobol';
  readout: AnalysisReadout;
  /** local: the ids (empty: every parameter); global: the ranges. */
  ids: string[];
  ranges: ParameterRange[];
  samples: number;
  levels: number;
  seed: number;
  bootstrap: number;
}

export interface FitSpec {
  /** As written in the file (relative to it). */
  data: string;
  parameters: ParameterRange[];
  starts: number;
  sd: number;
  seed: number;
}

/** Sobol designs use 2d dimensions of the sequence; src/analysis/sobol-sequence.ts ships 80. */
export const SOBOL_MAX_PARAMETERS = 40;

type Add = (path: PathSegment[], message: string, hint?: string) => void;
type RangeMap = Record<string, z.infer<typeof ParameterRangeSchema>>;

function ranges(add: Add, prefix: PathSegment[], map: RangeMap, model: ModelCatalog | undefined): ParameterRange[] {
  const out: ParameterRange[] = [];
  for (const [id, r] of Object.entries(map)) {
    if (model && !model.parameterIds.includes(id)) {
      add([...prefix, id], `unknown parameter '${id}'`);
      continue;
    }
    const scale = r.scale ?? (r.from > 0 ? 'log' : 'lin');
    if (!(r.from < r.to)) add([...prefix, id, 'to'], `${id}: 'to' must be greater than 'from' (got from ${r.from}, to ${r.to})`);
    if (scale === 'log' && !(r.from > 0)) add([...prefix, id, 'from'], `${id}: log scale needs from > 0 (got ${r.from})`, 'use scale: lin, or a positive lower bound');
    out.push({ id, from: r.from, to: r.to, scale });
  }
  return out;
}

function readout(add: Add, prefix: PathSegment[], r: z.infer<typeof AnalysisReadoutSchema>, scenario: { end: number; sweep?: Scenario['sweep'] }, outputs: readonly string[]): AnalysisReadout {
  const kinds = [r.at !== undefined, r.stat !== undefined, r.fit !== undefined].filter(Boolean).length;
  if (kinds !== 1) add(prefix, 'the readout needs exactly one of `at` (a time in h), `stat` (final, min, max, auc) or `fit` (ec50, slope, top, bottom)');
  if (r.fit !== undefined) {
    if (!scenario.sweep || scenario.sweep.axes.length !== 1) add([...prefix, 'fit'], 'a `fit` readout needs a 1-D sweep in the scenario (its dose axis and readout)');
    const output = scenario.sweep?.readout.output ?? r.output ?? '';
    if (r.output !== undefined && scenario.sweep && r.output !== scenario.sweep.readout.output) add([...prefix, 'output'], `a fit readout reads the sweep's readout '${scenario.sweep.readout.output}' (got '${r.output}')`);
    return { output, fit: r.fit };
  }
  if (r.output === undefined) add([...prefix, 'output'], 'the readout needs an `output` (species or observable id)');
  else if (outputs.length > 0 && !outputs.includes(r.output)) add([...prefix, 'output'], `unknown output '${r.output}'`);
  if (r.at !== undefined && r.at > scenario.end) add([...prefix, 'at'], `readout.at = ${r.at} h is after time.end = ${scenario.end} h`);
  return { output: r.output ?? '', ...(r.at !== undefined ? { at: r.at } : {}), ...(r.stat !== undefined ? { stat: r.stat } : {}) };
}

export function checkSensitivity(add: Add, raw: z.infer<typeof SensitivitySchema>, model: ModelCatalog | undefined, scenario: { end: number; sweep?: Scenario['sweep'] }, outputs: readonly string[]): SensitivitySpec {
  const p: PathSegment[] = ['sensitivity'];
  const ro = readout(add, [...p, 'readout'], raw.readout, scenario, outputs);
  let ids: string[] = [];
  let rs: ParameterRange[] = [];
  if (raw.method === 'local') {
    if (raw.parameters !== undefined && !Array.isArray(raw.parameters)) ids = Object.keys(raw.parameters);
    else ids = raw.parameters ? [...raw.parameters] : [];
    ids.forEach((id, i) => {
      if (model && !model.parameterIds.includes(id)) add([...p, 'parameters', Array.isArray(raw.parameters) ? i : id], `unknown parameter '${id}'`);
    });
  } else {
    if (raw.parameters === undefined || Array.isArray(raw.parameters)) {
      add([...p, 'parameters'], `${raw.method} needs parameter ranges: { id: { from, to, scale } }`);
    } else {
      rs = ranges(add, [...p, 'parameters'], raw.parameters, model);
      if (rs.length < 2 && raw.method === 'sobol') add([...p, 'parameters'], 'sobol needs at least 2 parameters');
      if (rs.length > SOBOL_MAX_PARAMETERS && raw.method === 'sobol') {
        add([...p, 'parameters'], `sobol takes at most ${SOBOL_MAX_PARAMETERS} parameters (got ${rs.length}): the shipped Joe–Kuo direction numbers cover ${2 * SOBOL_MAX_PARAMETERS} dimensions`, 'screen with method: morris first, then run sobol on the parameters that matter');
      }
    }
  }
  const samples = raw.samples ?? (raw.method === 'morris' ? 20 : 1024);
  return {
    method: raw.method, readout: ro, ids, ranges: rs,
    samples: raw.method === 'sobol' ? 2 ** Math.ceil(Math.log2(samples)) : samples,
    levels: raw.levels ?? 4, seed: raw.seed ?? 1, bootstrap: raw.bootstrap ?? 1000,
  };
}

export function checkFit(add: Add, raw: z.infer<typeof FitSchema>, model: ModelCatalog | undefined): FitSpec {
  const rs = ranges(add, ['fit', 'parameters'], raw.parameters, model);
  if (rs.length === 0) add(['fit', 'parameters'], 'fit needs at least one parameter to estimate');
  return { data: raw.data, parameters: rs, starts: raw.starts ?? 20, sd: raw.sd ?? 0.1, seed: raw.seed ?? 1 };
}
