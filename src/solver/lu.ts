/**
 * Dense LU factorisation with partial (row) pivoting, in place, on a row-major n×n Float64Array:
 * A[i*n + j] is row i, column j. A leaf module: no allocation, no dependencies.
 *
 * After `luFactor`, A holds L (strictly below the diagonal, unit diagonal implied) and U (on and
 * above it), and `ipiv[k]` is the row swapped with row k at elimination step k (LAPACK dgetrf
 * convention, 0-based).
 */

/**
 * Factors A = P·L·U in place. Returns 0 on success, or k + 1 when the pivot of column k is
 * exactly zero or not finite (the matrix is singular to working precision, or contains NaN/∞);
 * A is then only partly factored and must not be passed to `luSolve`.
 */
export function luFactor(n: number, A: Float64Array, ipiv: Int32Array): number {
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    // Pivot: the largest magnitude in column k at or below the diagonal.
    let p = k;
    let maxAbs = Math.abs(A[rowK + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(A[i * n + k]);
      if (v > maxAbs) {
        maxAbs = v;
        p = i;
      }
    }
    ipiv[k] = p;
    // `!(x > 0)` also catches NaN.
    if (!(maxAbs > 0) || maxAbs === Infinity) return k + 1;
    if (p !== k) {
      const rowP = p * n;
      for (let j = 0; j < n; j++) {
        const tmp = A[rowK + j];
        A[rowK + j] = A[rowP + j];
        A[rowP + j] = tmp;
      }
    }
    const invPivot = 1 / A[rowK + k];
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const l = A[rowI + k] * invPivot;
      A[rowI + k] = l;
      if (l !== 0) {
        for (let j = k + 1; j < n; j++) A[rowI + j] -= l * A[rowK + j];
      }
    }
  }
  return 0;
}

/** Solves A·x = b in place (b becomes x) with the factors and pivots from `luFactor`. */
export function luSolve(n: number, A: Float64Array, ipiv: Int32Array, b: Float64Array): void {
  // Apply the row swaps, then forward-substitute with the unit lower triangle.
  applyRowSwaps(n, ipiv, b);
  // Two accumulators per dot product halve the chain of dependent additions, which is what
  // bounds these short loops.
  for (let i = 1; i < n; i++) {
    const rowI = i * n;
    let s0 = b[i];
    let s1 = 0;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      s0 -= A[rowI + j] * b[j];
      s1 -= A[rowI + j + 1] * b[j + 1];
    }
    if (j < i) s0 -= A[rowI + j] * b[j];
    b[i] = s0 + s1;
  }
  // Back-substitute with U.
  for (let i = n - 1; i >= 0; i--) {
    const rowI = i * n;
    let s0 = b[i];
    let s1 = 0;
    let j = i + 1;
    for (; j + 1 < n; j += 2) {
      s0 -= A[rowI + j] * b[j];
      s1 -= A[rowI + j + 1] * b[j + 1];
    }
    if (j < n) s0 -= A[rowI + j] * b[j];
    b[i] = (s0 + s1) / A[rowI + i];
  }
}

/**
 * Validating wrapper for callers outside the hot loop: checks sizes and throws a RangeError that
 * names the argument; returns the status of `luFactor`.
 */
export function luFactorChecked(n: number, A: Float64Array, ipiv: Int32Array): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer. Value: ${n}`);
  if (A.length < n * n) throw new RangeError(`A must hold n*n = ${n * n} entries. Length: ${A.length}`);
  if (ipiv.length < n) throw new RangeError(`ipiv must hold n = ${n} entries. Length: ${ipiv.length}`);
  return luFactor(n, A, ipiv);
}

/**
 * Records where the factors from `luFactor` are nonzero, row by row: the strictly lower part
 * (L) in `lRow`/`lCols` and the strictly upper part (U) in `uRow`/`uCols` (CSR layout: row i's
 * columns are cols[row[i] .. row[i+1])). `lRow`/`uRow` hold n + 1 entries, `lCols`/`uCols` up to
 * n·(n−1)/2. Returns the number of off-diagonal nonzeros. Kinetic models give sparse factors,
 * and `luSolvePattern` then skips the zeros.
 */
export function luPattern(n: number, A: Float64Array, lRow: Int32Array, lCols: Int32Array, uRow: Int32Array, uCols: Int32Array): number {
  let nl = 0;
  let nu = 0;
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    lRow[i] = nl;
    for (let j = 0; j < i; j++) if (A[rowI + j] !== 0) lCols[nl++] = j;
    uRow[i] = nu;
    for (let j = i + 1; j < n; j++) if (A[rowI + j] !== 0) uCols[nu++] = j;
  }
  lRow[n] = nl;
  uRow[n] = nu;
  return nl + nu;
}

/** `luSolve` that visits only the nonzeros recorded by `luPattern` for these factors. */
export function luSolvePattern(
  n: number,
  A: Float64Array,
  ipiv: Int32Array,
  lRow: Int32Array,
  lCols: Int32Array,
  uRow: Int32Array,
  uCols: Int32Array,
  b: Float64Array,
): void {
  applyRowSwaps(n, ipiv, b);
  for (let i = 1; i < n; i++) {
    const rowI = i * n;
    let s = b[i];
    const end = lRow[i + 1];
    for (let q = lRow[i]; q < end; q++) {
      const j = lCols[q];
      s -= A[rowI + j] * b[j];
    }
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const rowI = i * n;
    let s = b[i];
    const end = uRow[i + 1];
    for (let q = uRow[i]; q < end; q++) {
      const j = uCols[q];
      s -= A[rowI + j] * b[j];
    }
    b[i] = s / A[rowI + i];
  }
}

/** Applies the row interchanges recorded by `luFactor` to b, in order. */
function applyRowSwaps(n: number, ipiv: Int32Array, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = ipiv[k];
    if (p !== k) {
      const tmp = b[k];
      b[k] = b[p];
      b[p] = tmp;
    }
  }
}
