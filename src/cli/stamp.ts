/** Reproducibility stamp for CLI outputs: versions, git commit, hashes, solver settings. */
import { populationLabel } from '../scenario/population.ts';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledModel } from '../model/types.ts';
import { modelSource, scenarioHash, type Scenario, type Stamp } from '../scenario/core.ts';
import { buildCommit, ferrosimVersion, root } from './version.ts';

let commit: string | undefined;

/**
 * The ferrosim commit: in a git checkout of ferrosim, `git rev-parse --short=12 HEAD` (the code that
 * runs may be newer than the last build); in an installed package, the commit it was built from
 * ('' if unknown). FERROSIM_COMMIT overrides. Only ferrosim's own checkout is asked: an installed
 * package inside the user's repository must not report the user's commit.
 */
export function gitCommit(): string {
  if (commit === undefined) {
    if (process.env.FERROSIM_COMMIT !== undefined) return (commit = process.env.FERROSIM_COMMIT);
    if (!existsSync(join(root, '.git'))) return (commit = buildCommit());
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
    ...(modelSource(scenario.model) ? { modelFile: modelSource(scenario.model)! } : {}),
    node: process.version,
  };
}
