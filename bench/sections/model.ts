/**
 * Bench section: the built-in ferroptosis model. One 72-h solve of the untreated baseline, of
 * erastin 10 µM and of RSL3 1 µM (median wall time, steps, LU factorisations, µs per step: steps
 * are the model's share of the cost, µs per step the solver's), the cost of the compiled right-hand
 * side and Jacobian per call, and 25-point erastin dose sweeps with 24-h and 72-h read-outs. Targets
 * from issue 4: a 72-h solve in at most 1 ms; a 100×100 sweep of 72-h solves in 10 s on 2 cores
 * (about 2 ms per solve).
 */
import type { BenchContext } from '../lib/context.ts';
import { measure } from '../lib/timing.ts';
import { compileModel, ferroptosis, steadyState } from '../../src/model/index.ts';
import { createWorkspace, solve, type Solution } from '../../src/solver/index.ts';

export default async function modelSection(ctx: BenchContext): Promise<string> {
  const model = compileModel(ferroptosis);
  const n = model.speciesIds.length;
  const timing = ctx.quick ? { minRuns: 3, minMs: 100 } : { minRuns: 10, minMs: 1000 };
  const workspace = createWorkspace(n);

  const vi = model.speciesIds.indexOf('viability');
  const rows: string[] = [];
  const results: Record<string, unknown> = {};
  for (const [label, inputs] of [['baseline', {}], ['erastin 10 µM', { erastin: 10 }], ['RSL3 1 µM', { RSL3: 1 }]] as const) {
    ctx.log(`model: 72-h solve, ${label}`);
    const problem = model.toProblem({ tspan: [0, 72], inputs });
    const sol = solve(problem, { saveAt: [72], workspace });
    const t = measure(() => solve(problem, { saveAt: [72], workspace }), timing);
    const s = sol.stats;
    const usPerStep = (t.medianMs * 1000) / s.steps;
    const phases = stepsByPhase(solve(problem, { workspace }), n, vi);
    rows.push(`| ${label} | ${sol.status} | ${t.medianMs.toFixed(2)} | ${t.p90Ms.toFixed(2)} | ${s.steps} | ${s.rejected} | ${s.factorizations} | ${s.rhsEvals} | ${usPerStep.toFixed(1)} | ${phases.alive} / ${phases.dying} / ${phases.dead} |`);
    results[label] = { status: sol.status, timing: t, stats: s, usPerStep, acceptedStepsByPhase: phases };
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

  // 25-point erastin dose sweeps (24-h and 72-h viability), one workspace reused.
  const doses = Array.from({ length: 25 }, (_, k) => 10 ** (-2 + (4 * k) / 24));
  const sweepAt = (hours: number) => {
    ctx.log(`model: 25-point erastin sweep, ${hours}-h read-out`);
    let steps = 0;
    const sweep = () => {
      steps = 0;
      for (const erastin of doses) {
        const sol = solve(model.toProblem({ tspan: [0, hours], inputs: { erastin } }), { saveAt: [hours], workspace });
        if (sol.status !== 'success') throw new Error(`sweep: erastin ${erastin} µM failed: ${sol.message}`);
        void sol.y[vi];
        steps += sol.stats.steps;
      }
    };
    const timing = measure(sweep, ctx.quick ? { minRuns: 1, minMs: 0, warmup: 1 } : { minRuns: 3, minMs: 500, warmup: 1 });
    return { points: doses.length, timing, steps };
  };
  const sweepT = sweepAt(24);
  const sweep72 = sweepAt(72);
  results.sweep = sweepT;
  results.sweep72 = sweep72;

  const ssT = measure(() => steadyState(model, { parameters: { NRF2_expression: 3 } }), { minRuns: 3, minMs: ctx.quick ? 50 : 300 });
  results.steadyStateModified = ssT;
  ctx.saveJson('model', results);

  return [
    '## Model: ferroptosis (31 states, 72-h solves with Rodas5P, default tolerances)',
    '',
    '| scenario | status | median ms | p90 ms | steps | rejected | LU factorisations | rhs calls | µs/step | accepted steps alive / dying / dead |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Compiled kernels at the baseline state: rhs ${rhsNs.toFixed(0)} ns/call, Jacobian ${jacNs.toFixed(0)} ns/call.`,
    '',
    ...([[24, sweepT], [72, sweep72]] as const).map(([h, { timing, steps }]) =>
      `25-point erastin sweep (0.01–100 µM, ${h}-h viability): ${timing.medianMs.toFixed(1)} ms total ` +
        `(${(timing.medianMs / doses.length).toFixed(2)} ms and ${(steps / doses.length).toFixed(0)} steps per point).`),
    '',
    `Steady state of a modified cell (NRF2_expression = 3, Newton from the default baseline): ${ssT.medianMs.toFixed(1)} ms.`,
    '',
    'Alive: viability above 0.99 at the end of the step; dead: below 0.01. Steps spent on dead cells are the model\'s to avoid ' +
      '(see PUFA_incorporation in src/model/ferroptosis/lipid-peroxidation.ts).',
    '',
    'Targets (issue 4): a 72-h solve in at most 1 ms; a 100×100 sweep of 72-h solves in 10 s on 2 cores (about 2 ms per solve).',
    '',
  ].join('\n');
}

/** Accepted steps (a solve that recorded every step) split by the viability at each step's end. */
function stepsByPhase(sol: Solution, n: number, vi: number): { alive: number; dying: number; dead: number } {
  const phases = { alive: 0, dying: 0, dead: 0 };
  for (let k = 1; k < sol.t.length; k++) {
    const v = sol.y[k * n + vi];
    if (v > 0.99) phases.alive++;
    else if (v >= 0.01) phases.dying++;
    else phases.dead++;
  }
  return phases;
}
