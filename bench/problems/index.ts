/**
 * The standard stiff test problems with analytic Jacobians, and their Test Set reference
 * solutions, for solver tests and work-precision benchmarks.
 */
import type { OdeProblem } from '../../src/solver/types.ts';
import { hiresProblem } from './hires.ts';
import { polluProblem } from './pollu.ts';
import { reference } from './reference.ts';
import { roberProblem } from './rober.ts';

export { hiresProblem, polluProblem, roberProblem };
export { mescd, reference, scd } from './reference.ts';

export type StiffProblemName = 'hires' | 'pollu' | 'rober';
export const STIFF_PROBLEMS: readonly StiffProblemName[] = ['hires', 'pollu', 'rober'];

export interface StiffCase {
  name: StiffProblemName;
  problem: OdeProblem;
  ref: Float64Array;
  /** Scalar atol = atolOverRtol · rtol (the reference file's choice for these benchmarks). */
  atolOverRtol: number;
}

export function stiffCase(name: StiffProblemName): StiffCase {
  const r = reference(name);
  const problem = name === 'hires' ? hiresProblem() : name === 'pollu' ? polluProblem() : roberProblem();
  return { name, problem, ref: Float64Array.from(r.ref), atolOverRtol: r.atol_over_rtol };
}
export { jacobianPatternOf, withJacobianPattern } from './pattern.ts';
