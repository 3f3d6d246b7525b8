/** The reproducibility stamp on files the page exports (the CLI's fields, with the browser as runtime). */
import type { Scenario, Stamp } from '../scenario/index.ts';
import { populationLabel } from '../scenario/population.ts';
import pkg from '../../package.json' with { type: 'json' };

function runtime(): string {
  const ua = typeof navigator !== 'undefined' ? navigator.userAgent : '';
  const m = /(Chrome|Firefox|Version)\/([\d.]+)/.exec(ua);
  return m ? `browser ${m[1] === 'Version' ? 'Safari' : m[1]} ${m[2]}` : 'browser';
}

export function browserStamp(scenario: Scenario, modelHash: string, scenarioHash: string): Stamp {
  return {
    ferrosim: typeof FERROSIM_BUILD !== 'undefined' ? FERROSIM_BUILD.version : pkg.version,
    // Injected by scripts/build.ts; '' (written "unknown") only when the app is not built from a git checkout.
    commit: typeof FERROSIM_BUILD !== 'undefined' ? FERROSIM_BUILD.commit : '',
    model: scenario.model,
    modelHash,
    scenario: scenario.name,
    scenarioHash,
    method: scenario.solver.method,
    rtol: scenario.solver.rtol,
    atol: scenario.solver.atol,
    ...(scenario.population ? { population: populationLabel(scenario.population) } : {}),
    node: runtime(),
  };
}
