/**
 * Analyses (issue 15 targets, single cell): local sensitivities of one 72-h readout to all 157
 * parameters (target ≤ 0.2 s), Morris with 20 trajectories over 157 parameters (≤ 15 s), Sobol
 * with 1024 base samples over 20 parameters (≤ 40 s on 2 cores), a 5-parameter fit with 20 starts
 * (≤ 30 s). The plain solve of the same scenario is timed in the same run for the ratio. `--quick`
 * runs small designs (and says so in the table).
 */
import { runFit } from '../../src/analysis/fit.ts';
import { parseFitData } from '../../src/analysis/fit-data.ts';
import { designSize, globalIndices, localSensitivities } from '../../src/analysis/sensitivity.ts';
import { runSweepPoints } from '../../src/cli/pool.ts';
import { parseScenario, requireModel, runScenario, unitOf, type Scenario } from '../../src/scenario/index.ts';
import type { BenchContext } from '../lib/context.ts';
import { median } from '../lib/timing.ts';

const HEAD = 'name: bench-analysis\ndescription: d\nmodel: ferroptosis\ntime: { end: 72, points: 2 }\ninputs:\n  IFNG: 10\n  erastin: [{ at: 24, value: 1 }]\n';

function scenario(block: string): { sc: Scenario; text: string } {
  const text = HEAD + block;
  const r = parseScenario(text, 'bench-analysis.yaml');
  if (!r.scenario) throw new Error(r.errors.map((e) => e.message).join('; '));
  return { sc: r.scenario, text };
}

export default async function analysis(ctx: BenchContext): Promise<string> {
  const model = requireModel('ferroptosis');
  const rows: string[][] = [];
  const time = (fn: () => void, n: number) => {
    const t: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      fn();
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  // A range for every parameter the designs vary: 2-fold around the value, log-uniform.
  const around = (ids: string[]) => ids.map((id) => {
    const v = model.p0[model.parameterIds.indexOf(id)];
    return `    ${id}: { from: ${v / 2}, to: ${v * 2} }`;
  }).join('\n');
  const positive = model.parameterIds.filter((id) => model.p0[model.parameterIds.indexOf(id)] > 0);

  const local = scenario('sensitivity:\n  method: local\n  readout: { output: GSH, at: 72 }\n');
  localSensitivities(local.sc, model); // warm-up (code generation, JIT)
  const plainMs = time(() => runScenario(local.sc, { model, outputs: ['GSH'], times: [72], checkpoints: false }), ctx.quick ? 3 : 7);
  const localMs = time(() => localSensitivities(local.sc, model), ctx.quick ? 3 : 7);
  rows.push([`local, ${model.parameterIds.length} parameters, GSH at 72 h`, '1 sensitivity solve', `${(localMs / 1000).toFixed(3)} s`, '≤ 0.2 s', `${(localMs / plainMs).toFixed(1)}× one plain solve (${plainMs.toFixed(0)} ms)`]);

  const global = async (label: string, block: string, target: string) => {
    const g = scenario(block);
    const n = designSize(g.sc);
    ctx.log(`analysis: ${label}: ${n} solves`);
    const t0 = performance.now();
    const results = await runSweepPoints(g.sc, { text: g.text, fileName: 'bench-analysis.yaml' }, Array.from({ length: n }, (_, i) => i), { workers: 2, kind: 'sensitivity' });
    globalIndices(g.sc, model, results);
    const s = (performance.now() - t0) / 1000;
    rows.push([label, `${n} solves, 2 threads`, `${s.toFixed(1)} s`, target, `${(s * 1000 / n).toFixed(0)} ms per solve`]);
  };
  const trajectories = ctx.quick ? 2 : 20;
  await global(`morris, ${trajectories} trajectories × ${positive.length} parameters`, `sensitivity:\n  method: morris\n  readout: { output: GSH, at: 72 }\n  samples: ${trajectories}\n  parameters:\n${around(positive)}\n`, '≤ 15 s (20 trajectories)');
  const base = ctx.quick ? 16 : 1024;
  await global(`sobol, ${base} base samples × 20 parameters`, `sensitivity:\n  method: sobol\n  readout: { output: GSH, at: 72 }\n  samples: ${base}\n  bootstrap: 200\n  parameters:\n${around(positive.slice(0, 20))}\n`, '≤ 40 s (1024 samples)');

  // Fit: synthetic GSH/xCT time course from the scenario's own values, 5 parameters from 2-fold off.
  const fitIds = ['k_GSH_loss', 'k_xCT_deg', 'a_NRF2', 'V_GCL', 'K_IFNG'];
  const starts = ctx.quick ? 2 : 20;
  const truth = runScenario(local.sc, { model, outputs: ['GSH', 'xCT'], times: [6, 12, 24, 30, 36, 48, 60, 72] });
  const csvRows: string[] = ['time [h],GSH [µM],xCT [r.u.]'];
  for (let i = 0; i < truth.times.length; i++) csvRows.push(`${truth.times[i]},${truth.outputs[0].values[i]},${truth.outputs[1].values[i]}`);
  const csv = csvRows.join('\n');
  const f = scenario(`parameters: { ${fitIds.map((id) => `${id}: ${model.p0[model.parameterIds.indexOf(id)] * 1.5}`).join(', ')} }\nfit:\n  data: data.csv\n  starts: ${starts}\n  sd: 0.05\n  parameters:\n${around(fitIds).replace(/from: ([\d.e+-]+), to: ([\d.e+-]+)/g, (_m, a, b) => `from: ${Number(a) / 2}, to: ${Number(b) * 2}`)}\n`);
  const data = parseFitData(csv, 'data.csv', f.sc, ['GSH', 'xCT'], (id) => unitOf(model, id));
  const t0 = performance.now();
  const fr = runFit(model, f.sc, data);
  const fs = (performance.now() - t0) / 1000;
  rows.push([`fit, 5 parameters, ${starts} starts, profiles`, `${fr.solves} sensitivity solves`, `${fs.toFixed(1)} s`, '≤ 30 s (20 starts)', `χ² ${fr.objective.toExponential(2)}, ${fr.converged}/${fr.starts} converged`]);
  ctx.saveJson('analysis', { rows });
  return ['## Analyses (single cell)', '', '| what | work | time | target | note |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
