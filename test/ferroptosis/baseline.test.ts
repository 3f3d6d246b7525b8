/**
 * The untreated baseline (model-notes "Baseline"): the declared initial values are a steady state,
 * cells stay alive for 7 days, and `steadyState` finds steady states of modified cells or reports
 * clearly when there is none.
 */
import { describe, expect, it } from 'vitest';
import { compileModel, ferroptosis, steadyState } from '../../src/model/index.ts';
import { solve } from '../../src/solver/index.ts';

const model = compileModel(ferroptosis);
const n = model.speciesIds.length;

describe('untreated baseline', () => {
  it('the declared initial values are a steady state: every |dy/dt| < 1e-6 × the state scale', () => {
    const f = new Float64Array(n);
    model.rhs(0, model.y0, model.p0, model.u0, f);
    for (let i = 0; i < n; i++) {
      const scale = Math.max(Math.abs(model.y0[i]), 1e-6);
      expect(Math.abs(f[i]) / scale, model.speciesIds[i]).toBeLessThan(1e-6);
    }
  });

  it('sits at the baseline values of model-notes A.1 (GSH 5 mM, LIP 1 µM, GPX4 0.05 µM, r.u. states 1)', () => {
    const y = (id: string) => model.y0[(model.speciesIds as readonly string[]).indexOf(id)];
    expect(y('GSH')).toBeCloseTo(5000, 6);
    expect(y('LIP')).toBeCloseTo(1, 9);
    expect(y('GPX4')).toBeCloseTo(0.05, 9);
    for (const id of ['xCT', 'GCL', 'FSP1', 'ACSL4', 'NRF2', 'TfR1', 'IRP', 'FPN', 'IkBa']) expect(y(id), id).toBeCloseTo(1, 9);
    expect(y('viability')).toBe(1);
  });

  it('the normalised observables are 1 at baseline', () => {
    const out = new Float64Array(model.observableIds.length);
    model.observables(0, model.y0, model.p0, model.u0, out);
    for (let k = 0; k < out.length; k++) expect(out[k], model.observableIds[k]).toBeCloseTo(1, 9);
  });

  it('viability stays above 0.99 for 7 days and the state does not drift', () => {
    const sol = solve(model.toProblem({ tspan: [0, 168] }), { saveAt: [24, 72, 168] });
    expect(sol.status).toBe('success');
    for (let k = 0; k < sol.t.length; k++) {
      expect(sol.y[k * n + model.speciesIds.indexOf('viability')]).toBeGreaterThan(0.99);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(sol.y[k * n + i] - model.y0[i]), model.speciesIds[i]).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(model.y0[i]), 1e-3));
      }
    }
  });
});

describe('steadyState', () => {
  it('returns the declared baseline at once (Newton, no iterations needed)', () => {
    const r = steadyState(model);
    expect(r.ok).toBe(true);
    expect(r.method).toBe('newton');
    expect(r.maxScaledResidual).toBeLessThan(1e-6);
  });

  it('finds the new steady state of a modified cell, and integration confirms it', () => {
    const parameters = { NRF2_expression: 3 };
    const r = steadyState(model, { parameters });
    expect(r.ok).toBe(true);
    const nrf2 = r.y[model.speciesIds.indexOf('NRF2')];
    expect(nrf2).toBeGreaterThan(2.5);
    const sol = solve(model.toProblem({ tspan: [0, 200], y0: r.y, parameters }), { saveAt: [200] });
    for (let i = 0; i < n; i++) {
      expect(Math.abs(sol.y[i] - r.y[i]), model.speciesIds[i]).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(r.y[i]), 1e-3));
    }
  });

  it('finds a steady state under constant inputs (IFN-γ) from the untreated state', () => {
    const r = steadyState(model, { inputs: { IFNG: 10 } });
    expect(r.ok).toBe(true);
    expect(r.y[model.speciesIds.indexOf('xCT')]).toBeLessThan(0.5);
  });

  it('finds the dead population as a steady state (RSL3 without membrane repair): dead cells do not re-acylate PUFA, so peroxidation burns out', () => {
    const r = steadyState(model, { inputs: { RSL3: 1 }, parameters: { k_repair: 0 } });
    expect(r.ok).toBe(true);
    expect(r.y[model.speciesIds.indexOf('viability')]).toBeLessThan(1e-6);
    expect(r.y[model.speciesIds.indexOf('PUFA')]).toBeLessThan(1e-6);
  });

  it('reports clearly when there is no steady state (RSL3 in cells that neither repair membranes nor die: damage only grows)', () => {
    const r = steadyState(model, { inputs: { RSL3: 1 }, parameters: { k_repair: 0, k_death: 0 } });
    expect(r.ok).toBe(false);
    expect(r.maxScaledResidual).toBeGreaterThan(1e-6);
    expect(r.message).toMatch(/^no steady state found: Newton stalled at scaled residual \S+; .*furthest from steady: \w+ \(d\/dt = /);
  });

  it('rejects unknown ids with a suggestion', () => {
    expect(() => steadyState(model, { inputs: { erastn: 1 } })).toThrow(/unknown input 'erastn'.*erastin/);
    expect(() => steadyState(model, { parameters: { nope: 1 } })).toThrow(/unknown parameter 'nope'/);
  });
});
