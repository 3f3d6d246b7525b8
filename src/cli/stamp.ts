/** Reproducibility stamp for CLI outputs: versions, git commit, hashes, solver settings. */
import { populationLabel } from '../scenario/population.ts';
import { execFileSync } from 'node:child_process';
import type { CompiledModel } from '../model/types.ts';
import { scenarioHash, type Scenario, type Stamp } from '../scenario/index.ts';
import { ferrosimVersion, root } from './version.ts';

let commit: string | undefined;

/** `git rev-parse --short=12 HEAD` of the ferrosim checkout; '' without git. FERROSIM_COMMIT overrides. */
export function gitCommit(): string {
  if (commit === undefined) {
    if (process.env.FERROSIM_COMMIT !== undefined) return (commit = process.env.FERROSIM_COMMIT);
    try {
      const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      commit = head;
    } catch {
      commit = '';
    }
  }
  return commit;
}

export function makeStamp(model: CompiledModel, scenario: Scenario): Stamp {
  return {
    ferrosim: ferrosimVersion(),
    commit: gitCommit(),
    model: model.name,
    modelHash: model.hash,
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    method: scenario.solver.method,
    rtol: scenario.solver.rtol,
    atol: scenario.solver.atol,
    ...(scenario.population ? { population: populationLabel(scenario.population) } : {}),
    node: process.version,
  };
}
