/**
 * Accuracy of the shipped scenarios at given solver tolerances, against a tight reference (rtol
 * 1e-10): for each scenario the largest error as a fraction of its golden tolerance
 * (|x − ref| / (atol_g + rtol_g·|ref|)) over every output at every time, and over every sweep
 * point's readout. This is how the scenario default tolerances (DEFAULT_SOLVER) were chosen;
 * test/scenario/accuracy.test.ts asserts the rule (≤ 1/3) for the defaults.
 *
 *   npx tsx scripts/accuracy-scan.ts [rtol:atol ...]     e.g. 1e-6:1e-9 3e-5:1e-9 1e-4:1e-8
 *   ONLY=tnf npx tsx scripts/accuracy-scan.ts ...        only the scenario files whose name contains 'tnf'
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioAccuracy } from '../src/scenario/accuracy.ts';
import { requireModel } from '../src/scenario/index.ts';
import { loadScenarioFile } from '../src/scenario/load-file.ts';

const dir = join(import.meta.dirname, '..', 'scenarios');
const candidates = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['1e-6:1e-9', '1e-5:1e-9', '3e-5:1e-9', '1e-4:1e-9']).map((c) => {
  const [rtol, atol] = c.split(':').map(Number);
  return { rtol: rtol!, atol: atol! };
});
console.log(`scenario | ${candidates.map((c) => `rtol ${c.rtol} atol ${c.atol}`).join(' | ')}`);
for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml') && x.includes(process.env.ONLY ?? '')).sort()) {
  const { scenario } = loadScenarioFile(join(dir, f));
  if (!scenario) throw new Error(`${f} does not parse`);
  const t0 = performance.now();
  const rows = scenarioAccuracy(requireModel(scenario.model), scenario, candidates);
  console.log(`${f} | ${rows.map((r) => `${r.worst.toFixed(3)} (${r.where}; steps ${r.steps})`).join(' | ')} | ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
