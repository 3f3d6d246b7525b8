/**
 * Steady-state stability: eigenvalues of the analytic Jacobian at the steady state, checked on a
 * linear exchange model with a closed-form spectrum, an unstable (autocatalytic) fixed point, and
 * the ferroptosis model (stable, with viability's neutral direction).
 */
import { describe, expect, it } from 'vitest';
import { analyseSteadyState, compileModel, defineModel } from '../../src/model/index.ts';
import { ferroptosis } from '../../src/model/ferroptosis/index.ts';
import type { ModelDefinition } from '../../src/model/types.ts';

// Two pools with synthesis, exchange and loss: J = [[-k1, k2], [k1, -(k2 + k3)]].
const exchange = defineModel({
  name: 'exchange',
  species: {
    A: { initial: 1, unit: 'µM', description: 'pool A', source: 'assumed: test' },
    B: { initial: 1, unit: 'µM', description: 'pool B', source: 'assumed: test' },
  },
  parameters: {
    s: { value: 2, unit: 'µM/h', source: 'assumed: test' },
    k1: { value: 3, unit: '1/h', source: 'assumed: test' },
    k2: { value: 0.5, unit: '1/h', source: 'assumed: test' },
    k3: { value: 0.02, unit: '1/h', source: 'assumed: test' },
  },
  inputs: {},
  reactions: {
    make: { rate: 's', stoichiometry: { A: 1 } },
    forward: { rate: 'k1 * A', stoichiometry: { A: -1, B: 1 } },
    back: { rate: 'k2 * B', stoichiometry: { B: -1, A: 1 } },
    loss: { rate: 'k3 * B', stoichiometry: { B: -1 } },
  },
});

describe('analyseSteadyState', () => {
  it('gives the closed-form eigenvalues and slowest time scale of a linear model', () => {
    const a = analyseSteadyState(compileModel(exchange as unknown as ModelDefinition));
    const [k1, k2, k3] = [3, 0.5, 0.02];
    const tr = -(k1 + k2 + k3);
    const det = k1 * (k2 + k3) - k1 * k2;
    const disc = Math.sqrt(tr * tr - 4 * det);
    expect(a.steady.ok).toBe(true);
    expect(a.re[0]).toBeCloseTo((tr + disc) / 2, 12);
    expect(a.re[1]).toBeCloseTo((tr - disc) / 2, 12);
    expect(a.stability).toBe('stable');
    expect(a.neutral).toBe(0);
    expect(a.slowestTimeScale).toBeCloseTo(2 / -(tr + disc), 9);
    // Steady state: B = s / k3, A = (s + k2 B) / k1.
    expect(a.steady.y[1]).toBeCloseTo(2 / k3, 6);
  });

  it('flags an unstable fixed point', () => {
    // dX/dt = r X − s: the fixed point X = s / r repels (λ = r > 0).
    const model = compileModel(defineModel({
      name: 'repeller',
      species: { X: { initial: 2, unit: 'µM', description: 'x', source: 'assumed: test' } },
      parameters: { r: { value: 0.5, unit: '1/h', source: 'assumed: test' }, s: { value: 1, unit: 'µM/h', source: 'assumed: test' } },
      inputs: {},
      reactions: { grow: { rate: 'r * X', stoichiometry: { X: 1 } }, drain: { rate: 's', stoichiometry: { X: -1 } } },
    }) as unknown as ModelDefinition);
    const a = analyseSteadyState(model);
    expect(a.steady.y[0]).toBeCloseTo(2, 9);
    expect(a.re[0]).toBeCloseTo(0.5, 12);
    expect(a.stability).toBe('unstable');
  });

  it('finds the untreated ferroptosis steady state stable, with one neutral direction (viability)', () => {
    const model = compileModel(ferroptosis as unknown as ModelDefinition);
    const a = analyseSteadyState(model);
    expect(a.steady.ok).toBe(true);
    expect(a.stability).toBe('stable');
    expect(a.neutral).toBe(1);
    // Every decaying mode is slower than a minute and faster than a week.
    expect(a.slowestTimeScale).toBeGreaterThan(1 / 60);
    expect(a.slowestTimeScale).toBeLessThan(168);
  });
});
