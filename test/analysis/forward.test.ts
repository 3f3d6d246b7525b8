/**
 * Local sensitivities of the ferroptosis model from the solver agree with central finite
 * differences of ordinary runs, from the untreated steady state (∂y*∕∂p = −J⁻¹·∂f∕∂p) and through
 * an input switch (erastin at 24 h).
 */
import { describe, expect, it } from 'vitest';
import { forwardSensitivities } from '../../src/analysis/forward.ts';
import { steadyState } from '../../src/model/steady-state.ts';
import { parseScenario, requireModel, runScenario, type Scenario } from '../../src/scenario/index.ts';

function scenario(text: string): Scenario {
  const r = parseScenario(text, 'inline.yaml');
  if (!r.scenario) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
}

const model = requireModel('ferroptosis');
/** One parameter or more from each module of the model. */
const PARAMS = ['K_IFNG', 'k_STAT1_act', 'k_xCT_deg', 'k_GSH_loss', 'a_NRF2', 'k_TfR1_syn', 'k_GPX4_syn', 'PUFA_max', 'k_death'];

function check(sc: Scenario, outputs: string[], t: number) {
  const r = forwardSensitivities(model, sc, { parameters: PARAMS, outputs, times: [t] });
  expect(r.status).toBe('success');
  const np = PARAMS.length;
  for (const [k, out] of outputs.entries()) {
    const value = r.outputs[k].values[0];
    const plain = runScenario(sc, { model, outputs: [out], times: [t] }).outputs[0].values[0];
    expect(Math.abs(value - plain)).toBeLessThan(1e-5 * Math.abs(plain) + 1e-9);
    PARAMS.forEach((id, j) => {
      const p0 = model.p0[model.parameterIds.indexOf(id)];
      const h = p0 * 1e-4;
      const tight = { ...sc, solver: { ...sc.solver, rtol: 1e-10, atol: 1e-13 } };
      const at = (v: number) => {
        // The reference starts from a steady state converged far below the runner's default
        // tolerance: a 1e-6 residual leaves a drift that central differences would amplify.
        const parameters = { ...sc.parameters, [id]: v };
        const ss = steadyState(model, { parameters, tol: 1e-13 });
        const initial = Object.fromEntries(model.speciesIds.map((s, i) => [s, ss.y[i]]));
        return runScenario({ ...tight, start: 'initial', initial, parameters }, { model, outputs: [out], times: [t], checkpoints: false }).outputs[0].values[0];
      };
      const fd = (at(p0 + h) - at(p0 - h)) / (2 * h);
      const sens = r.derivatives[k * np + j];
      // Compared as normalised sensitivities ∂ln r/∂ln p, the quantity the analyses report; the
      // sensitivities come from a solve at the scenario's rtol 1e-6, so about 1e-5 is their accuracy.
      expect(Math.abs(sens - fd) * p0 / Math.abs(value)).toBeLessThan(1e-5);
    });
  }
}

describe('forward sensitivities of the ferroptosis model', () => {
  it('agree with finite differences at baseline, from the steady start', () => {
    check(scenario('name: s\ndescription: d\nmodel: ferroptosis\ntime: { end: 72, points: 2 }\nsolver: { rtol: 1.0e-6 }\n'), ['GSH', 'PLOOH'], 72);
  });

  it('agree with finite differences under IFN-γ and erastin added at 24 h', () => {
    check(scenario('name: s\ndescription: d\nmodel: ferroptosis\ntime: { end: 72, points: 2 }\nsolver: { rtol: 1.0e-6 }\ninputs:\n  IFNG: 10\n  erastin: [{ at: 24, value: 0.5 }]\n'), ['GSH', 'lipidROS'], 48);
  });
});
