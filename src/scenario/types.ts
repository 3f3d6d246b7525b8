/**
 * A validated, normalised scenario: every default filled in, schedules as sorted arrays, output
 * times expanded. This is what the runner, the sweeps and the UI work on.
 */
import type { FitSpec, SensitivitySpec } from './analysis-blocks.ts';

export interface ScheduleStep {
  at: number;
  value: number;
}

/** A constant input is a one-step schedule at t = 0. */
export type InputSchedule = ScheduleStep[];

export type Stat = 'final' | 'min' | 'max' | 'auc';

export interface Readout {
  output: string;
  at?: number;
  stat?: Stat;
}

export interface SweepAxis {
  /** Input or parameter id. */
  id: string;
  kind: 'input' | 'parameter';
  values: number[];
  /** How the axis was written: a range (with its scale) or an explicit list. */
  spec: { from: number; to: number; points: number; scale: 'lin' | 'log' } | { list: number[] };
}

export interface SweepSpec {
  axes: SweepAxis[];
  readout: Readout;
}

/** A bound relative to another value of the same output (time course) or readout (sweep). */
export interface RefBound {
  at?: number;
  stat?: Stat;
  where?: Record<string, number>;
  /** Multiplier on the reference value (default 1). */
  times?: number;
}

export type Bound = number | RefBound;

export interface Expectation {
  output?: string;
  at?: number;
  stat?: Stat;
  where?: Record<string, number>;
  fit?: 'ec50' | 'slope' | 'top' | 'bottom';
  below?: Bound;
  above?: Bound;
  between?: [number, number];
  note?: string;
}

export interface PopulationSpec {
  parameter: string;
  /** Coefficient of variation of the log-normal factor (mean 1) across cells. */
  cv: number;
  /** Sub-populations, one per equal-probability quantile. */
  cells: number;
}

export interface Scenario {
  name: string;
  description: string;
  model: string;
  start: 'steady' | 'initial';
  /** End of the simulation (h). */
  end: number;
  /** Output times (h), strictly increasing, within [0, end]. */
  times: number[];
  /** How the times were written, for round trips. */
  timeSpec: { end: number; points: number } | { at: number[]; end?: number };
  solver: { method: 'rodas5p' | 'odex'; rtol: number; atol: number; maxSteps?: number };
  parameters: Record<string, number>;
  initial: Record<string, number>;
  /** Inputs the file sets, as schedules sorted by time (constants are [{ at: 0, value }]). */
  inputs: Record<string, InputSchedule>;
  /** Whether each input was written as a constant (round trips keep the form). */
  constantInputs: string[];
  /** Output ids (species or observables); all of the model's when the file gives none. */
  outputs: string[];
  /** Cell-to-cell variation of one parameter (see population.ts); absent for a single average cell. */
  population?: PopulationSpec;
  sweep?: SweepSpec;
  expect: Expectation[];
  tolerance: { rtol: number; atol: number };
  /** `sensitivity:` block (src/analysis runs it). */
  sensitivity?: SensitivitySpec;
  /** `fit:` block (src/analysis runs it). */
  fit?: FitSpec;
  /** The file the scenario came from (for messages). */
  file: string;
}

/** Where a scenario problem is, and what it is. */
export interface ScenarioError {
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. the file is empty). */
  line: number;
  column: number;
  /** Dotted field path, e.g. "inputs.erastn" or "expect.2.output". */
  path: string;
  message: string;
  /** e.g. "did you mean 'erastin'?" or "valid: a, b, c". */
  hint?: string;
}

/** The ids and units a scenario can refer to; a CompiledModel satisfies it. */
export interface ModelCatalog {
  name: string;
  speciesIds: readonly string[];
  parameterIds: readonly string[];
  inputIds: readonly string[];
  observableIds: readonly string[];
  /** Declarations with units, for converting values written with a unit ("500 nM"). */
  definition?: {
    inputs: Readonly<Record<string, { unit: string }>>;
    species: Readonly<Record<string, { unit: string }>>;
  };
}

export const DEFAULT_TOLERANCE = { rtol: 1e-4, atol: 1e-8 } as const;
/**
 * Scenario solver defaults: chosen so that every shipped scenario's golden outputs are within 1/3
 * of their golden tolerance of an rtol-1e-10 reference (test/scenario/accuracy.test.ts; rtol 1e-5
 * reaches 0.24 on tnf-rsl3, 3e-5 would reach 0.73). 1e-5 takes about 35% fewer steps than 1e-6.
 */
export const DEFAULT_SOLVER = { method: 'rodas5p', rtol: 1e-5, atol: 1e-9 } as const;
export const DEFAULT_POINTS = 101;
/** Sub-populations of a `population:` block when the file gives no `cells`. */
export const DEFAULT_CELLS = 16;
