/**
 * Heterogeneous populations (`population:` in a scenario, src/scenario/population.ts): the
 * quantile factors are a discretised log-normal with mean 1 and the requested spread; the
 * population output is the mean of the sub-population runs (exact for a model linear in the
 * parameter); the erastin dose-response turns from a switch into a graded curve with the EC50 in
 * place; and the block is validated, round-tripped and stamped like the rest of the file.
 */
import { describe, expect, it } from 'vitest';
import { populationFactors, sliceMidpoints } from '../../src/scenario/population.ts';
import { runScenarioWith } from '../../src/scenario/run.ts';
import { parseScenario, scenarioToYaml, fitHill, sweepGrid, evaluateSweepPoint } from '../../src/scenario/index.ts';
import { decayModel, exactA, parseDecay } from './fixtures.ts';

describe('population factors', () => {
  it('are the midpoints of equal-probability slices of the normal, mapped to a log-normal with mean 1', () => {
    // Φ⁻¹(0.75) = 0.6744897501960817 (any normal table); slices of 2 have midpoints ±Φ⁻¹(3/4).
    expect(sliceMidpoints(2)[1]).toBeCloseTo(0.6744897501960817, 14);
    expect(sliceMidpoints(4)[3]).toBeCloseTo(1.1503493803760079, 13); // Φ⁻¹(7/8)
    for (const cells of [2, 5, 16, 64]) {
      const m = populationFactors(0.3, cells);
      expect(m.reduce((a, b) => a + b, 0) / cells).toBeCloseTo(1, 14);
      for (let k = 1; k < cells; k++) expect(m[k]).toBeGreaterThan(m[k - 1]);
      // Symmetric in log space about the median: m_k · m_(cells−1−k) is the same for every k.
      for (let k = 0; k < cells; k++) expect(m[k] * m[cells - 1 - k]).toBeCloseTo(m[0] * m[cells - 1], 12);
    }
    // The discretised CV approaches the requested one as the slices get finer.
    const cv = (m: Float64Array) => Math.sqrt(m.reduce((a, x) => a + (x - 1) ** 2, 0) / m.length);
    expect(Math.abs(cv(populationFactors(0.3, 64)) - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(cv(populationFactors(0.3, 16)) - 0.3)).toBeLessThan(0.03);
  });
});

describe('population runs', () => {
  const head = 'name: d\ndescription: d\nmodel: decay\nsolver: { rtol: 1.0e-10, atol: 1.0e-12 }\ntime: { end: 10, points: 11 }\n';

  it('average the sub-populations: for a parameter the model is linear in, the mean run is the average cell', () => {
    // A' = p0 + kin·drug − k·A is linear in kin, and the factors have mean 1: the population mean
    // of A equals A of the cell with the mean kin.
    const model = decayModel();
    const single = parseDecay(`${head}inputs:\n  drug: [{ at: 2, value: 1 }]\n`);
    const pop = parseDecay(`${head}inputs:\n  drug: [{ at: 2, value: 1 }]\npopulation: { parameter: kin, cv: 0.5, cells: 8 }\n`);
    const a = runScenarioWith(model, single);
    const b = runScenarioWith(model, pop);
    expect(b.status).toBe('success');
    const A1 = a.outputs.find((o) => o.id === 'A')!.values;
    const A2 = b.outputs.find((o) => o.id === 'A')!.values;
    for (let i = 0; i < A1.length; i++) {
      expect(A2[i]).toBeCloseTo(A1[i], 8);
      expect(A2[i]).toBeCloseTo(exactA(b.times[i], 2, [{ at: 2, value: 1 }]), 7);
    }
    // Work of all eight sub-populations is counted.
    expect(b.stats.steps).toBeGreaterThan(4 * a.stats.steps);
  });

  it('but not for a parameter it is nonlinear in: the mean of the cells differs from the average cell', () => {
    // The steady state A* = p0/k is convex in k, so a spread in k raises the mean A (Jensen).
    const model = decayModel();
    const a = runScenarioWith(model, parseDecay(head));
    const b = runScenarioWith(model, parseDecay(`${head}population: { parameter: k, cv: 0.5, cells: 16 }\n`));
    const A1 = a.outputs.find((o) => o.id === 'A')!.values;
    const A2 = b.outputs.find((o) => o.id === 'A')!.values;
    const factors = populationFactors(0.5, 16);
    const jensen = factors.reduce((s, m) => s + 2 / m, 0) / 16; // mean of p0/(k·m) with p0/k = 2
    expect(A1[0]).toBeCloseTo(2, 9);
    expect(A2[0]).toBeCloseTo(jensen, 9);
    expect(A2[0]).toBeGreaterThan(2.4);
  });

  it('turn the single-cell erastin switch into a graded dose-response with the EC50 in place', () => {
    const text = (population: string) => `name: e\ndescription: e\nmodel: ferroptosis\ntime: { end: 24, points: 2 }\ninputs: { erastin: 1 }\n` +
      `outputs: [viability]\n${population}sweep:\n  erastin: { from: 0.1, to: 10, points: 13, scale: log }\n  readout: { output: viability, at: 24 }\n`;
    const fit = (t: string) => {
      const s = parseScenario(t, 'e.yaml').scenario!;
      const grid = sweepGrid(s);
      return fitHill(grid.map((p) => p.values[0]), grid.map((p) => evaluateSweepPoint(s, p)));
    };
    const cell = fit(text(''));
    const pop = fit(text('population: { parameter: SLC7A11_expression, cv: 0.3, cells: 16 }\n'));
    expect(cell.slope).toBeGreaterThanOrEqual(25); // at or near the fit's bound: a switch
    expect(pop.ok).toBe(true);
    expect(pop.slope).toBeGreaterThan(2);
    expect(pop.slope).toBeLessThan(20);
    expect(pop.ec50 / cell.ec50).toBeGreaterThan(0.7);
    expect(pop.ec50 / cell.ec50).toBeLessThan(1.4);
  });
});

describe('population blocks in scenario files', () => {
  const head = 'name: p\ndescription: p\nmodel: ferroptosis\ntime: { end: 24, points: 3 }\n';
  const errorsOf = (text: string) => parseScenario(text, 'p.yaml').errors.map((e) => `${e.path} ${e.message}${e.hint ? ` (${e.hint})` : ''}`);

  it('are validated with positions and suggestions', () => {
    expect(errorsOf(`${head}population: { parameter: GPX4_expresion, cv: 0.3 }\n`)).toEqual([
      "population.parameter unknown parameter 'GPX4_expresion' (did you mean 'GPX4_expression'?)",
    ]);
    const errors = parseScenario(`${head}population: { parameter: GPX4_expression, cv: 0, cells: 100, spread: 2 }\n`, 'p.yaml').errors;
    expect(errors.map((e) => e.path).sort()).toEqual(['population.cells', 'population.cv', 'population.spread']);
    expect(errors.every((e) => e.line === 5)).toBe(true);
    expect(errors.find((e) => e.path === 'population.cv')!.message).toContain('> 0');
    expect(errors.find((e) => e.path === 'population.cells')!.message).toContain('64');
  });

  it('default to 16 cells and round-trip through YAML', () => {
    const s = parseScenario(`${head}population: { parameter: GPX4_expression, cv: 0.25 }\n`, 'p.yaml').scenario!;
    expect(s.population).toEqual({ parameter: 'GPX4_expression', cv: 0.25, cells: 16 });
    const again = parseScenario(scenarioToYaml(s), 'p.yaml').scenario!;
    expect(again.population).toEqual(s.population);
  });
});
