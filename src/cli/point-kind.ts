/**
 * What a pool index means: a point of the scenario's sweep grid, or of its `sensitivity:` design
 * (src/analysis/design.ts). Both are pure functions of the scenario and the index, so any thread,
 * worker or shard computes the same value for it. Imports stay light (no compiler) for workers.
 */
import { evaluateDesignPoint } from '../analysis/design-point.ts';
import type { CompiledModel } from '../model/types.ts';
import { sweepPointAt, type PointResult } from '../scenario/grid.ts';
import { evaluateSweepPointWith } from '../scenario/sweep.ts';
import type { Scenario } from '../scenario/types.ts';

export type PointKind = 'sweep' | 'sensitivity';

export function pointEvaluator(kind: PointKind, scenario: Scenario, model: CompiledModel): (index: number) => PointResult {
  if (kind === 'sensitivity') return (i) => evaluateDesignPoint(scenario, model, i);
  return (i) => evaluateSweepPointWith(model, scenario, sweepPointAt(scenario, i));
}
