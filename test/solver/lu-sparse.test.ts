/**
 * The sparse LU with a static (Markowitz) pivot order: agreement with the dense, partially
 * pivoted LU on random sparse matrices, the dense fallback when a static pivot is unusable, whole
 * solves that match the dense path, buffer reuse, and the compiled model handing its pattern over.
 */
import { describe, expect, it } from 'vitest';
import { luFactor, luSolve } from '../../src/solver/lu.ts';
import { analyzeSparseLu, SparseLu, sparseCodegen, sparseLuFactor, sparseLuSolve, SPARSE_MAX_GROWTH, type CsrPattern } from '../../src/solver/lu-sparse.ts';
import { createWorkspace, solve } from '../../src/solver/index.ts';
import type { OdeProblem } from '../../src/solver/types.ts';
import { Workspace } from '../../src/solver/workspace.ts';
import { emptyStats, RosenbrockIntegrator, ACCEPTED } from '../../src/solver/integrator.ts';
import { rodas5p } from '../../src/solver/tableaus/rodas5p.ts';
import { seededRandom } from '../../src/model/synthetic.ts';
import { compileModel, defineModel } from '../../src/model/index.ts';
import { stiffCase, withJacobianPattern } from '../../bench/problems/index.ts';
import { bytesPerIteration } from '../../bench/lib/alloc.ts';

/** A random n×n pattern with about density·n² entries (diagonal not forced) and values for it. */
function randomSparse(n: number, density: number, seed: number): { pattern: CsrPattern; J: Float64Array } {
  const rand = seededRandom(seed);
  const J = new Float64Array(n * n);
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (rand() < density) {
        cols.push(j);
        J[i * n + j] = (rand() - 0.5) * 10 ** (4 * rand() - 2);
      }
    }
    rowPtr[i + 1] = cols.length;
  }
  return { pattern: { rowPtr, colIdx: Int32Array.from(cols) }, J };
}

function denseSolve(n: number, J: Float64Array, shift: number, b: Float64Array): Float64Array {
  const W = new Float64Array(n * n);
  for (let m = 0; m < n * n; m++) W[m] = -J[m];
  for (let i = 0; i < n; i++) W[i * n + i] += shift;
  const ipiv = new Int32Array(n);
  expect(luFactor(n, W, ipiv)).toBe(0);
  const x = Float64Array.from(b);
  luSolve(n, W, ipiv, x);
  return x;
}

describe('sparse LU (static pivot order) against the dense LU', () => {
  const cases: [number, number][] = [[5, 0.3], [12, 0.15], [31, 0.1], [60, 0.05], [60, 0.2]];
  for (const [n, density] of cases) {
    it(`n = ${n}, density ${density}: same solution to 1e-12, with fill far below n² for sparse patterns`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const { pattern, J } = randomSparse(n, density, 1000 * n + seed);
        const sym = analyzeSparseLu(n, pattern);
        const lu = new SparseLu(sym);
        // Diagonal shifts from "h tiny" (W ≈ I/(hγ)) to "h large" (W ≈ −J), as in a stiff solve.
        let rowMax = 0;
        for (let m = 0; m < n * n; m++) rowMax = Math.max(rowMax, Math.abs(J[m]));
        for (const shift of [1e3 * rowMax * n, rowMax, 1e-2 * rowMax]) {
          const rand = seededRandom(seed);
          const b = Float64Array.from({ length: n }, () => rand() - 0.5);
          const status = sparseLuFactor(lu, J, shift, SPARSE_MAX_GROWTH);
          if (status !== 0) continue; // the caller falls back to the dense LU (tested below)
          const x = Float64Array.from(b);
          sparseLuSolve(lu, x);
          // Backward stable: W·x = b up to a relative residual of a few hundred eps.
          let rn = 0, wn = 0, xn = 0, bn = 0;
          for (let i = 0; i < n; i++) {
            let r = b[i];
            let rowAbs = 0;
            for (let j = 0; j < n; j++) {
              const w = (i === j ? shift : 0) - J[i * n + j];
              r -= w * x[j];
              rowAbs += Math.abs(w);
            }
            rn = Math.max(rn, Math.abs(r));
            wn = Math.max(wn, rowAbs);
            xn = Math.max(xn, Math.abs(x[i]));
            bn = Math.max(bn, Math.abs(b[i]));
          }
          expect(rn / (wn * xn + bn)).toBeLessThan(1e-13);
          if (shift > rowMax * n) {
            // Diagonally dominant W: well conditioned, so the solutions agree to 1e-12 too.
            const ref = denseSolve(n, J, shift, b);
            let scale = 0;
            for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(ref[i]));
            for (let i = 0; i < n; i++) expect(Math.abs(x[i] - ref[i])).toBeLessThanOrEqual(1e-12 * scale);
          }
        }
        expect(sym.nnz).toBeGreaterThanOrEqual(sym.nnzW);
        if (density <= 0.1) expect(sym.nnz).toBeLessThan(0.5 * n * n);
      }
    });
  }

  it('the generated factor and solve and the loops give the same bits (the fallback where code generation is forbidden)', () => {
    const n = 40;
    const { pattern, J } = randomSparse(n, 0.08, 77);
    const copy = { rowPtr: Int32Array.from(pattern.rowPtr), colIdx: Int32Array.from(pattern.colIdx) };
    const generated = analyzeSparseLu(n, pattern);
    sparseCodegen.enabled = false;
    let looped;
    try {
      looped = analyzeSparseLu(n, copy);
    } finally {
      sparseCodegen.enabled = true;
    }
    expect(generated.solveKernel).not.toBeNull();
    expect(looped.solveKernel).toBeNull();
    expect(generated.factorKernel).not.toBeNull();
    expect(looped.factorKernel).toBeNull();
    const a = new SparseLu(generated);
    const b = new SparseLu(looped);
    // The failure codes agree too: a zero pivot (W = −J, J with a zero diagonal entry) and too much growth.
    const J0 = Float64Array.from(J);
    const z = looped.perm[0];
    J0[z * n + z] = 0;
    const zeroPivot = sparseLuFactor(b, J0, 0, SPARSE_MAX_GROWTH);
    expect(zeroPivot).toBeGreaterThan(0);
    expect(sparseLuFactor(a, J0, 0, SPARSE_MAX_GROWTH)).toBe(zeroPivot);
    expect(sparseLuFactor(b, J, 1e-3, 1e-6)).toBe(n + 1);
    expect(sparseLuFactor(a, J, 1e-3, 1e-6)).toBe(n + 1);
    let shift = 0;
    for (let m = 0; m < n * n; m++) shift += Math.abs(J[m]);
    expect(sparseLuFactor(a, J, shift, SPARSE_MAX_GROWTH)).toBe(0);
    expect(sparseLuFactor(b, J, shift, SPARSE_MAX_GROWTH)).toBe(0);
    for (const key of ['val', 'invDiag', 'lVal', 'uVal'] as const) expect(Array.from(a[key])).toEqual(Array.from(b[key]));
    const x = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const y = Float64Array.from(x);
    sparseLuSolve(a, x);
    sparseLuSolve(b, y);
    expect(Array.from(x)).toEqual(Array.from(y));
  });

  it('the Markowitz order avoids the fill of the natural order on an arrow matrix', () => {
    // Dense first row and column: eliminating index 0 first fills everything; last fills nothing.
    const n = 20;
    const rowPtr = new Int32Array(n + 1);
    const cols: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 0) for (let j = 0; j < n; j++) cols.push(j);
      else cols.push(0, i);
      rowPtr[i + 1] = cols.length;
    }
    const sym = analyzeSparseLu(n, { rowPtr, colIdx: Int32Array.from(cols) });
    expect(sym.nnz).toBe(3 * n - 2);
    expect(sym.perm.indexOf(0)).toBeGreaterThanOrEqual(n - 2);
  });

  it('reports a zero pivot (the static order cannot pivot) and the dense LU solves that matrix', () => {
    // W = 1·I − J = [[0, 2], [3, 0]]: zero diagonal, regular matrix.
    const J = new Float64Array([1, -2, -3, 1]);
    const pattern = { rowPtr: new Int32Array([0, 2, 4]), colIdx: new Int32Array([0, 1, 0, 1]) };
    const lu = new SparseLu(analyzeSparseLu(2, pattern));
    expect(sparseLuFactor(lu, J, 1, SPARSE_MAX_GROWTH)).toBeGreaterThan(0);
    const x = denseSolve(2, J, 1, new Float64Array([4, 9]));
    expect(Array.from(x)).toEqual([3, 2]);
  });

  it('reports growth of the factors beyond the bound (a tiny pivot) and passes the same W under a looser bound', () => {
    // W = [[1e-12, 1], [1, 1]]: the static order would divide by 1e-12, |L||U| ~ 1e12.
    const J = new Float64Array([-1e-12, -1, -1, -1]);
    const pattern = { rowPtr: new Int32Array([0, 2, 4]), colIdx: new Int32Array([0, 1, 0, 1]) };
    const lu = new SparseLu(analyzeSparseLu(2, pattern));
    expect(sparseLuFactor(lu, J, 0, SPARSE_MAX_GROWTH)).toBe(3);
    expect(sparseLuFactor(lu, J, 0, 1e13)).toBe(0);
  });
});

/** y' = A·y with A = [[−1, ω], [−ω, −1]]: W = shift·I − A has small diagonal against ω when h is large. */
function rotation(omega: number): OdeProblem {
  return {
    n: 2,
    y0: new Float64Array([1, 0]),
    tspan: [0, 10],
    autonomous: true,
    jacobianPattern: { rowPtr: new Int32Array([0, 2, 4]), colIdx: new Int32Array([0, 1, 0, 1]) },
    rhs(_t, y, f) {
      f[0] = -y[0] + omega * y[1];
      f[1] = -omega * y[0] - y[1];
    },
    jacobian(_t, _y, J) {
      J[0] = -1; J[1] = omega; J[2] = -omega; J[3] = -1;
    },
  };
}

describe('whole solves with the sparse LU', () => {
  it('falls back to the dense LU on every step whose static pivot fails, and then equals the dense path exactly', () => {
    // h = 1 fixed: shift = 1/(hγ) + 1 ≈ 5.7, so |L||U| ≈ ω²/5.7 ≫ 1e4·‖W‖ ≈ 1e4·ω → every step falls back.
    const p = rotation(1e12);
    const opts = { fixedStep: 1, saveAt: [0, 5, 10] } as const;
    const sparse = solve(p, { ...opts, linearSolver: 'sparse' } as never);
    const dense = solve(p, { ...opts, linearSolver: 'dense' } as never);
    expect(sparse.stats.steps).toBe(10);
    expect(sparse.stats.denseFallbacks).toBe(sparse.stats.steps);
    expect(sparse.stats.factorizations).toBe(2 * sparse.stats.steps);
    expect(Array.from(sparse.y)).toEqual(Array.from(dense.y));
    // A mild rotation never needs it, and agrees with the dense path to roundoff.
    const mild = rotation(3);
    const a = solve(mild, { rtol: 1e-8, saveAt: [10], linearSolver: 'sparse' });
    const b = solve(mild, { rtol: 1e-8, saveAt: [10], linearSolver: 'dense' });
    expect(a.stats.denseFallbacks).toBe(0);
    expect(a.stats.steps).toBe(b.stats.steps);
    for (let i = 0; i < 2; i++) expect(Math.abs(a.y[i] - b.y[i])).toBeLessThan(1e-14);
  });

  for (const name of ['hires', 'pollu'] as const) {
    it(`${name}: with its Jacobian pattern, same steps and the same solution (1e-12) as the dense path`, () => {
      const c = stiffCase(name);
      const p = withJacobianPattern(c.problem);
      const t1 = p.tspan[1];
      for (const rtol of [1e-6, 1e-9]) {
        const opts = { rtol, atol: rtol * c.atolOverRtol, saveAt: Array.from({ length: 11 }, (_, k) => (k * t1) / 10) };
        const s = solve(p, { ...opts, linearSolver: 'sparse' });
        const d = solve(p, { ...opts, linearSolver: 'dense' });
        expect(s.status).toBe('success');
        expect(s.stats.denseFallbacks).toBe(0);
        expect(s.stats.steps).toBe(d.stats.steps);
        expect(s.stats.rejected).toBe(d.stats.rejected);
        expect(s.stats.factorizations).toBe(d.stats.factorizations);
        // The two LUs round differently (another elimination order); the controller turns that into
        // h's that differ in the last digits, so the grids agree to a few 1e-12 of each component's
        // size (measured worst: 1.4e-12, HIRES y8 at rtol 1e-6), not to the last bit.
        const n = p.n;
        for (let i = 0; i < n; i++) {
          let big = 0;
          for (let r = 0; r < 11; r++) big = Math.max(big, Math.abs(d.y[r * n + i]));
          for (let r = 0; r < 11; r++) expect(Math.abs(s.y[r * n + i] - d.y[r * n + i])).toBeLessThanOrEqual(5e-12 * big);
        }
      }
    });
  }

  it('auto picks the sparse LU for POLLU (n = 20, 23% fill) and the dense one for HIRES (n = 8)', () => {
    const pollu = withJacobianPattern(stiffCase('pollu').problem);
    const ws = createWorkspace(20) as Workspace;
    solve(pollu, { workspace: ws, saveAt: [60] });
    expect(ws.sparseLu).not.toBeNull();
    const hires = withJacobianPattern(stiffCase('hires').problem);
    const ws8 = createWorkspace(8) as Workspace;
    solve(hires, { workspace: ws8, saveAt: [1] });
    expect(ws8.sparseLu).toBeNull();
  });

  it('reuses the workspace and its sparse factors across solves, with identical results', () => {
    const c = stiffCase('pollu');
    const p = withJacobianPattern(c.problem);
    const ws = createWorkspace(20) as Workspace;
    const opts = { rtol: 1e-6, atol: 1e-8, saveAt: [0, 30, 60], linearSolver: 'sparse' as const };
    const a = solve(p, { ...opts, workspace: ws });
    const buffers = ws.buffers();
    const b = solve(p, { ...opts, workspace: ws });
    const fresh = solve(p, opts);
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(fresh.y)).toEqual(Array.from(a.y));
    ws.buffers().forEach((buf, i) => expect(buf).toBe(buffers[i]));
  });

  it('allocates nothing per step on the sparse path (only the boxing of t)', () => {
    const c = stiffCase('pollu');
    const p = withJacobianPattern(c.problem);
    const ws = new Workspace(20);
    ws.atol.fill(1e-8);
    const integ = new RosenbrockIntegrator(p, rodas5p, ws, { rtol: 1e-6, hmax: Infinity, maxSteps: Number.MAX_SAFE_INTEGER, fixedStep: null }, emptyStats());
    integ.useSparseLu(ws.sparseLuFor(analyzeSparseLu(20, p.jacobianPattern!)));
    let started = false;
    const run = (k: number) => {
      for (let s = 0; s < k; s++) {
        if (!started || integ.t >= 60) {
          started = true;
          ws.y0.set(p.y0);
          integ.restart(0);
          integ.chooseInitialStep(null);
          integ.prepare(60);
        }
        if (integ.step(60, false) !== ACCEPTED) throw new Error(`step failed at t = ${integ.t}`);
        integ.commit();
        integ.prepare(60);
      }
    };
    const before = ws.buffers();
    let perStep = Infinity;
    for (let round = 0; round < 6; round++) {
      run(5000);
      perStep = Math.min(perStep, bytesPerIteration(run, 3000));
    }
    ws.buffers().forEach((buf, i) => expect(buf).toBe(before[i]));
    expect(integ.stats.denseFallbacks).toBe(0);
    // 9 boxed doubles of 16 B ≈ 150 B per step; one extra Float64Array(20) per step would add ~200 B.
    expect(perStep).toBeLessThan(220);
  });

  it('rejects a pattern that misses a Jacobian entry, and malformed patterns, naming the argument', () => {
    const p = withJacobianPattern(stiffCase('pollu').problem);
    const { rowPtr, colIdx } = p.jacobianPattern!;
    // Drop the last entry of row 0.
    const cut = { rowPtr: Int32Array.from(rowPtr, (v, i) => (i === 0 ? v : v - 1)), colIdx: Int32Array.from([...colIdx.subarray(0, rowPtr[1] - 1), ...colIdx.subarray(rowPtr[1])]) };
    expect(() => solve({ ...p, jacobianPattern: cut }, { linearSolver: 'sparse' })).toThrow(/problem\.jacobianPattern misses entry \(0, /);
    expect(() => solve({ ...p, jacobianPattern: { rowPtr: new Int32Array(3), colIdx } })).toThrow(/problem\.jacobianPattern\.rowPtr must have length n \+ 1 = 21/);
    expect(() => solve({ ...p, jacobianPattern: { rowPtr, colIdx: Int32Array.from(colIdx, (j) => j + 20) } })).toThrow(/problem\.jacobianPattern\.colIdx\[0\] must be a column index/);
    expect(() => solve({ ...p, jacobianPattern: { rowPtr: [0] as never, colIdx } })).toThrow(TypeError);
    expect(() => solve(stiffCase('pollu').problem, { linearSolver: 'sparse' })).toThrow(/options\.linearSolver 'sparse' needs problem\.jacobianPattern/);
    expect(() => solve(p, { linearSolver: 'lu' as never })).toThrow(/options\.linearSolver must be one of/);
  });
});

describe('compiled models hand their sparsity and autonomy to the solver', () => {
  const species = {
    A: { initial: 1, unit: 'µM', description: '', source: 'assumed: test' },
    B: { initial: 0, unit: 'µM', description: '', source: 'assumed: test' },
  } as const;
  const parameters = { k: { value: 0.5, unit: '1/h', source: 'assumed: test' } } as const;

  it('passes jacobianSparsity through toProblem and marks a model without t autonomous', () => {
    const m = compileModel(defineModel({ name: 'ab', species, parameters, inputs: {}, reactions: { AB: { rate: 'k * A', stoichiometry: { A: -1, B: 1 } } } }));
    const p = m.toProblem({ tspan: [0, 1] });
    expect(p.jacobianPattern?.rowPtr).toBe(m.jacobianSparsity!.rowPtr);
    expect(p.jacobianPattern?.colIdx).toBe(m.jacobianSparsity!.colIdx);
    expect(p.autonomous).toBe(true);
  });

  it('leaves a model whose rate law uses t (through a rule) non-autonomous', () => {
    const m = compileModel(defineModel({
      name: 'abt', species, parameters, inputs: {},
      rules: { pulse: { expression: 'k * (1 + sin(k * t))' } },
      reactions: { AB: { rate: 'pulse * A', stoichiometry: { A: -1, B: 1 } } },
    } as never));
    expect(m.toProblem({ tspan: [0, 1] }).autonomous).toBeUndefined();
  });
});
