/**
 * Compiler scaling (issue 14): rate laws of 10 000 terms and chains of 100 assignment rules
 * compile without recursion limits and in time linear in the model's size, and expressions past
 * the size and nesting limits are refused with the limit named.
 */
import { describe, expect, it } from 'vitest';
import { compileModel, defineModel, ModelError } from '../../src/model/index.ts';
import { MAX_EXPRESSION_LENGTH, MAX_NESTING } from '../../src/model/expr-limits.ts';
import type { ModelDefinition } from '../../src/model/types.ts';

const species = { A: { initial: 1, unit: 'µM', description: 'substrate', source: 'assumed: test' } };

function sumModel(terms: number, signed: boolean): ModelDefinition {
  const parameters: Record<string, { value: number; unit: string; source: string }> = {};
  for (let i = 0; i < terms; i++) parameters[`k${i}`] = { value: 1 + (i % 97) * 1e-3, unit: '1/h', source: 'assumed: test' };
  const rate = Array.from({ length: terms }, (_, i) => `${i > 0 ? (signed && i % 3 === 1 ? ' - ' : ' + ') : ''}k${i} * A`).join('');
  return defineModel({ name: 'sum', species, parameters, inputs: {}, reactions: { deg: { rate, stoichiometry: { A: -1 } } } } as never) as unknown as ModelDefinition;
}

/** r_i = r_{i−1}·k + r_{i−1}/(1 + r_{i−1}): each rule uses the previous one three times. */
function chainModel(depth: number): ModelDefinition {
  const rules: Record<string, { expression: string }> = { r0: { expression: 'A * k' } };
  for (let i = 1; i < depth; i++) rules[`r${i}`] = { expression: `r${i - 1} * k + r${i - 1} / (1 + r${i - 1})` };
  return defineModel({
    name: 'chain', species, inputs: {}, rules,
    parameters: { k: { value: 0.5, unit: 'dimensionless', source: 'assumed: test' } },
    reactions: { deg: { rate: `r${depth - 1} * 1e-3`, stoichiometry: { A: -1 } } },
  } as never) as unknown as ModelDefinition;
}

function chainValue(depth: number, A: number, k: number): { r: number; dr: number } {
  let r = A * k;
  let dr = k; // ∂r/∂A
  for (let i = 1; i < depth; i++) {
    const nr = r * k + r / (1 + r);
    dr = dr * k + dr / ((1 + r) * (1 + r));
    r = nr;
  }
  return { r, dr };
}

describe('compiler scaling', () => {
  it('compiles a 10 000-term rate law; rhs and Jacobian equal the sums, signs included', () => {
    for (const [terms, signed] of [[1_000, false], [10_000, true]] as const) {
      const def = sumModel(terms, signed);
      const m = compileModel(def);
      let ksum = 0;
      for (let i = 0; i < terms; i++) ksum += (signed && i % 3 === 1 ? -1 : 1) * m.p0[i]!;
      const y = Float64Array.of(2);
      const out = new Float64Array(1);
      m.rhs(0, y, m.p0, m.u0, out);
      expect(Math.abs(out[0]! - -2 * ksum)).toBeLessThan(1e-12 * 2 * Math.abs(ksum) * 10);
      const J = new Float64Array(1);
      m.jacobian(0, y, m.p0, m.u0, J);
      expect(Math.abs(J[0]! - -ksum)).toBeLessThan(1e-11 * Math.abs(ksum));
    }
  }, 120_000);

  it('compiles a 100-deep chain of rules that each use the previous three times, in linear size', () => {
    const t0 = performance.now();
    const m100 = compileModel(chainModel(100));
    const ms = performance.now() - t0;
    const m50 = compileModel(chainModel(50));
    // Differentiating the expanded tree would take 3^100 steps; the DAG takes a few ms per rule.
    expect(ms).toBeLessThan(60_000);
    expect(m100.source.length / m50.source.length).toBeLessThan(2.5);
    const y = Float64Array.of(0.8);
    const out = new Float64Array(1);
    const J = new Float64Array(1);
    m100.rhs(0, y, m100.p0, m100.u0, out);
    m100.jacobian(0, y, m100.p0, m100.u0, J);
    const { r, dr } = chainValue(100, 0.8, 0.5);
    expect(out[0]! / (-1e-3 * r) - 1).toBeCloseTo(0, 12);
    expect(J[0]! / (-1e-3 * dr) - 1).toBeCloseTo(0, 10);
  }, 120_000);

  it('refuses expressions nested past MAX_NESTING or longer than MAX_EXPRESSION_LENGTH, naming the limit', () => {
    const deep = `${'('.repeat(MAX_NESTING + 1)}A${')'.repeat(MAX_NESTING + 1)}`;
    const calls = `${'exp('.repeat(MAX_NESTING + 5)}A${')'.repeat(MAX_NESTING + 5)}`;
    const long = Array.from({ length: Math.ceil(MAX_EXPRESSION_LENGTH / 8) + 1 }, () => '1e-9 * A').join(' + ');
    for (const [rate, limit] of [[deep, 'MAX_NESTING'], [calls, 'MAX_NESTING'], [long, 'MAX_EXPRESSION_LENGTH']] as const) {
      const def = defineModel({ name: 'big', species, parameters: {}, inputs: {}, reactions: { deg: { rate, stoichiometry: { A: -1 } } } } as never);
      let error: unknown;
      try {
        compileModel(def);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).message).toMatch(new RegExp(`reactions\\.deg\\.rate: .*limit of \\d+ \\(${limit}\\)`));
      expect((error as ModelError).message.length).toBeLessThan(1000);
    }
  });
});
