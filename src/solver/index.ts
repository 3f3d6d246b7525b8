/**
 * ferrosim's ODE solvers (see DESIGN.md, "Contract: the solver"): `solve(problem, options)` with
 * Rodas5P as the default stiff method and 'odex' as a non-stiff comparison.
 */
import { solveRosenbrock } from './driver.ts';
import { solveOdex } from './odex.ts';
import { rodas5p } from './tableaus/rodas5p.ts';
import type { OdeProblem, Solution, SolveOptions } from './types.ts';
import { validate, type InternalSolveOptions } from './validate.ts';

export type {
  Checkpoint, EventSpec, MethodName, OdeProblem, Solution, SolveOptions, SolveStatus, SolverStats, SolverWorkspace,
} from './types.ts';
export { createWorkspace } from './workspace.ts';
export { formatStats, statsCsv } from './stats.ts';
export { METHODS } from './validate.ts';

/**
 * Integrates problem.rhs from tspan[0] to tspan[1]. Invalid arguments throw (RangeError or
 * TypeError naming the argument); numerical failure is returned in `status` and `message`,
 * with the partial solution up to the point of failure.
 */
export function solve(problem: OdeProblem, options: SolveOptions = {}): Solution {
  const settings = validate(problem, options as InternalSolveOptions);
  if (settings.method === 'odex') return solveOdex(problem, settings);
  return solveRosenbrock(problem, settings, rodas5p);
}
