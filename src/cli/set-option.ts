/**
 * `ferrosim run --set id=value` (repeatable): quick what-ifs from the shell. A parameter id sets
 * the parameter, an input id sets the input constant from t = 0 (replacing its schedule), a
 * species id its initial value. Applied to the validated scenario, so the stamp's scenario hash
 * records the change.
 */
import type { CompiledModel } from '../model/types.ts';
import { suggestion, type Scenario } from '../scenario/core.ts';
import { UserError } from './errors.ts';

export function applySets(scenario: Scenario, model: CompiledModel, sets: readonly string[]): Scenario {
  if (sets.length === 0) return scenario;
  const out: Scenario = { ...scenario, parameters: { ...scenario.parameters }, inputs: { ...scenario.inputs }, initial: { ...scenario.initial } };
  const problems: string[] = [];
  for (const s of sets) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(s);
    if (!m) {
      problems.push(`--set '${s}': expected id=value, e.g. --set erastin=5`);
      continue;
    }
    const [, id, text] = m;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      problems.push(`--set ${id}: '${text}' is not a finite number`);
      continue;
    }
    if (model.parameterIds.includes(id)) out.parameters[id] = value;
    else if (model.inputIds.includes(id)) out.inputs[id] = [{ at: 0, value }];
    else if (model.speciesIds.includes(id)) out.initial[id] = value;
    else {
      const ids = [...model.parameterIds, ...model.inputIds, ...model.speciesIds];
      problems.push(`--set ${id}: unknown id in model ${model.name}; ${suggestion(id, ids)}`);
    }
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  return out;
}
