import type { Stamp } from '../scenario/csv.ts';
import type { Scenario } from '../scenario/types.ts';

/**
 * Messages between the page and its simulation workers. Everything is plain, structured-clonable
 * data; trajectories travel as Float64Array buffers in the transfer list. Scenarios travel as
 * their YAML text, so a worker parses exactly what "save as scenario" would write and what
 * `ferrosim run` would read.
 */

export interface LocatedError {
  line: number;
  column: number;
  path: string;
  message: string;
  /** One line, as the CLI prints it: "… at file.yaml:12:5; did you mean …". */
  text: string;
}

export interface RunRequest {
  type: 'run';
  id: number;
  /** The scenario as YAML text (parsed in the worker) ... */
  text: string;
  fileName: string;
  /** ... or, for live edits, the already-validated scenario object (then `text` is ''). */
  scenario?: Scenario;
  /** Decimate each trajectory to about this many samples; 0 keeps every sample (for export). */
  maxPoints: number;
  /** Also return the result as the CLI's wide CSV (with its reproducibility stamp). */
  csv?: boolean;
  /** Outputs to plot instead of the scenario's (species, observables and assignment rules by id). */
  outputs?: string[];
  /** Sample the dense output adaptively for plotting (adaptive-sampling.ts) instead of at the scenario's times. */
  adaptive?: boolean;
}

export interface SweepRequest {
  type: 'sweep';
  id: number;
  text: string;
  fileName: string;
  /** Indices into `sweepGrid(scenario)` this worker evaluates, in order. */
  indices: number[];
}

/** Start up and compile the model now, so the first real request does not wait for it. */
export interface WarmRequest {
  type: 'warm';
  id: number;
}

export type WorkerRequest = RunRequest | SweepRequest | WarmRequest;

export interface OutputSeries {
  id: string;
  unit: string;
  t: Float64Array;
  values: Float64Array;
}

export interface RunResultMessage {
  type: 'run-result';
  id: number;
  /** The solver's status; anything but 'success' comes with a message and a partial result. */
  status: string;
  message: string;
  outputs: OutputSeries[];
  stats: Record<string, number>;
  /** Time spent in the worker: parse, compile (0 when cached) and solve, in ms. */
  parseMs: number;
  compileMs: number;
  solveMs: number;
  /** Number of the scenario's output times. */
  samples: number;
  /** Number of plotted sample times (the scenario's times plus the adaptive ones), before decimation. */
  plotSamples: number;
  /** The reproducibility stamp of this run (as on every export). */
  stamp: Stamp;
  /** The result as `ferrosim run --out x.csv` writes it, when requested. */
  csv?: string;
  /** 'interpreted' when the page's CSP refused generated code (see DEVELOPERS.md). */
  compileMode: 'codegen' | 'interpreted';
}

export interface SweepPointMessage {
  type: 'sweep-point';
  id: number;
  index: number;
  value: number;
  /** The solver's status for this point; anything but 'success' makes `value` NaN. */
  status: string;
  /** What went wrong, when the point failed. */
  message: string;
  steps: number;
}

export interface SweepDoneMessage {
  type: 'sweep-done';
  id: number;
}

/** A request that could not be carried out: scenario errors (with lines) or an internal failure. */
export interface ErrorMessage {
  type: 'error';
  id: number;
  errors: LocatedError[];
  message: string;
}

export type WorkerResponse = RunResultMessage | SweepPointMessage | SweepDoneMessage | ErrorMessage;
