/**
 * One design point of a global sensitivity analysis: what a pool worker computes. Kept apart from
 * the local method (which needs the sensitivity code generator and so the model compiler) so a
 * worker that receives a compiled model as data loads only the solver and the scenario runner.
 */
import type { CompiledModel } from '../model/types.ts';
import type { SensitivitySpec } from '../scenario/analysis-blocks.ts';
import type { PointResult } from '../scenario/grid.ts';
import type { Scenario } from '../scenario/types.ts';
import { designFor, fromUnit } from './design.ts';
import { evaluateReadout } from './readout.ts';

export function requireBlock(scenario: Scenario): SensitivitySpec {
  if (!scenario.sensitivity) throw new RangeError(`${scenario.file}: the scenario has no sensitivity: block`);
  return scenario.sensitivity;
}

/** Number of design points the global method evaluates (0 for local). */
export function designSize(scenario: Scenario): number {
  const spec = requireBlock(scenario);
  return spec.method === 'local' ? 0 : designFor(spec).size;
}

const designs = new WeakMap<SensitivitySpec, ReturnType<typeof designFor>>();

/** Readout at design point `index`. */
export function evaluateDesignPoint(scenario: Scenario, model: CompiledModel, index: number): PointResult {
  const spec = requireBlock(scenario);
  let design = designs.get(spec);
  if (!design) designs.set(spec, (design = designFor(spec)));
  return evaluateReadout(model, scenario, spec.readout, fromUnit(spec.ranges, design.unit(index)), index);
}
