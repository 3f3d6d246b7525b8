/**
 * The eigenvalue routine against matrices whose spectra are known in closed form: triangular,
 * companion matrices of polynomials with chosen roots, nonsymmetric tridiagonal Toeplitz matrices
 * (a + 2√(bc)·cos(kπ/(n+1)), real or complex), similarity transforms of block-diagonal matrices
 * with complex pairs, and trace/determinant identities on random matrices.
 */
import { describe, expect, it } from 'vitest';
import { eigenvalues } from '../../src/model/eigenvalues.ts';
import { luFactor } from '../../src/solver/lu.ts';

type C = [number, number];

/** Greedy matching of computed to expected eigenvalues; returns the largest distance. */
function maxMismatch(got: { re: Float64Array; im: Float64Array }, want: C[]): number {
  expect(got.re.length).toBe(want.length);
  const left = want.map((w) => w);
  let worst = 0;
  for (let i = 0; i < got.re.length; i++) {
    let best = -1;
    let bd = Infinity;
    left.forEach((w, k) => {
      const d = Math.hypot(got.re[i] - w[0], got.im[i] - w[1]);
      if (d < bd) { bd = d; best = k; }
    });
    worst = Math.max(worst, bd);
    left.splice(best, 1);
  }
  return worst;
}

/** Deterministic pseudo-random numbers in [-1, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

function matmul(n: number, a: Float64Array, b: Float64Array): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}

function inverse(n: number, a: Float64Array): Float64Array {
  // Gauss–Jordan with partial pivoting (test helper only).
  const m = new Float64Array(n * 2 * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * 2 * n + j] = a[i * n + j];
    m[i * 2 * n + n + i] = 1;
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * 2 * n + c]) > Math.abs(m[p * 2 * n + c])) p = r;
    for (let j = 0; j < 2 * n; j++) [m[c * 2 * n + j], m[p * 2 * n + j]] = [m[p * 2 * n + j], m[c * 2 * n + j]];
    const d = m[c * 2 * n + c];
    for (let j = 0; j < 2 * n; j++) m[c * 2 * n + j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * 2 * n + c];
      for (let j = 0; j < 2 * n; j++) m[r * 2 * n + j] -= f * m[c * 2 * n + j];
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = m[i * 2 * n + n + j];
  return out;
}

describe('eigenvalues (Hessenberg + Francis double-shift QR)', () => {
  it('reads a triangular matrix\'s diagonal, sorted by real part', () => {
    const a = Float64Array.from([-3, 1, 7, 0, 2, -5, 0, 0, -0.5]);
    const e = eigenvalues(3, a);
    expect(Array.from(e.re)).toEqual([2, -0.5, -3]);
    expect(Array.from(e.im)).toEqual([0, 0, 0]);
    expect(Array.from(a)).toEqual([-3, 1, 7, 0, 2, -5, 0, 0, -0.5]); // input untouched
  });

  it('finds the roots of a polynomial from its companion matrix, real and complex', () => {
    // (x − 1)(x − 2)(x + 4)(x² + 2x + 5): roots 1, 2, −4, −1 ± 2i.
    const roots: C[] = [[1, 0], [2, 0], [-4, 0], [-1, 2], [-1, -2]];
    // Coefficients of the monic polynomial, highest first, by multiplying out.
    let poly: C[] = [[1, 0]];
    for (const r of roots) {
      const next: C[] = poly.map(() => [0, 0] as C).concat([[0, 0]]);
      poly.forEach((c, i) => {
        next[i][0] += c[0]; next[i][1] += c[1];
        next[i + 1][0] -= c[0] * r[0] - c[1] * r[1];
        next[i + 1][1] -= c[0] * r[1] + c[1] * r[0];
      });
      poly = next;
    }
    const n = roots.length;
    const a = new Float64Array(n * n);
    for (let j = 0; j < n; j++) a[j] = -poly[j + 1][0];
    for (let i = 1; i < n; i++) a[i * n + i - 1] = 1;
    expect(maxMismatch(eigenvalues(n, a), roots)).toBeLessThan(1e-10);
  });

  it('matches the closed form for nonsymmetric tridiagonal Toeplitz matrices', () => {
    for (const [a, b, c, n] of [[-2, 1, 3, 30], [-1, 2, -0.5, 25], [0.5, -1, 4, 12]] as const) {
      const m = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        m[i * n + i] = a;
        if (i > 0) m[i * n + i - 1] = b;
        if (i < n - 1) m[i * n + i + 1] = c;
      }
      // a + 2√(bc) cos(kπ/(n+1)); bc < 0 gives a purely imaginary √.
      const bc = b * c;
      const want: C[] = Array.from({ length: n }, (_, k) => {
        const cos = Math.cos(((k + 1) * Math.PI) / (n + 1));
        return bc >= 0 ? [a + 2 * Math.sqrt(bc) * cos, 0] : [a, 2 * Math.sqrt(-bc) * cos];
      });
      expect(maxMismatch(eigenvalues(n, m), want)).toBeLessThan(1e-8 * Math.max(1, Math.sqrt(Math.abs(bc))));
    }
  });

  it('recovers a chosen spectrum with complex pairs and six decades of rates after a similarity transform', () => {
    const n = 30;
    const rand = rng(17);
    const d = new Float64Array(n * n);
    const want: C[] = [];
    for (let i = 0; i < n; ) {
      const scale = 10 ** (-3 + (6 * i) / n); // 1e-3 … 1e3 per hour, like a kinetic model
      if (i % 5 === 0 && i + 1 < n) {
        const re = -scale;
        const im = 0.5 * scale;
        d[i * n + i] = re; d[(i + 1) * n + i + 1] = re;
        d[i * n + i + 1] = im; d[(i + 1) * n + i] = -im;
        want.push([re, im], [re, -im]);
        i += 2;
      } else {
        d[i * n + i] = i === 7 ? 0 : -scale * (1 + 0.1 * rand());
        want.push([d[i * n + i], 0]);
        i += 1;
      }
    }
    const s = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) s[i] = rand();
    for (let i = 0; i < n; i++) s[i * n + i] += 4; // well conditioned
    const a = matmul(n, matmul(n, s, d), inverse(n, s));
    const e = eigenvalues(n, a);
    // Error relative to each eigenvalue's size, with an absolute floor from the matrix norm.
    const got = { re: e.re, im: e.im };
    const left = [...want];
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < left.length; k++) {
        if (Math.hypot(got.re[i] - left[k][0], got.im[i] - left[k][1]) < Math.hypot(got.re[i] - left[best][0], got.im[i] - left[best][1])) best = k;
      }
      const w = left.splice(best, 1)[0];
      expect(Math.hypot(got.re[i] - w[0], got.im[i] - w[1])).toBeLessThan(1e-6 * Math.max(Math.hypot(w[0], w[1]), 1));
    }
  });

  it('keeps trace and determinant on random matrices', () => {
    for (const [n, seed] of [[5, 1], [12, 2], [31, 3]] as const) {
      const rand = rng(seed);
      const a = Float64Array.from({ length: n * n }, () => rand());
      const e = eigenvalues(n, a);
      let trace = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i];
      let sum = 0;
      let sumIm = 0;
      for (let i = 0; i < n; i++) { sum += e.re[i]; sumIm += e.im[i]; }
      expect(Math.abs(sum - trace)).toBeLessThan(1e-10 * n);
      expect(Math.abs(sumIm)).toBeLessThan(1e-10 * n);
      // det = ∏ λ, compared through log|det|.
      const lu = Float64Array.from(a);
      const piv = new Int32Array(n);
      expect(luFactor(n, lu, piv)).toBe(0);
      let logDet = 0;
      for (let i = 0; i < n; i++) logDet += Math.log(Math.abs(lu[i * n + i]));
      let logProd = 0;
      for (let i = 0; i < n; i++) logProd += Math.log(Math.hypot(e.re[i], e.im[i]));
      expect(Math.abs(logProd - logDet)).toBeLessThan(1e-8 * n);
      // Complex eigenvalues of a real matrix come in conjugate pairs.
      const pairs = Array.from(e.im).filter((v) => v !== 0).sort((x, y) => x - y);
      for (let k = 0; k < pairs.length; k++) expect(pairs[k]).toBeCloseTo(-pairs[pairs.length - 1 - k], 10);
    }
  });

  it('says what is wrong with bad input', () => {
    expect(() => eigenvalues(2, [1, 2, 3])).toThrow(/needs 4 entries/);
    expect(() => eigenvalues(2, [1, NaN, 3, 4])).toThrow(/entry \(0, 1\) is not finite/);
    expect(eigenvalues(0, []).re.length).toBe(0);
    expect(Array.from(eigenvalues(1, [-2.5]).re)).toEqual([-2.5]);
  });
});
