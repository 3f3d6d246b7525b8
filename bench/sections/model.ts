/**
 * Bench section: the built-in ferroptosis model. One 72-h solve of the untreated baseline and of
 * erastin 10 µM (median wall time, steps, LU factorisations), the cost of the compiled right-hand
 * side and Jacobian per call, and a 25-point erastin dose sweep (24-h viability). Target from
 * issue 4: a 72-h solve in at most 1 ms.
 */
import type { BenchContext } from '../lib/context.ts';
import { measure } from '../lib/timing.ts';
import { compileModel, ferroptosis, steadyState } from '../../src/model/index.ts';
import { createWorkspace, solve } from '../../src/solver/index.ts';

export default async function modelSection(ctx: BenchContext): Promise<string> {
  const model = compileModel(ferroptosis);
  const n = model.speciesIds.length;
  const timing = ctx.quick ? { minRuns: 3, minMs: 100 } : { minRuns: 10, minMs: 1000 };
  const workspace = createWorkspace(n);

  const rows: string[] = [];
  const results: Record<string, unknown> = {};
  for (const [label, inputs] of [['baseline', {}], ['erastin 10 µM', { erastin: 10 }], ['RSL3 1 µM', { RSL3: 1 }]] as const) {
    ctx.log(`model: 72-h solve, ${label}`);
    const problem = model.toProblem({ tspan: [0, 72], inputs });
    const sol = solve(problem, { saveAt: [72], workspace });
    const t = measure(() => solve(problem, { saveAt: [72], workspace }), timing);
    const s = sol.stats;
    rows.push(`| ${label} | ${sol.status} | ${t.medianMs.toFixed(2)} | ${t.p90Ms.toFixed(2)} | ${s.steps} | ${s.rejected} | ${s.factorizations} | ${s.rhsEvals} |`);
    results[label] = { status: sol.status, timing: t, stats: s };
  }

  // Kernel cost: the generated rhs and Jacobian at the baseline state.
  const out = new Float64Array(n);
  const J = new Float64Array(n * n);
  const calls = ctx.quick ? 20_000 : 200_000;
  const y = Float64Array.from(model.y0);
  const rhsT = measure(() => {
    for (let k = 0; k < calls; k++) model.rhs(0, y, model.p0, model.u0, out);
  }, { minRuns: 3, minMs: ctx.quick ? 50 : 300 });
  const jacT = measure(() => {
    for (let k = 0; k < calls / 10; k++) model.jacobian(0, y, model.p0, model.u0, J);
  }, { minRuns: 3, minMs: ctx.quick ? 50 : 300 });
  const rhsNs = (rhsT.medianMs * 1e6) / calls;
  const jacNs = (jacT.medianMs * 1e6) / (calls / 10);
  results.kernels = { rhsNsPerCall: rhsNs, jacobianNsPerCall: jacNs };

  // 25-point erastin dose sweep, 24-h viability, one workspace reused.
  ctx.log('model: 25-point erastin sweep');
  const doses = Array.from({ length: 25 }, (_, k) => 10 ** (-2 + (4 * k) / 24));
  const vi = model.speciesIds.indexOf('viability');
  const sweep = () => {
    for (const erastin of doses) {
      const sol = solve(model.toProblem({ tspan: [0, 24], inputs: { erastin } }), { saveAt: [24], workspace });
      if (sol.status !== 'success') throw new Error(`sweep: erastin ${erastin} µM failed: ${sol.message}`);
      void sol.y[vi];
    }
  };
  const sweepT = measure(sweep, ctx.quick ? { minRuns: 1, minMs: 0, warmup: 1 } : { minRuns: 3, minMs: 500, warmup: 1 });
  results.sweep = { points: doses.length, timing: sweepT };

  const ssT = measure(() => steadyState(model, { parameters: { NRF2_expression: 3 } }), { minRuns: 3, minMs: ctx.quick ? 50 : 300 });
  results.steadyStateModified = ssT;
  ctx.saveJson('model', results);

  return [
    '## Model: ferroptosis (31 states, 72-h solves with Rodas5P, default tolerances)',
    '',
    '| scenario | status | median ms | p90 ms | steps | rejected | LU factorisations | rhs calls |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Compiled kernels at the baseline state: rhs ${rhsNs.toFixed(0)} ns/call, Jacobian ${jacNs.toFixed(0)} ns/call.`,
    '',
    `25-point erastin sweep (0.01–100 µM, 24-h viability): ${sweepT.medianMs.toFixed(1)} ms total ` +
      `(${(sweepT.medianMs / doses.length).toFixed(2)} ms per point).`,
    '',
    `Steady state of a modified cell (NRF2_expression = 3, Newton from the default baseline): ${ssT.medianMs.toFixed(1)} ms.`,
    '',
    'Target (issue 4): a 72-h solve in at most 1 ms.',
    '',
  ].join('\n');
}
