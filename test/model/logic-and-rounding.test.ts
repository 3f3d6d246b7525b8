/**
 * Comparisons and logic as numbers, and the piecewise-constant functions (floor, ceil, fix,
 * factorial): generated code against the interpreted mathjs path and against values worked out by
 * hand, and the Jacobian against central finite differences away from the jumps.
 */
import { describe, expect, it } from 'vitest';
import { ModelError, compileModel, defineModel } from '../../src/model/index.ts';
import type { CompiledModel } from '../../src/model/index.ts';
import { factorial } from '../../src/model/expr.ts';
import { seededRandom } from '../../src/model/synthetic.ts';

/** A model whose observables are the given expressions over x, y, z (dimensionless species) and a. */
function probe(expressions: Record<string, string>) {
  return defineModel({
    name: 'probe',
    species: {
      x: { initial: 1, unit: 'dimensionless', description: 'x', source: 'assumed: test' },
      y: { initial: 2, unit: 'dimensionless', description: 'y', source: 'assumed: test' },
      z: { initial: 0, unit: 'dimensionless', description: 'z', source: 'assumed: test' },
    },
    parameters: { a: { value: 1, unit: 'dimensionless', source: 'assumed: test' } },
    inputs: {},
    reactions: {},
    observables: Object.fromEntries(
      Object.entries(expressions).map(([id, expression]) => [id, { expression, unit: 'dimensionless', description: id }]),
    ),
  });
}

/** Observables of both compiled modes at (x, y, z, a); asserts the two agree exactly, returns them by id. */
function evaluateBoth(models: [CompiledModel, CompiledModel], x: number, y: number, z: number, a = 1): Record<string, number> {
  const [gen, ref] = models;
  const out = new Float64Array(gen.observableIds.length);
  const outRef = new Float64Array(gen.observableIds.length);
  const state = Float64Array.of(x, y, z);
  gen.observables(0, state, Float64Array.of(a), new Float64Array(0), out);
  ref.observables(0, state, Float64Array.of(a), new Float64Array(0), outRef);
  const values: Record<string, number> = {};
  gen.observableIds.forEach((id, k) => {
    expect(out[k], `${id} at (${x}, ${y}, ${z}): generated vs interpreted`).toBe(outRef[k]);
    values[id] = out[k]!;
  });
  return values;
}

function compileBoth(expressions: Record<string, string>): [CompiledModel, CompiledModel] {
  const def = probe(expressions);
  return [compileModel(def), compileModel(def, { mode: 'interpreted' })];
}

describe('comparisons and logic are numbers in generated and interpreted code', () => {
  const models = compileBoth({
    ltEqualsOne: '(x < y) == 1',
    ltUnequalZero: '(x < y) != 0',
    gtEqualsZero: '(x > y) == 0',
    countTrue: '(x < y) + (y < z) + (x == a)',
    twiceLess: '2 * (x < y)',
    allThree: '((x < y) + (y > z) + (x >= a)) == 3',
    chained: '(z < x < y) == 1',
    numericAnd: 'x and y',
    numericOr: 'z or x',
    numericNot: 'not z',
    numericXor: 'x xor y',
    xorMixed: '(x < y) xor z',
    nested: '(((x < y) or (y < z)) and not (z == 1)) * 10 + ((x > y) xor (y > z))',
    logicCompared: '((x and z) == (y or z)) + ((not x) == 0)',
    conditionNonZero: '(y - x) ? 5 : 7',
    conditionOnSum: '((x < y) + (y < z)) ? 1 : -1',
    comparisonOfComparisons: '(x < y) > (y < x)',
    powerOfComparison: '(x < y) ^ 2 + abs(x > y) - floor((y > x) * 2.5)',
    minOfComparison: 'min(x < y, 0.5) + max(y < x, z)',
  });

  it('gives the values a reader works out by hand (x = 1, y = 2, z = 0, a = 1)', () => {
    const v = evaluateBoth(models, 1, 2, 0);
    expect(v).toEqual({
      ltEqualsOne: 1,
      ltUnequalZero: 1,
      gtEqualsZero: 1,
      countTrue: 2,
      twiceLess: 2,
      allThree: 1,
      chained: 1,
      numericAnd: 1,
      numericOr: 1,
      numericNot: 1,
      numericXor: 0,
      xorMixed: 1,
      nested: 10 + 1,
      logicCompared: 0 + 1,
      conditionNonZero: 5,
      conditionOnSum: 1,
      comparisonOfComparisons: 1,
      powerOfComparison: 1 + 0 - 2,
      minOfComparison: 0.5 + 0,
    });
  });

  it('treats any non-zero number as true and 0 as false in logic and conditions', () => {
    const v = evaluateBoth(models, -0.25, 3.5, 0);
    expect(v.numericAnd).toBe(1); // -0.25 and 3.5
    expect(v.numericOr).toBe(1); // 0 or -0.25
    expect(v.numericXor).toBe(0);
    expect(v.conditionNonZero).toBe(5); // 3.75 is true
    const w = evaluateBoth(models, 2, 2, 0);
    expect(w.conditionNonZero).toBe(7); // y − x = 0 is false
    expect(w.ltEqualsOne).toBe(0);
    expect(w.numericNot).toBe(1);
  });

  it('agrees with the interpreted path on 300 random points, including ties', () => {
    const rand = seededRandom(11);
    // Small integers make ties (x == y, z == 1) frequent, so == and != are exercised both ways.
    const pick = () => (rand() < 0.5 ? Math.floor(rand() * 4) - 1 : 4 * rand() - 1);
    for (let k = 0; k < 300; k++) evaluateBoth(models, pick(), pick(), pick(), pick());
  });

  it('uses comparisons as JS conditions directly where they decide a branch', () => {
    const [gen] = compileBoth({ branch: 'x < y ? x : y', both: '(x < z and z < y) ? 1 : 2' });
    expect(gen.source).toContain('((y[0] < y[1]) ? y[0] : y[1])');
    expect(gen.source).toContain('(((y[0] < y[2]) && (y[2] < y[1])) ? 1 : 2)');
    // As a value, a comparison is 1 or 0.
    expect(compileBoth({ v: '(x < y) == 1' })[0].source).toContain('((((y[0] < y[1]) ? 1 : 0) === 1) ? 1 : 0)');
  });
});

describe('floor, ceil, fix and factorial', () => {
  const models = compileBoth({
    floorX: 'floor(x)',
    ceilX: 'ceil(x)',
    fixX: 'fix(x)',
    factorialX: 'factorial(x)',
    factorialOfFloor: 'factorial(floor(y))',
  });

  it.each([
    [2.7, 2, 3, 2, NaN],
    [-2.5, -3, -2, -2, NaN],
    [3, 3, 3, 3, 6],
    [0, 0, 0, 0, 1],
    [-1, -1, -1, -1, NaN],
  ])('at x = %d: floor %d, ceil %d, fix %d, factorial %d', (x, floor, ceil, fix, fact) => {
    const v = evaluateBoth(models, x, 5.5, 0);
    expect(v.floorX).toBe(floor);
    expect(v.ceilX).toBe(ceil);
    expect(v.fixX).toBe(fix);
    expect(v.factorialX).toBe(fact);
    expect(v.factorialOfFloor).toBe(120);
  });

  it('computes factorial exactly up to 170! and overflows to Infinity after it', () => {
    expect(factorial(10)).toBe(3628800);
    expect(factorial(20)).toBe(2432902008176640000);
    expect(Number.isFinite(factorial(170))).toBe(true);
    expect(factorial(170) / factorial(169)).toBeCloseTo(170, 10);
    expect(factorial(171)).toBe(Infinity);
    expect(factorial(NaN)).toBeNaN();
    expect(factorial(Infinity)).toBeNaN();
    // The generated code carries its own copy: it must agree.
    for (const n of [0, 1, 7, 18, 25, 170, 171]) expect(evaluateBoth(models, n, 1, 0).factorialX).toBe(factorial(n));
  });

  it('folds constant calls with the same semantics', () => {
    const both = compileBoth({ c: 'floor(-2.5) + ceil(2.1) + fix(-3.9) + factorial(4) + (2 < 3) * 100' });
    expect(evaluateBoth(both, 0, 0, 0).c).toBe(-3 + 3 - 3 + 24 + 100);
    expect(both[0].source).toContain('const o0 = 121;');
    expect(both[0].source).not.toContain('function factorial');
  });
});

/** A kinetic model using rounding on species; its Jacobian is checked against finite differences. */
const rounding = defineModel({
  name: 'rounding',
  species: {
    A: { initial: 2.3, unit: 'dimensionless', description: 'A', source: 'assumed: test' },
    B: { initial: 1.6, unit: 'dimensionless', description: 'B', source: 'assumed: test' },
  },
  parameters: { k: { value: 0.5, unit: '1/h', source: 'assumed: test' } },
  inputs: {},
  reactions: {
    // Smooth in A times piecewise constant in B: ∂/∂A is the smooth part times the step value.
    r1: { rate: 'k * A^2 * floor(3 * B) / 10', stoichiometry: { A: -1, B: 1 } },
    r2: { rate: 'k * B * (ceil(A) + fix(B - A)) / 5 + k * factorial(ceil(2 * B)) / 1000', stoichiometry: { B: -1, A: 2 } },
    r3: { rate: 'k * sin(A) * (floor(A) == 2)', stoichiometry: { A: -1 } },
  },
});

describe('derivatives of the piecewise-constant functions', () => {
  const gen = compileModel(rounding);
  const ref = compileModel(rounding, { mode: 'interpreted' });

  it('match the interpreted path and central finite differences away from the jumps', () => {
    const rand = seededRandom(5);
    const n = 2;
    const J = new Float64Array(n * n);
    const Jref = new Float64Array(n * n);
    const rhs = (y: Float64Array, out: Float64Array) => gen.rhs(0, y, gen.p0, gen.u0, out);
    const fd = (y: Float64Array, j: number, h: number) => {
      const fp = new Float64Array(n);
      const fm = new Float64Array(n);
      const yj = y[j]!;
      y[j] = yj + h;
      rhs(y, fp);
      y[j] = yj - h;
      rhs(y, fm);
      y[j] = yj;
      return Array.from(fp, (v, i) => (v - fm[i]!) / (2 * h));
    };
    let checked = 0;
    for (let k = 0; k < 60; k++) {
      const y = Float64Array.of(0.5 + 3 * rand(), 0.2 + 2 * rand());
      gen.jacobian(0, y, gen.p0, gen.u0, J);
      ref.jacobian(0, y, ref.p0, ref.u0, Jref);
      for (let i = 0; i < n * n; i++) expect(Math.abs(J[i]! - Jref[i]!)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(Jref[i]!)));
      const h = 1e-6;
      const columns = [0, 1].map((j) => fd(y, j, h));
      // A step of ±h that crosses a jump shows up as a difference quotient that changes with h
      // (it scales like 1/h); such points are skipped, the rest must match the symbolic Jacobian.
      const halved = [0, 1].map((j) => fd(y, j, h / 2));
      const crosses = columns.some((c, j) => c.some((v, i) => Math.abs(v - halved[j]![i]!) > 1e-3 * (1 + Math.abs(v))));
      if (crosses) continue;
      checked++;
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) expect(J[i * n + j], `J[${i},${j}] at ${y}`).toBeCloseTo(columns[j]![i]!, 6);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('leaves an entry structurally zero when a species enters only through rounding', () => {
    // r reads B only through floor(B) and factorial(ceil(B)): ∂r/∂B is 0, so J has no B column.
    const c = compileModel(
      defineModel({
        name: 'steps',
        species: {
          A: { initial: 1, unit: 'dimensionless', description: 'A', source: 'assumed: test' },
          B: { initial: 1, unit: 'dimensionless', description: 'B', source: 'assumed: test' },
        },
        parameters: { k: { value: 1, unit: '1/h', source: 'assumed: test' } },
        inputs: {},
        reactions: { r: { rate: 'k * A * floor(B) * factorial(ceil(B))', stoichiometry: { A: -1 } } },
      }),
    );
    const sp = c.jacobianSparsity!;
    expect(sp.nnz).toBe(1);
    expect(Array.from(sp.colIdx)).toEqual([0]);
  });

  it('rejects factorial of a continuously changing species, naming the reaction and a fix', () => {
    const def = defineModel({
      name: 'bad-factorial',
      species: { S: { initial: 3, unit: 'dimensionless', description: 'S', source: 'assumed: test' } },
      parameters: { k: { value: 1, unit: '1/h', source: 'assumed: test' } },
      inputs: {},
      reactions: { decay: { rate: 'k / factorial(S)', stoichiometry: { S: -1 } } },
    });
    let error: unknown;
    try {
      compileModel(def);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    const d = (error as ModelError).diagnostics.filter((x) => x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0]!.path).toBe('reactions.decay.rate');
    expect(d[0]!.message).toMatch(/factorial\(S\) changes with 'S'.*non-negative integers.*factorial\(floor\(S\)\)/);
  });
});

describe('units and names of the new functions', () => {
  const withRate = (rate: string) =>
    defineModel({
      name: 'units',
      species: { S: { initial: 1, unit: 'µM', description: 'S', source: 'assumed: test' } },
      parameters: {
        k: { value: 1, unit: 'µM/h', source: 'assumed: test' },
        K: { value: 2, unit: 'µM', source: 'assumed: test' },
      },
      inputs: {},
      reactions: { r: { rate, stoichiometry: { S: -1 } } },
    });

  it.each([
    ['sin', 'S', 'S / K'],
    ['atanh', 'S', 'S / K'],
    ['cosh', 'S', 'S / K'],
    ['floor', 'S', 'S / K'],
    ['ceil', 'S', 'S / K'],
    ['fix', 'S', 'S / K'],
    ['factorial', 'K', 'floor(S / K)'],
  ])('warns when %s() gets a quantity with a unit (%s), not a dimensionless one (%s)', (fn, withUnit, dimensionless) => {
    const warnings = compileModel(withRate(`k * ${fn}(${withUnit})`)).warnings.map((w) => w.message);
    expect(warnings.some((m) => m.includes(`the argument of ${fn}() '${withUnit}' should be dimensionless but is [µM]`))).toBe(true);
    expect(compileModel(withRate(`k * ${fn}(${dimensionless})`)).warnings).toEqual([]);
  });

  it('reserves the new function names as ids', () => {
    expect(() =>
      compileModel(
        defineModel({
          name: 'names',
          species: { sin: { initial: 1, unit: 'µM', description: 'S', source: 'assumed: test' } },
          parameters: {},
          inputs: {},
          reactions: {},
        }),
      ),
    ).toThrow(/'sin' is reserved \(a function name\)/);
  });
});
