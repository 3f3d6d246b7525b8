/** The compiled model's behaviour: generated source shape, static hoisting, toProblem, hashing, fallback. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileModel, defineModel, hashValue, setParameter } from '../../src/model/index.ts';
import { syntheticNetwork } from '../../src/model/synthetic.ts';
import { cascade, michaelisMenten } from './fixtures.ts';

describe('generated source', () => {
  const c = compileModel(cascade);

  it('has one line per reaction, named by its id in a comment', () => {
    const rhs = c.source.slice(c.source.indexOf('function rhs'), c.source.indexOf('function jacobian'));
    for (const [j, id] of c.reactionIds!.entries()) {
      const lines = rhs.split('\n').filter((l) => l.includes(`const r${j} = `));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`; // ${id}$`));
    }
  });

  it('hoists parameter-only subexpressions (KA^nA) out of the step, into the statics update', () => {
    const statics = c.source.slice(c.source.indexOf('function updateStatics'), c.source.indexOf('function rhs'));
    expect(statics).toContain(' pow(p[2], p[3])'); // KA^nA
    const rhs = c.source.slice(c.source.indexOf('function rhs'), c.source.indexOf('function jacobian'));
    expect(rhs).not.toContain(' pow(p[2], p[3])');
  });

  it('computes a repeated subexpression once (A^nA appears once per function)', () => {
    const rhs = c.source.slice(c.source.indexOf('function rhs'), c.source.indexOf('function jacobian'));
    expect(rhs.split(' pow(y[0], p[3])').length - 1).toBe(1);
  });

  it('a repeated rule is computed once across reactions', () => {
    const m = compileModel(
      defineModel({
        name: 'shared',
        species: { A: { initial: 1, unit: 'µM', description: '', source: '' }, B: { initial: 1, unit: 'µM', description: '', source: '' } },
        parameters: { k: { value: 1, unit: '1/h', source: '' }, K: { value: 1, unit: 'µM', source: '' } },
        inputs: {},
        rules: { sat: { expression: 'exp(-A / K) * B / (K + B)' } },
        reactions: {
          r1: { rate: 'k * A * sat', stoichiometry: { A: -1, B: 1 } },
          r2: { rate: 'k * B * sat', stoichiometry: { B: -1, A: 1 } },
        },
      }),
    );
    const rhs = m.source.slice(m.source.indexOf('function rhs'), m.source.indexOf('function jacobian'));
    expect(rhs.split('Math.exp(').length - 1).toBe(1);
  });
});

describe('power rule rewrite a^(n−1) → a^n / a', () => {
  it('keeps the exact derivative at a = 0 (Hill coefficient 1 and 2.5)', () => {
    const c = compileModel(cascade);
    const y = Float64Array.of(0, 0.2, 0.8, 0.1);
    const p = Float64Array.from(c.p0);
    const J = new Float64Array(16);
    const iA = 0;
    const iB = 1;
    const [kact, KA, Ki, drug, Bi] = [p[1]!, p[2]!, p[5]!, c.u0[0]!, y[2]!];
    p[3] = 1; // nA = 1: ∂(kact·A/(KA+A)·inh·Bi)/∂A at A = 0 is kact·inh·Bi/KA
    c.jacobian(0, y, p, c.u0, J);
    expect(J[iB * 4 + iA]).toBeCloseTo((kact * Bi) / KA / (1 + drug / Ki), 14);
    p[3] = 2.5; // nA > 1: zero slope at A = 0
    c.jacobian(0, y, p, c.u0, J);
    expect(J[iB * 4 + iA]).toBe(0);
  });
});

describe('integer exponents', () => {
  it('the multiplied-out powers for n = 1…4 agree with Math.pow to a few ulp, and other n use Math.pow', () => {
    const gen = compileModel(cascade);
    const ref = compileModel(cascade, { mode: 'interpreted' });
    const p = Float64Array.from(gen.p0);
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    const Ja = new Float64Array(16);
    const Jb = new Float64Array(16);
    for (const nA of [0, 1, 2, 3, 4, 5, 0.5, 2.5]) {
      p[3] = nA;
      for (const A of [0, 0.37, 1, 2.9]) {
        const y = Float64Array.of(A, 0.2, 0.8, 0.1);
        gen.rhs(0, y, p, gen.u0, a);
        ref.rhs(0, y, p, gen.u0, b);
        gen.jacobian(0, y, p, gen.u0, Ja);
        ref.jacobian(0, y, p, gen.u0, Jb);
        // Both paths give NaN where the math does (0·0^-1 for n = 0 at A = 0).
        const near = (x: number, r: number, rel: number) => (Number.isNaN(r) ? Number.isNaN(x) : Math.abs(x - r) <= rel * Math.abs(r));
        for (let i = 0; i < 4; i++) expect(near(a[i]!, b[i]!, 4e-16), `rhs[${i}] at n=${nA}, A=${A}: ${a[i]} vs ${b[i]}`).toBe(true);
        // The quotient rule's (f'g − fg')/g² cancels when Aⁿ ≫ Kⁿ (here up to ~200×), so an ulp in
        // a power becomes ~1e-14 in J.
        for (let i = 0; i < 16; i++) expect(near(Ja[i]!, Jb[i]!, 1e-12), `J[${i}] at n=${nA}, A=${A}: ${Ja[i]} vs ${Jb[i]}`).toBe(true);
      }
    }
  });
});

describe('parameter-only cache', () => {
  it('recomputes hoisted expressions when p is mutated in place, and across alternating vectors', () => {
    const gen = compileModel(cascade);
    const ref = compileModel(cascade, { mode: 'interpreted' });
    const y = Float64Array.from(gen.y0);
    const p = Float64Array.from(gen.p0);
    const u = Float64Array.from(gen.u0);
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    const p2 = Float64Array.from(gen.p0);
    p2[2] = 3; // KA
    for (const nA of [2.5, 1, 4]) {
      p[3] = nA; // mutate in place: KA^nA must follow
      for (const pv of [p, p2, p]) {
        gen.rhs(1, y, pv, u, a);
        ref.rhs(1, y, pv, u, b);
        expect(Array.from(a)).toEqual(Array.from(b).map((v, i) => expect.closeTo(v, 14 - Math.ceil(Math.log10(Math.abs(b[i]!) + 1)))));
      }
    }
  });
});

describe('toProblem', () => {
  const model = compileModel(cascade);

  it('applies overrides to copies, leaving the compiled defaults untouched', () => {
    const problem = model.toProblem({ tspan: [0, 5], parameters: { kA: 9 }, inputs: { drug: 2 }, initial: { C: 7 } });
    expect(problem.n).toBe(4);
    expect(problem.p[model.parameterIds.indexOf('kA')]).toBe(9);
    expect(problem.u[0]).toBe(2);
    expect(Array.from(problem.y0)).toEqual([1, 0.2, 0.8, 7]);
    expect(model.p0[model.parameterIds.indexOf('kA')]).toBe(0.3);
    expect(model.u0[0]).toBe(0.5);
    expect(model.y0[3]).toBe(0.1);
    expect(problem.tspan).toEqual([0, 5]);
  });

  it('takes a full y0 and applies `initial` on top', () => {
    const problem = model.toProblem({ tspan: [0, 1], y0: Float64Array.of(1, 2, 3, 4), initial: { A: 10 } });
    expect(Array.from(problem.y0)).toEqual([10, 2, 3, 4]);
  });

  it('the rhs reads the problem`s u on every call, so inputs can change between calls', () => {
    const problem = model.toProblem({ tspan: [0, 1] });
    const f1 = new Float64Array(4);
    const f2 = new Float64Array(4);
    problem.rhs(0, problem.y0, f1);
    problem.u[0] = 100;
    problem.rhs(0, problem.y0, f2);
    expect(f2[1]).toBeLessThan(f1[1]!); // more inhibitor, less activation of B
    const expected = new Float64Array(4);
    model.rhs(0, problem.y0, problem.p, Float64Array.of(100), expected);
    expect(Array.from(f2)).toEqual(Array.from(expected));
  });

  it('rejects unknown ids naming the valid choices, and bad values naming the field', () => {
    expect(() => model.toProblem({ tspan: [0, 1], parameters: { kX: 1 } as never })).toThrow(
      "toProblem: unknown parameter 'kX' in 'parameters'; did you mean 'kA'? (valid: kA, kact, KA, nA, kdeact, Ki, kC, dC, tSwitch, Cmax)",
    );
    expect(() => model.toProblem({ tspan: [0, 1], initial: { Z: 1 } as never })).toThrow("unknown species 'Z' in 'initial'");
    expect(() => model.toProblem({ tspan: [0, 1], inputs: { drug: NaN } })).toThrow('toProblem: inputs.drug must be a finite number. Value: NaN');
    expect(() => model.toProblem({ tspan: [0, Infinity] })).toThrow('tspan must be [t0, t1] with finite numbers');
    expect(() => model.toProblem({ tspan: [0, 1], y0: new Float64Array(3) })).toThrow('y0 must be a Float64Array of length 4');
  });
});

describe('hash', () => {
  it('is stable, independent of key order, and changes with content and mode', () => {
    const a = compileModel(michaelisMenten).hash;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(compileModel(michaelisMenten).hash).toBe(a);
    const reordered = { ...michaelisMenten, parameters: { Km: michaelisMenten.parameters.Km, Vmax: michaelisMenten.parameters.Vmax } };
    expect(hashValue(reordered)).toBe(hashValue(michaelisMenten));
    expect(compileModel(setParameter(michaelisMenten, 'Km', 1.6)).hash).not.toBe(a);
    expect(compileModel(michaelisMenten, { mode: 'interpreted' }).hash).not.toBe(a);
  });
});

describe('interpreted fallback', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is used, with a warning, where new Function is blocked (as under a strict CSP)', () => {
    vi.stubGlobal(
      'Function',
      function Blocked() {
        throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
      },
    );
    const c = compileModel(michaelisMenten);
    vi.unstubAllGlobals();
    expect(c.mode).toBe('interpreted');
    expect(c.warnings.map((w) => w.message).join('\n')).toMatch(/code generation is blocked here .*unsafe-eval.*using the interpreted path/);
    const out = new Float64Array(2);
    c.rhs(0, c.y0, c.p0, c.u0, out);
    expect(out[0]).toBeCloseTo(-(2 * 10) / (1.5 + 10), 14);
  });
});

describe('scale', () => {
  it('compiles a 100-reaction network quickly and without warnings', () => {
    const t0 = performance.now();
    const c = compileModel(syntheticNetwork({ species: 40, reactions: 100, seed: 1 }));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(c.warnings).toEqual([]);
    expect(c.jacobianSparsity!.nnz).toBeLessThan(40 * 40);
  });
});
