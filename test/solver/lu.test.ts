import { describe, expect, it } from 'vitest';
import { luFactor, luFactorChecked, luPattern, luSolve, luSolvePattern } from '../../src/solver/lu.ts';

/** Deterministic pseudo-random numbers in [−0.5, 0.5). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

function randomMatrix(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) A[i] = r();
  // Well conditioned but not diagonally dominant, so pivoting matters.
  for (let i = 0; i < n; i++) A[i * n + i] += 0.5 * (i % 2 === 0 ? 1 : -1);
  return A;
}

/** P·L·U from the packed factors, undoing the recorded row swaps in reverse order. */
function reconstruct(n: number, LU: Float64Array, ipiv: Int32Array): Float64Array {
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k <= Math.min(i, j); k++) s += (k === i ? 1 : LU[i * n + k]) * LU[k * n + j];
      M[i * n + j] = s;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const p = ipiv[k];
    if (p !== k) for (let j = 0; j < n; j++) [M[k * n + j], M[p * n + j]] = [M[p * n + j], M[k * n + j]];
  }
  return M;
}

describe('dense LU with partial pivoting', () => {
  it.each([1, 2, 3, 8, 20, 35])('factors a random n×n matrix (n = %i) so that P·L·U reproduces it', (n) => {
    const A = randomMatrix(n, 1000 + n);
    const LU = A.slice();
    const ipiv = new Int32Array(n);
    expect(luFactor(n, LU, ipiv)).toBe(0);
    const M = reconstruct(n, LU, ipiv);
    for (let i = 0; i < n * n; i++) expect(Math.abs(M[i] - A[i])).toBeLessThan(1e-13);
  });

  it.each([3, 8, 20, 35])('solves A·x = b for n = %i with a residual near round-off', (n) => {
    const A = randomMatrix(n, 7 * n);
    const r = rng(n);
    const xTrue = Float64Array.from({ length: n }, () => r());
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * xTrue[j];
    const LU = A.slice();
    const ipiv = new Int32Array(n);
    expect(luFactor(n, LU, ipiv)).toBe(0);
    const x = b.slice();
    luSolve(n, LU, ipiv, x);
    for (let i = 0; i < n; i++) expect(Math.abs(x[i] - xTrue[i])).toBeLessThan(1e-10);
  });

  it('pivots: a matrix with a zero in the leading position is factored', () => {
    const A = new Float64Array([0, 1, 1, 0]);
    const ipiv = new Int32Array(2);
    expect(luFactor(2, A, ipiv)).toBe(0);
    expect(ipiv[0]).toBe(1);
    const x = new Float64Array([2, 3]);
    luSolve(2, A, ipiv, x);
    expect(Array.from(x)).toEqual([3, 2]);
  });

  it('reports a singular matrix by the 1-based column of the zero pivot instead of dividing by zero', () => {
    // Rows 0 and 2 are equal: rank 2.
    const A = new Float64Array([1, 2, 3, 4, 5, 6, 1, 2, 3]);
    const status = luFactor(3, A, new Int32Array(3));
    expect(status).toBe(3);
    for (const v of A) expect(Number.isFinite(v)).toBe(true);
  });

  it('reports a zero matrix at the first column and a matrix containing NaN as not factorable', () => {
    expect(luFactor(2, new Float64Array(4), new Int32Array(2))).toBe(1);
    expect(luFactor(2, new Float64Array([NaN, 1, 1, 1]), new Int32Array(2))).toBeGreaterThan(0);
  });

  it('accepts n = 0 and validates sizes in the checked wrapper', () => {
    expect(luFactor(0, new Float64Array(0), new Int32Array(0))).toBe(0);
    expect(() => luFactorChecked(3, new Float64Array(8), new Int32Array(3))).toThrow(/A must hold n\*n = 9 entries/);
    expect(() => luFactorChecked(3, new Float64Array(9), new Int32Array(2))).toThrow(/ipiv must hold n = 3 entries/);
    expect(() => luFactorChecked(-1, new Float64Array(0), new Int32Array(0))).toThrow(/n must be a non-negative integer/);
  });
});

describe('sparse triangular solves', () => {
  it('give the same solution as the dense solve on a sparse matrix, visiting only the nonzeros', () => {
    const n = 30;
    const r = rng(99);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      A[i * n + i] = 4 + r();
      for (let k = 0; k < 3; k++) A[i * n + Math.floor((r() + 0.5) * n)] += r();
    }
    const LU = A.slice();
    const ipiv = new Int32Array(n);
    expect(luFactor(n, LU, ipiv)).toBe(0);
    const half = (n * (n - 1)) / 2;
    const lRow = new Int32Array(n + 1);
    const lCols = new Int32Array(half);
    const uRow = new Int32Array(n + 1);
    const uCols = new Int32Array(half);
    const nnz = luPattern(n, LU, lRow, lCols, uRow, uCols);
    let count = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && LU[i * n + j] !== 0) count++;
    expect(nnz).toBe(count);
    expect(nnz).toBeLessThan(n * (n - 1) * 0.4);
    const b = Float64Array.from({ length: n }, () => r());
    const dense = b.slice();
    luSolve(n, LU, ipiv, dense);
    const sparse = b.slice();
    luSolvePattern(n, LU, ipiv, lRow, lCols, uRow, uCols, sparse);
    for (let i = 0; i < n; i++) expect(Math.abs(sparse[i] - dense[i])).toBeLessThan(1e-14 * Math.max(1, Math.abs(dense[i])));
  });
});
