/**
 * Argument checks for `solve`: caller mistakes throw a RangeError/TypeError that names the
 * argument, states the constraint and shows the value (numerical failures are returned in
 * Solution.status instead). Produces the normalised settings the drivers use.
 */
import { checkCsrPattern } from './lu-sparse.ts';
import type { Checkpoint, EventSpec, OdeProblem, SolveOptions } from './types.ts';
import { Workspace } from './workspace.ts';

export const METHODS = ['rodas5p', 'odex'] as const;
export type Method = (typeof METHODS)[number];

/** Options only the tests and benchmarks use. */
export interface InternalSolveOptions extends SolveOptions {
  /** Take steps of exactly this size (shortened only to land on tstops and t1), accepting every step. */
  fixedStep?: number;
}

export interface Settings {
  method: Method;
  n: number;
  t0: number;
  t1: number;
  rtol: number;
  /** Scalar atol, or null when per-state. */
  atolScalar: number | null;
  atolVector: Float64Array | null;
  /** Sorted output times, or null for "every accepted step". */
  saveAt: Float64Array | null;
  /** Sorted, de-duplicated tstops in [t0, t1]. */
  tstops: Float64Array;
  onTstop: NonNullable<SolveOptions['onTstop']> | null;
  resume: Checkpoint | null;
  maxSteps: number;
  h0: number | null;
  hmax: number;
  workspace: Workspace | null;
  events: EventSpec | null;
  fixedStep: number | null;
  linearSolver: 'auto' | 'dense' | 'sparse';
}

const fmt = (v: unknown): string => (typeof v === 'number' ? String(v) : typeof v === 'string' ? `'${v}'` : String(v));

function finiteNumber(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number. Value: ${fmt(v)}`);
  return v;
}

function positiveNumber(name: string, v: unknown): number {
  const x = finiteNumber(name, v);
  if (!(x > 0)) throw new RangeError(`${name} must be greater than 0. Value: ${x}`);
  return x;
}

function numberList(name: string, v: ArrayLike<number>): Float64Array {
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers. Value: ${fmt(v)}`);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be a finite number. Value: ${fmt(x)}`);
    out[i] = x;
  }
  return out;
}

export function validate(problem: OdeProblem, options: InternalSolveOptions): Settings {
  if (problem === null || typeof problem !== 'object') throw new TypeError(`problem must be an object with n, rhs, y0 and tspan. Value: ${fmt(problem)}`);
  const n = problem.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new RangeError(`problem.n must be a non-negative integer. Value: ${fmt(n)}`);
  if (typeof problem.rhs !== 'function') throw new TypeError('problem.rhs must be a function (t, y, dydt) => void');
  if (problem.jacobian !== undefined && typeof problem.jacobian !== 'function') {
    throw new TypeError('problem.jacobian must be a function (t, y, J) => void, or left out for finite differences');
  }
  const y0 = problem.y0;
  if (y0 === null || typeof y0 !== 'object' || typeof y0.length !== 'number') throw new TypeError(`problem.y0 must be a Float64Array of length n = ${n}`);
  if (y0.length !== n) throw new RangeError(`problem.y0 must have length n = ${n}. Length: ${y0.length}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y0[i])) throw new RangeError(`problem.y0[${i}] must be finite. Value: ${y0[i]}`);
  }
  const tspan = problem.tspan;
  if (!Array.isArray(tspan) || tspan.length !== 2) throw new TypeError(`problem.tspan must be [t0, t1]. Value: ${fmt(tspan)}`);
  const t0 = finiteNumber('problem.tspan[0] (t0)', tspan[0]);
  const t1 = finiteNumber('problem.tspan[1] (t1)', tspan[1]);
  if (t1 < t0) throw new RangeError(`problem.tspan: t1 must be greater than or equal to t0 (integration runs forward). Value: [${t0}, ${t1}]`);

  const opts = options ?? {};
  if (typeof opts !== 'object') throw new TypeError(`options must be an object. Value: ${fmt(opts)}`);
  const methodName = opts.method ?? 'rodas5p';
  if (!(METHODS as readonly string[]).includes(methodName)) {
    throw new RangeError(`options.method must be one of ${METHODS.map((m) => `'${m}'`).join(', ')}. Value: ${fmt(methodName)}`);
  }
  const method = methodName as Method;

  const rtol = opts.rtol === undefined ? 1e-6 : positiveNumber('options.rtol', opts.rtol);
  if (rtol < 100 * Number.EPSILON) throw new RangeError(`options.rtol must be at least 100·eps = ${100 * Number.EPSILON}. Value: ${rtol}`);
  let atolScalar: number | null = null;
  let atolVector: Float64Array | null = null;
  if (opts.atol === undefined) atolScalar = 1e-9;
  else if (typeof opts.atol === 'number') atolScalar = positiveNumber('options.atol', opts.atol);
  else if (opts.atol instanceof Float64Array) {
    if (opts.atol.length !== n) throw new RangeError(`options.atol (per state) must have length n = ${n}. Length: ${opts.atol.length}`);
    for (let i = 0; i < n; i++) {
      const v = opts.atol[i];
      if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`options.atol[${i}] must be a finite number greater than 0. Value: ${v}`);
    }
    atolVector = opts.atol;
  } else throw new TypeError(`options.atol must be a number or a Float64Array of length n = ${n}. Value: ${fmt(opts.atol)}`);

  let saveAt: Float64Array | null = null;
  if (opts.saveAt !== undefined) {
    saveAt = numberList('options.saveAt', opts.saveAt);
    for (let i = 0; i < saveAt.length; i++) {
      if (saveAt[i] < t0 || saveAt[i] > t1) throw new RangeError(`options.saveAt[${i}] must lie in tspan [${t0}, ${t1}]. Value: ${saveAt[i]}`);
      if (i > 0 && saveAt[i] < saveAt[i - 1]) throw new RangeError(`options.saveAt must be sorted ascending; saveAt[${i}] = ${saveAt[i]} < saveAt[${i - 1}] = ${saveAt[i - 1]}`);
    }
  }

  // Tstops outside the span are allowed (a schedule may reach past the end) and dropped here.
  let tstops = new Float64Array(0);
  if (opts.tstops !== undefined) {
    const all = Array.from(numberList('options.tstops', opts.tstops)).filter((x) => x >= t0 && x <= t1).sort((a, b) => a - b);
    tstops = Float64Array.from(all.filter((x, i) => i === 0 || x !== all[i - 1]));
  }
  if (opts.onTstop !== undefined && typeof opts.onTstop !== 'function') throw new TypeError('options.onTstop must be a function (t, y) => void');

  let maxSteps = 100_000;
  if (opts.maxSteps !== undefined) {
    maxSteps = positiveNumber('options.maxSteps', opts.maxSteps);
    if (!Number.isInteger(maxSteps)) throw new RangeError(`options.maxSteps must be a positive integer. Value: ${maxSteps}`);
  }
  const h0 = opts.h0 === undefined ? null : positiveNumber('options.h0', opts.h0);
  const hmax = opts.hmax === undefined ? Math.max(t1 - t0, Number.MIN_VALUE) : positiveNumber('options.hmax', opts.hmax);

  let workspace: Workspace | null = null;
  if (opts.workspace !== undefined) {
    if (!(opts.workspace instanceof Workspace)) throw new TypeError('options.workspace must come from createWorkspace(n)');
    if (opts.workspace.n !== n) throw new RangeError(`options.workspace was created for n = ${opts.workspace.n}, but problem.n = ${n}`);
    workspace = opts.workspace;
  }

  let events: EventSpec | null = null;
  if (opts.events !== undefined) {
    const ev = opts.events;
    if (ev === null || typeof ev !== 'object') throw new TypeError('options.events must be { count, g, onEvent }');
    if (!Number.isInteger(ev.count) || ev.count < 0) throw new RangeError(`options.events.count must be a non-negative integer. Value: ${fmt(ev.count)}`);
    if (typeof ev.g !== 'function') throw new TypeError('options.events.g must be a function (t, y, out) => void');
    if (typeof ev.onEvent !== 'function') throw new TypeError('options.events.onEvent must be a function (t, y, fired) => boolean | void');
    events = ev;
  }

  const fixedStep = opts.fixedStep === undefined ? null : positiveNumber('options.fixedStep', opts.fixedStep);

  const pattern = problem.jacobianPattern;
  if (pattern !== undefined) {
    if (pattern === null || typeof pattern !== 'object' || !(pattern.rowPtr instanceof Int32Array) || !(pattern.colIdx instanceof Int32Array)) {
      throw new TypeError(`problem.jacobianPattern must be { rowPtr: Int32Array (length n + 1 = ${n + 1}); colIdx: Int32Array }, or left out`);
    }
    const bad = checkCsrPattern(n, pattern, 'problem.jacobianPattern');
    if (bad !== '') throw new RangeError(bad);
  }
  const linearSolver = opts.linearSolver ?? 'auto';
  if (linearSolver !== 'auto' && linearSolver !== 'dense' && linearSolver !== 'sparse') {
    throw new RangeError(`options.linearSolver must be one of 'auto', 'dense', 'sparse'. Value: ${fmt(linearSolver)}`);
  }
  if (linearSolver === 'sparse' && problem.jacobianPattern === undefined && method === 'rodas5p') {
    throw new RangeError("options.linearSolver 'sparse' needs problem.jacobianPattern (the Jacobian's structural nonzeros in CSR form)");
  }

  const resume = opts.resume === undefined ? null : checkResume(opts.resume, { method, n, t1, saveAt, tstops, maxSteps, events });

  return {
    method, n, t0, t1, rtol, atolScalar, atolVector, saveAt, tstops,
    onTstop: opts.onTstop ?? null, resume, maxSteps, h0, hmax, workspace, events, fixedStep, linearSolver,
  };
}

/** A checkpoint must fit the solve it resumes: its time a tstop, its rows the start of saveAt. */
function checkResume(
  cp: Checkpoint,
  s: { method: Method; n: number; t1: number; saveAt: Float64Array | null; tstops: Float64Array; maxSteps: number; events: EventSpec | null },
): Checkpoint {
  if (cp === null || typeof cp !== 'object' || !(cp.y instanceof Float64Array) || !(cp.rowsT instanceof Float64Array) || !(cp.rowsY instanceof Float64Array)) {
    throw new TypeError('options.resume must be a checkpoint from an onTstop hook (its checkpoint() result)');
  }
  if (s.method !== 'rodas5p') throw new RangeError(`options.resume needs method 'rodas5p'. Method: ${s.method}`);
  if (s.events !== null) throw new RangeError('options.resume cannot be combined with options.events');
  if (cp.y.length !== s.n || cp.rowsY.length !== cp.rowsT.length * s.n) {
    throw new RangeError(`options.resume was taken from a problem with a different n (state length ${cp.y.length}, problem.n = ${s.n})`);
  }
  if (!(cp.t < s.t1) || !s.tstops.includes(cp.t)) {
    throw new RangeError(`options.resume.t = ${cp.t} must be one of options.tstops before t1 = ${s.t1}: a solve resumes where it landed on a tstop`);
  }
  if (s.saveAt !== null) {
    const rows = cp.rowsT.length;
    let expected = 0;
    while (expected < s.saveAt.length && s.saveAt[expected] < cp.t) expected++;
    let same = rows === expected;
    for (let i = 0; same && i < rows; i++) same = cp.rowsT[i] === s.saveAt[i];
    if (!same) throw new RangeError(`options.resume holds ${rows} output rows before t = ${cp.t}, but options.saveAt has ${expected} there: resume with the saveAt of the solve that took it`);
  }
  if (!(cp.stats.steps < s.maxSteps)) throw new RangeError(`options.resume already used ${cp.stats.steps} steps, options.maxSteps = ${s.maxSteps}`);
  return cp;
}
