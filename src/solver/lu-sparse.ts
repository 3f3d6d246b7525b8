/**
 * Sparse LU of W = shift·I − J for a Jacobian whose structural nonzeros are known in advance
 * (a compiled kinetic model knows them at compile time). A leaf module: no dependencies.
 *
 * Symbolic analysis (`analyzeSparseLu`, once per pattern, cached): a fill-reducing pivot order
 * chosen by Markowitz's rule among the diagonal entries, the fill pattern of L + U under that
 * order, and flat index arrays for loading W and for every elimination update. The numeric
 * factorisation (`sparseLuFactor`, once per step) then runs straight down those arrays with no
 * pivot search and no allocation (as straight-line code generated from them, where allowed: about
 * 2× faster at n = 31). Without dynamic pivoting a pivot can be small and the factors
 * can grow; the factor reports that (a zero pivot, or growth ‖|L||U|‖ beyond SPARSE_MAX_GROWTH·‖W‖)
 * and the caller falls back to the dense, partially pivoted LU for that step.
 *
 * Layout: rows and columns are permuted symmetrically (perm[k] is the original index eliminated
 * at step k). The factors live in one CSR structure in permuted coordinates: row k holds L's
 * multipliers (columns < k), then the pivot (at diagPos[k]), then U (columns > k), each ascending.
 */

/** Structural nonzeros of an n×n matrix in CSR form: row i's columns are colIdx[rowPtr[i] .. rowPtr[i+1]). */
export interface CsrPattern {
  rowPtr: Int32Array;
  colIdx: Int32Array;
}

/** Everything about the factorisation that depends on the pattern only (immutable, shareable). */
export interface SparseLuSymbolic {
  readonly n: number;
  /** perm[k] = original index of the k-th pivot; pinv is its inverse. */
  readonly perm: Int32Array;
  readonly pinv: Int32Array;
  /** Pattern of L + U (with the diagonal) in permuted coordinates, CSR, columns ascending. */
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly diagPos: Int32Array;
  /**
   * The solves' flat entry lists, in original indices so they work on b in place: L's entries row
   * by row in pivot order (lPos into val, target row lRow, source column lCol), and U's
   * off-diagonal entries row by row in reverse pivot order (uPos, uRow, uCol).
   */
  readonly lPos: Int32Array;
  readonly lRow: Int32Array;
  readonly lCol: Int32Array;
  readonly uPos: Int32Array;
  readonly uRow: Int32Array;
  readonly uCol: Int32Array;
  /** Loading W: val[loadPos[q]] = −J[loadSrc[q]] (loadSrc is the row-major index into dense J). */
  readonly loadPos: Int32Array;
  readonly loadSrc: Int32Array;
  /**
   * Elimination updates in the order the numeric loop makes them: for each row i, each multiplier
   * l_ik (k ascending), each U entry u_kj of row k: val[updTarget[t++]] −= l_ik·u_kj.
   */
  readonly updTarget: Int32Array;
  /**
   * `sparseLuSolve` as straight-line code generated for this pattern (constant indices, one
   * statement per row: about 3× faster than the loops at n = 31), or null where generating code
   * is not allowed (a Content-Security-Policy without 'unsafe-eval') or the pattern is too big.
   */
  readonly solveKernel: SolveKernel | null;
  /**
   * `sparseLuFactor`'s numeric work as straight-line code for this pattern (same operations in
   * the same order, so the same bits), or null where generating code is not allowed.
   */
  readonly factorKernel: FactorKernel | null;
  /** Entries of L + U including the diagonal (fill included). */
  readonly nnz: number;
  /** Entries of J's pattern ∪ diagonal, before fill. */
  readonly nnzW: number;
}

/** Generated solve: (lVal, uVal, invDiag, b) with the layout of SparseLu. */
export type SolveKernel = (l: Float64Array, u: Float64Array, d: Float64Array, b: Float64Array) => void;

/** Generated factorisation: (lu, J, shift, maxGrowth) → status, as `sparseLuFactor`. */
export type FactorKernel = (
  v: Float64Array, J: Float64Array, shift: number, maxGrowth: number,
  p: Float64Array, ra: Float64Array, d: Float64Array, l: Float64Array, u: Float64Array,
) => number;

/** Above this many factor entries the generated solve would be slow to compile: keep the loops. */
const MAX_GENERATED_ENTRIES = 4000;

/** Whether `analyzeSparseLu` may generate code (tests switch it off to check the loops). */
export const sparseCodegen = { enabled: true };

/** The body of `sparseLuSolve` unrolled for one pattern (indices are integers from Int32Arrays). */
function generateSolve(n: number, lRow: Int32Array, lCol: Int32Array, uRow: Int32Array, uCol: Int32Array): SolveKernel | null {
  if (!sparseCodegen.enabled || lRow.length + uRow.length + n > MAX_GENERATED_ENTRIES) return null;
  const lines: string[] = [];
  const rows = (row: Int32Array, col: Int32Array, v: string) => {
    for (let q = 0; q < row.length;) {
      const r = row[q];
      let e = `b[${r}]`;
      for (; q < row.length && row[q] === r; q++) e += ` - ${v}[${q}] * b[${col[q]}]`;
      lines.push(`b[${r}] = ${e};`);
    }
  };
  rows(lRow, lCol, 'l');
  for (let i = 0; i < n; i++) lines.push(`b[${i}] *= d[${i}];`);
  rows(uRow, uCol, 'u');
  try {
    return new Function('l', 'u', 'd', 'b', `'use strict';\n${lines.join('\n')}`) as SolveKernel;
  } catch {
    return null; // code generation forbidden here: the loops do the same in the same order
  }
}

/**
 * The body of `sparseLuFactor` unrolled for one pattern: every index a constant, every operation in
 * the loops' order. v = val, p = invPivot (by pivot step), ra = rowAbs, d = invDiag, l/u = lVal/uVal.
 */
function generateFactor(n: number, parts: {
  rowPtr: Int32Array; colIdx: Int32Array; diagPos: Int32Array; perm: Int32Array; updTarget: Int32Array;
  loadPos: Int32Array; loadSrc: Int32Array; lPos: Int32Array; uPos: Int32Array; uRow: Int32Array;
}): FactorKernel | null {
  const { rowPtr: rp, colIdx: ci, diagPos: dp, perm, updTarget: tgt, loadPos, loadSrc, lPos, uPos, uRow } = parts;
  const nnz = rp[n];
  if (!sparseCodegen.enabled || nnz + tgt.length + lPos.length + uPos.length > MAX_GENERATED_ENTRIES) return null;
  const lines: string[] = ['let w = 0, s = 0, m = 0, x = 0;'];
  const src = new Int32Array(nnz).fill(-1);
  for (let q = 0; q < loadPos.length; q++) src[loadPos[q]] = loadSrc[q];
  for (let q = 0; q < nnz; q++) lines.push(src[q] >= 0 ? `v[${q}] = -J[${src[q]}];` : `v[${q}] = 0;`);
  const absSum = (from: number, to: number) => {
    const terms: string[] = [];
    for (let q = from; q < to; q++) terms.push(`Math.abs(v[${q}])`);
    return terms.length > 0 ? terms.join(' + ') : '0';
  };
  for (let i = 0; i < n; i++) {
    lines.push(`v[${dp[i]}] += shift;`, `s = 0 + ${absSum(rp[i], rp[i + 1])};`, 'if (s > w) w = s;');
  }
  let t = 0;
  for (let i = 0; i < n; i++) {
    const d = dp[i];
    for (let q = rp[i]; q < d; q++) {
      const k = ci[q];
      lines.push(`m = v[${q}] * p[${k}];`, `v[${q}] = m;`);
      for (let r = dp[k] + 1; r < rp[k + 1]; r++) lines.push(`v[${tgt[t++]}] -= m * v[${r}];`);
    }
    lines.push(`x = v[${d}];`, `if (!(x !== 0 && Math.abs(x) < Infinity)) return ${i + 1};`, `p[${i}] = 1 / x;`,
      `ra[${i}] = 0 + ${absSum(d, rp[i + 1])};`);
  }
  lines.push('let g = 0;');
  for (let i = 0; i < n; i++) {
    let e = `ra[${i}]`;
    for (let q = rp[i]; q < dp[i]; q++) e += ` + Math.abs(v[${q}]) * ra[${ci[q]}]`;
    lines.push(`s = ${e};`, 'if (s > g) g = s;');
  }
  lines.push('if (!(g <= maxGrowth * w)) return ' + (n + 1) + ';');
  for (let i = 0; i < n; i++) lines.push(`d[${perm[i]}] = p[${i}];`);
  for (let q = 0; q < lPos.length; q++) lines.push(`l[${q}] = v[${lPos[q]}];`);
  for (let q = 0; q < uPos.length; q++) lines.push(`u[${q}] = v[${uPos[q]}] * d[${uRow[q]}];`);
  lines.push('return 0;');
  try {
    return new Function('v', 'J', 'shift', 'maxGrowth', 'p', 'ra', 'd', 'l', 'u', `'use strict';\n${lines.join('\n')}`) as FactorKernel;
  } catch {
    return null;
  }
}

/** The numeric half: values of the factors and scratch, per workspace. */
export class SparseLu {
  readonly sym: SparseLuSymbolic;
  readonly val: Float64Array;
  /** 1/pivot by pivot step (used while factoring) and by original index (used by the solves). */
  readonly invPivot: Float64Array;
  readonly invDiag: Float64Array;
  /** Row sums of |U| (scratch for the growth test). */
  readonly rowAbs: Float64Array;
  /** Copies of the factors in the solves' order: L's multipliers, and U's rows divided by their pivot. */
  readonly lVal: Float64Array;
  readonly uVal: Float64Array;
  constructor(sym: SparseLuSymbolic) {
    this.sym = sym;
    this.val = new Float64Array(sym.nnz);
    this.invPivot = new Float64Array(sym.n);
    this.rowAbs = new Float64Array(sym.n);
    this.invDiag = new Float64Array(sym.n);
    this.lVal = new Float64Array(sym.lPos.length);
    this.uVal = new Float64Array(sym.uPos.length);
  }
}

/**
 * Largest accepted growth ‖|L|·|U|‖∞ / ‖W‖∞. LU without pivoting is backward stable exactly when
 * this is modest: the computed factors are those of W + ΔW with |ΔW| ≤ γ_n·|L||U| (Higham,
 * Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 9.3), so 1e4 bounds the relative
 * backward error by about n·eps·1e4. It costs two passes over the factors, far less than a bound
 * on each multiplier costs in needless fallbacks (a W ≈ −J of a kinetic model has multipliers of
 * 1e4 with growth near 1). Beyond it the step is refactored by the dense LU with partial pivoting.
 */
export const SPARSE_MAX_GROWTH = 1e4;

/**
 * Factors W = shift·I − J (J dense, row-major n×n; only entries in the pattern are read) into
 * `lu`. Returns 0 on success; k + 1 when pivot step k met a zero or non-finite pivot; n + 1 when
 * the factors' growth exceeds `maxGrowth` (see SPARSE_MAX_GROWTH). On failure `lu` is unusable
 * and the caller should factor W densely.
 */
export function sparseLuFactor(lu: SparseLu, J: Float64Array, shift: number, maxGrowth: number): number {
  const sym = lu.sym;
  const kernel = sym.factorKernel;
  if (kernel !== null) return kernel(lu.val, J, shift, maxGrowth, lu.invPivot, lu.rowAbs, lu.invDiag, lu.lVal, lu.uVal);
  const n = sym.n;
  const val = lu.val;
  const invP = lu.invPivot;
  const rowAbs = lu.rowAbs;
  const rp = sym.rowPtr;
  const ci = sym.colIdx;
  const dp = sym.diagPos;
  const tgt = sym.updTarget;
  const loadPos = sym.loadPos;
  const loadSrc = sym.loadSrc;
  const nz = sym.nnz;
  for (let q = 0; q < nz; q++) val[q] = 0;
  const nl = loadPos.length;
  for (let q = 0; q < nl; q++) val[loadPos[q]] = -J[loadSrc[q]];
  let wNorm = 0;
  for (let i = 0; i < n; i++) {
    val[dp[i]] += shift;
    let s = 0;
    const end = rp[i + 1];
    for (let q = rp[i]; q < end; q++) s += Math.abs(val[q]);
    if (s > wNorm) wNorm = s;
  }
  let t = 0;
  for (let i = 0; i < n; i++) {
    const d = dp[i];
    for (let q = rp[i]; q < d; q++) {
      const k = ci[q];
      const l = val[q] * invP[k];
      val[q] = l;
      const uEnd = rp[k + 1];
      for (let r = dp[k] + 1; r < uEnd; r++) val[tgt[t++]] -= l * val[r];
    }
    const pivot = val[d];
    if (!(pivot !== 0 && Math.abs(pivot) < Infinity)) return i + 1;
    invP[i] = 1 / pivot;
    // Row i of |U|·e, for the growth test below (row i of U is final now).
    let s = 0;
    const end = rp[i + 1];
    for (let q = d; q < end; q++) s += Math.abs(val[q]);
    rowAbs[i] = s;
  }
  // ‖|L|·|U|‖∞ = max_i (|U|e)_i + Σ_k |l_ik|·(|U|e)_k.
  let luNorm = 0;
  for (let i = 0; i < n; i++) {
    let s = rowAbs[i];
    const d = dp[i];
    for (let q = rp[i]; q < d; q++) s += Math.abs(val[q]) * rowAbs[ci[q]];
    if (s > luNorm) luNorm = s;
  }
  // `!(a <= b)` also catches NaN.
  if (!(luNorm <= maxGrowth * wNorm)) return n + 1;
  const invD = lu.invDiag;
  const perm = sym.perm;
  for (let i = 0; i < n; i++) invD[perm[i]] = invP[i];
  // Lay the factors out for the solves: one flat loop each, no per-row bookkeeping.
  const lPos = sym.lPos;
  const lVal = lu.lVal;
  for (let q = 0; q < lPos.length; q++) lVal[q] = val[lPos[q]];
  const uPos = sym.uPos;
  const uRow = sym.uRow;
  const uVal = lu.uVal;
  for (let q = 0; q < uPos.length; q++) uVal[q] = val[uPos[q]] * invD[uRow[q]];
  return 0;
}

/** Solves W·x = b in place (b becomes x) with the factors from a successful `sparseLuFactor`. */
export function sparseLuSolve(lu: SparseLu, b: Float64Array): void {
  const sym = lu.sym;
  const kernel = sym.solveKernel;
  if (kernel !== null) {
    kernel(lu.lVal, lu.uVal, lu.invDiag, b);
    return;
  }
  const n = sym.n;
  // L·y = P·b: entries row by row in pivot order, so each y_k is final before it is used.
  const lRow = sym.lRow;
  const lCol = sym.lCol;
  const lVal = lu.lVal;
  const nl = lVal.length;
  for (let q = 0; q < nl; q++) b[lRow[q]] -= lVal[q] * b[lCol[q]];
  // U = D·U' with U' unit upper: x = U'⁻¹·D⁻¹·y, U' row by row in reverse pivot order.
  const invD = lu.invDiag;
  for (let i = 0; i < n; i++) b[i] *= invD[i];
  const uRow = sym.uRow;
  const uCol = sym.uCol;
  const uVal = lu.uVal;
  const nu = uVal.length;
  for (let q = 0; q < nu; q++) b[uRow[q]] -= uVal[q] * b[uCol[q]];
}

/**
 * Checks a CSR pattern for an n×n matrix and returns a description of the first problem, or ''
 * when it is valid (`name` prefixes the message, e.g. 'problem.jacobianPattern').
 */
export function checkCsrPattern(n: number, p: CsrPattern, name: string): string {
  const { rowPtr, colIdx } = p;
  if (rowPtr.length !== n + 1) return `${name}.rowPtr must have length n + 1 = ${n + 1}. Length: ${rowPtr.length}`;
  if (rowPtr[0] !== 0) return `${name}.rowPtr[0] must be 0. Value: ${rowPtr[0]}`;
  for (let i = 0; i < n; i++) {
    if (rowPtr[i + 1] < rowPtr[i]) return `${name}.rowPtr must be non-decreasing; rowPtr[${i + 1}] = ${rowPtr[i + 1]} < rowPtr[${i}] = ${rowPtr[i]}`;
  }
  if (rowPtr[n] > colIdx.length) return `${name}.rowPtr[n] = ${rowPtr[n]} exceeds colIdx.length = ${colIdx.length}`;
  for (let q = 0; q < rowPtr[n]; q++) {
    const j = colIdx[q];
    if (!(j >= 0 && j < n)) return `${name}.colIdx[${q}] must be a column index in [0, ${n - 1}]. Value: ${j}`;
  }
  return '';
}

/**
 * Returns the row-major index i·n + j of the first entry of dense J that is nonzero but outside
 * the pattern's W (J's pattern ∪ diagonal), or −1 when the pattern covers J.
 */
export function firstEntryOutsidePattern(sym: SparseLuSymbolic, J: Float64Array): number {
  const n = sym.n;
  const { rowPtr, colIdx, pinv } = sym;
  for (let i = 0; i < n; i++) {
    const a = pinv[i];
    for (let j = 0; j < n; j++) {
      const v = J[i * n + j];
      if (v === 0 || i === j) continue;
      const b = pinv[j];
      let found = false;
      for (let q = rowPtr[a]; q < rowPtr[a + 1]; q++) {
        if (colIdx[q] === b) {
          found = true;
          break;
        }
      }
      if (!found) return i * n + j;
    }
  }
  return -1;
}

const cache = new WeakMap<Int32Array, { rowPtr: Int32Array; sym: SparseLuSymbolic }>();

/**
 * Symbolic analysis of W = shift·I − J for J's pattern, cached per pattern object (a compiled
 * model hands the same arrays to every problem it makes, so sweeps analyse once). The pattern
 * must be valid (see `checkCsrPattern`); the arrays must not be modified afterwards.
 */
export function analyzeSparseLu(n: number, pattern: CsrPattern): SparseLuSymbolic {
  const hit = cache.get(pattern.colIdx);
  if (hit !== undefined && hit.rowPtr === pattern.rowPtr && hit.sym.n === n) return hit.sym;
  const sym = analyze(n, pattern);
  cache.set(pattern.colIdx, { rowPtr: pattern.rowPtr, sym });
  return sym;
}

function solveLists(n: number, perm: Int32Array, rowPtr: Int32Array, colIdx: Int32Array, diagPos: Int32Array) {
  const l: number[] = [];
  const u: number[] = [];
  for (let a = 0; a < n; a++) for (let q = rowPtr[a]; q < diagPos[a]; q++) l.push(q, perm[a], perm[colIdx[q]]);
  for (let a = n - 1; a >= 0; a--) for (let q = diagPos[a] + 1; q < rowPtr[a + 1]; q++) u.push(q, perm[a], perm[colIdx[q]]);
  const pick = (x: number[], k: number) => Int32Array.from({ length: x.length / 3 }, (_, m) => x[3 * m + k]);
  return { lPos: pick(l, 0), lRow: pick(l, 1), lCol: pick(l, 2), uPos: pick(u, 0), uRow: pick(u, 1), uCol: pick(u, 2) };
}

function analyze(n: number, pattern: CsrPattern): SparseLuSymbolic {
  // Dense boolean masks are fine here: this runs once per pattern, and kinetic models are small.
  const inJ = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) for (let q = pattern.rowPtr[i]; q < pattern.rowPtr[i + 1]; q++) inJ[i * n + pattern.colIdx[q]] = 1;
  const mask = Uint8Array.from(inJ);
  for (let i = 0; i < n; i++) mask[i * n + i] = 1;
  let nnzW = 0;
  for (let m = 0; m < n * n; m++) nnzW += mask[m];

  // Markowitz order over diagonal pivots: eliminate next the k with the fewest (r_k − 1)(c_k − 1)
  // potential fill-ins in the active submatrix, then record the fill it creates.
  const rowCnt = new Int32Array(n);
  const colCnt = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (mask[i * n + j]) {
        rowCnt[i]++;
        colCnt[j]++;
      }
    }
  }
  const active = new Uint8Array(n).fill(1);
  const perm = new Int32Array(n);
  const pinv = new Int32Array(n);
  for (let step = 0; step < n; step++) {
    let best = -1;
    let bestCost = Infinity;
    let bestTie = Infinity;
    for (let k = 0; k < n; k++) {
      if (!active[k]) continue;
      const cost = (rowCnt[k] - 1) * (colCnt[k] - 1);
      const tie = rowCnt[k] + colCnt[k];
      if (cost < bestCost || (cost === bestCost && tie < bestTie)) {
        best = k;
        bestCost = cost;
        bestTie = tie;
      }
    }
    const k = best;
    perm[step] = k;
    pinv[k] = step;
    active[k] = 0;
    for (let i = 0; i < n; i++) {
      if (!active[i] || !mask[i * n + k]) continue;
      for (let j = 0; j < n; j++) {
        if (!active[j] || !mask[k * n + j] || mask[i * n + j]) continue;
        mask[i * n + j] = 1;
        rowCnt[i]++;
        colCnt[j]++;
      }
    }
    // Row and column k leave the active submatrix.
    for (let i = 0; i < n; i++) if (active[i] && mask[i * n + k]) rowCnt[i]--;
    for (let j = 0; j < n; j++) if (active[j] && mask[k * n + j]) colCnt[j]--;
  }

  // The filled pattern in permuted coordinates, rows in pivot order, columns ascending.
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const diagPos = new Int32Array(n);
  const posOf = new Int32Array(n * n).fill(-1);
  for (let a = 0; a < n; a++) {
    const i = perm[a];
    for (let b = 0; b < n; b++) {
      if (!mask[i * n + perm[b]]) continue;
      if (b === a) diagPos[a] = cols.length;
      posOf[a * n + b] = cols.length;
      cols.push(b);
    }
    rowPtr[a + 1] = cols.length;
  }
  const colIdx = Int32Array.from(cols);

  const upd: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let q = rowPtr[a]; q < diagPos[a]; q++) {
      const k = colIdx[q];
      for (let r = diagPos[k] + 1; r < rowPtr[k + 1]; r++) {
        const p = posOf[a * n + colIdx[r]];
        // Cannot happen: the fill pass above added every (a, j) that row k reaches.
        if (p < 0) throw new Error(`lu-sparse: symbolic fill missed (${a}, ${colIdx[r]})`);
        upd.push(p);
      }
    }
  }

  const loads: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (inJ[i * n + j]) loads.push([posOf[pinv[i] * n + pinv[j]], i * n + j]);
  }
  loads.sort((x, y) => x[0] - y[0]);
  const lists = solveLists(n, perm, rowPtr, colIdx, diagPos);
  const loadPos = Int32Array.from(loads, (x) => x[0]);
  const loadSrc = Int32Array.from(loads, (x) => x[1]);
  const updTarget = Int32Array.from(upd);
  return {
    n,
    perm,
    pinv,
    rowPtr,
    colIdx,
    diagPos,
    ...lists,
    loadPos,
    loadSrc,
    updTarget,
    nnz: colIdx.length,
    nnzW,
    solveKernel: generateSolve(n, lists.lRow, lists.lCol, lists.uRow, lists.uCol),
    factorKernel: generateFactor(n, { rowPtr, colIdx, diagPos, perm, updTarget, loadPos, loadSrc, lPos: lists.lPos, uPos: lists.uPos, uRow: lists.uRow }),
  };
}
