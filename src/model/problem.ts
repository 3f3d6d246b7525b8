/**
 * `toProblem`: binds a compiled model to parameter, input and initial vectors and returns the
 * solver's OdeProblem. `p` and `u` are exposed on the problem; the rhs reads them on every call, so
 * the scenario layer changes inputs at tstops by writing into `u` (and may change `p` in place).
 */
import { suggest } from './suggest.ts';
import type { Kernels } from './interpret.ts';
import type { ModelProblem, ToProblemOptions } from './types.ts';

export interface ProblemTables {
  speciesIds: readonly string[];
  parameterIds: readonly string[];
  inputIds: readonly string[];
  y0: Float64Array;
  p0: Float64Array;
  u0: Float64Array;
  /** The Jacobian's structural nonzeros (CSR), handed to the solver for its sparse LU. */
  jacobianPattern?: { rowPtr: Int32Array; colIdx: Int32Array };
  /** True when no rate law (rules inlined) uses `t`: the solver then skips ∂f/∂t. */
  autonomous?: boolean;
}

function applyOverrides(kind: string, option: string, ids: readonly string[], target: Float64Array, overrides: Record<string, number | undefined> | undefined) {
  if (overrides === undefined) return;
  if (overrides === null || typeof overrides !== 'object') throw new TypeError(`toProblem: '${option}' must be an object { id: value }, got ${overrides === null ? 'null' : typeof overrides}`);
  for (const [id, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const k = ids.indexOf(id);
    if (k < 0) throw new RangeError(`toProblem: unknown ${kind} '${id}' in '${option}'${suggest(id, ids)} (valid: ${ids.join(', ') || 'none'})`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`toProblem: ${option}.${id} must be a finite number. Value: ${String(value)}`);
    target[k] = value;
  }
}

export function makeProblem(tables: ProblemTables, kernels: Kernels, options: ToProblemOptions): ModelProblem {
  if (!options || typeof options !== 'object') throw new TypeError('toProblem: expected an options object with at least `tspan`');
  const { tspan } = options;
  if (!Array.isArray(tspan) || tspan.length !== 2 || !tspan.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new RangeError(`toProblem: tspan must be [t0, t1] with finite numbers. Value: ${JSON.stringify(tspan)}`);
  }
  const n = tables.speciesIds.length;
  const p = Float64Array.from(tables.p0);
  const u = Float64Array.from(tables.u0);
  let y0: Float64Array;
  if (options.y0 !== undefined) {
    if (!(options.y0 instanceof Float64Array) || options.y0.length !== n) {
      throw new RangeError(`toProblem: y0 must be a Float64Array of length ${n} (species: ${tables.speciesIds.join(', ')}). Length: ${(options.y0 as { length?: number })?.length}`);
    }
    y0 = Float64Array.from(options.y0);
  } else y0 = Float64Array.from(tables.y0);
  applyOverrides('parameter', 'parameters', tables.parameterIds, p, options.parameters);
  applyOverrides('input', 'inputs', tables.inputIds, u, options.inputs);
  applyOverrides('species', 'initial', tables.speciesIds, y0, options.initial);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y0[i]!)) throw new RangeError(`toProblem: initial value of ${tables.speciesIds[i]} is not finite. Value: ${y0[i]}`);
  }
  const { rhs, jacobian } = kernels;
  const problem: ModelProblem = {
    n,
    y0,
    tspan: [tspan[0], tspan[1]],
    p,
    u,
    rhs: (t, y, dydt) => rhs(t, y, p, u, dydt),
    jacobian: (t, y, J) => jacobian(t, y, p, u, J),
  };
  if (tables.jacobianPattern !== undefined) problem.jacobianPattern = tables.jacobianPattern;
  if (tables.autonomous === true) problem.autonomous = true;
  return problem;
}
