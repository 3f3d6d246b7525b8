/**
 * Eigenvalues of a small dense nonsymmetric matrix (a model's Jacobian at a steady state, n ≈ 30):
 * balancing, reduction to upper Hessenberg form by Householder reflections, then the implicit
 * Francis double-shift QR iteration, which deflates one real eigenvalue or one complex pair at a
 * time. This is the classical EISPACK route (balanc → orthes → hqr; Wilkinson & Reinsch,
 * "Handbook for Automatic Computation II", 1971; Golub & Van Loan, "Matrix Computations", 4th ed.,
 * §7.5); written here for row-major Float64Arrays. O(n³), eigenvalues only, no vectors.
 */

export interface Eigenvalues {
  /** Real and imaginary parts, sorted by descending real part (complex pairs: + first). */
  re: Float64Array;
  im: Float64Array;
}

export class EigenvalueError extends Error {}

const RADIX = 2;

/**
 * Scales rows and columns by powers of two so that their norms are comparable (Parlett & Reinsch
 * 1969). Similarity transform: same eigenvalues, better accuracy when rates span many decades.
 */
function balance(n: number, a: Float64Array): void {
  const sqrdx = RADIX * RADIX;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j * n + i]);
        r += Math.abs(a[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      let g = r / RADIX;
      let f = 1;
      const s = c + r;
      while (c < g) {
        f *= RADIX;
        c *= sqrdx;
      }
      g = r * RADIX;
      while (c > g) {
        f /= RADIX;
        c /= sqrdx;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        g = 1 / f;
        for (let j = 0; j < n; j++) a[i * n + j] *= g;
        for (let j = 0; j < n; j++) a[j * n + i] *= f;
      }
    }
  }
}

/** Householder reduction to upper Hessenberg form, in place (entries below the subdiagonal zeroed). */
function hessenberg(n: number, a: Float64Array): void {
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let alpha = 0;
    for (let i = k + 1; i < n; i++) alpha += a[i * n + k] * a[i * n + k];
    alpha = Math.sqrt(alpha);
    if (alpha === 0) continue;
    const x0 = a[(k + 1) * n + k];
    if (x0 > 0) alpha = -alpha;
    // v = x − alpha e1, H = I − 2 v vᵀ / vᵀv
    let vv = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k] - (i === k + 1 ? alpha : 0);
      vv += v[i] * v[i];
    }
    if (vv === 0) continue;
    // A ← H A (rows k+1..n-1)
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += v[i] * a[i * n + j];
      s = (2 * s) / vv;
      for (let i = k + 1; i < n; i++) a[i * n + j] -= s * v[i];
    }
    // A ← A H (columns k+1..n-1)
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += a[i * n + j] * v[j];
      s = (2 * s) / vv;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= s * v[j];
    }
    for (let i = k + 2; i < n; i++) a[i * n + k] = 0;
  }
}

/**
 * Francis double-shift QR on an upper Hessenberg matrix (EISPACK hqr). Writes the eigenvalues into
 * wr/wi; throws when an eigenvalue has not converged in 30·n iterations.
 */
function hqr(n: number, a: Float64Array, wr: Float64Array, wi: Float64Array): void {
  const A = (i: number, j: number) => a[i * n + j];
  const set = (i: number, j: number, x: number) => {
    a[i * n + j] = x;
  };
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(A(i, j));
  let nn = n - 1;
  let t = 0;
  let iterations = 0;
  const maxIterations = 30 * Math.max(n, 1);
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let w = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      // Look for a single small subdiagonal element.
      for (l = nn; l > 0; l--) {
        s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(A(l, l - 1)) + s === s) {
          set(l, l - 1, 0);
          break;
        }
      }
      x = A(nn, nn);
      if (l === nn) {
        // One root found.
        wr[nn] = x + t;
        wi[nn] = 0;
        nn--;
      } else {
        y = A(nn - 1, nn - 1);
        w = A(nn, nn - 1) * A(nn - 1, nn);
        if (l === nn - 1) {
          // Two roots found: the trailing 2×2 block.
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + (p >= 0 ? Math.abs(z) : -Math.abs(z));
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = z;
            wi[nn] = -z;
          }
          nn -= 2;
        } else {
          if (++iterations > maxIterations || its >= 30 * 4) {
            throw new EigenvalueError(`eigenvalues: QR iteration did not converge (matrix ${n}×${n})`);
          }
          if (its === 10 || its === 20) {
            // Exceptional shift, to break cycles.
            t += x;
            for (let i = 0; i <= nn; i++) set(i, i, A(i, i) - x);
            s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          its++;
          // Form the shift and look for two consecutive small subdiagonal elements.
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = A(m, m);
            r = x - z;
            s = y - z;
            p = (r * s - w) / A(m + 1, m) + A(m, m + 1);
            q = A(m + 1, m + 1) - z - r - s;
            r = A(m + 2, m + 1);
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            set(i, i - 2, 0);
            if (i !== m + 2) set(i, i - 3, 0);
          }
          // Double QR step on rows l..nn and columns m..nn.
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = A(k, k - 1);
              q = A(k + 1, k - 1);
              r = 0;
              if (k !== nn - 1) r = A(k + 2, k - 1);
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            const norm = Math.sqrt(p * p + q * q + r * r);
            s = p >= 0 ? norm : -norm;
            if (s !== 0) {
              if (k === m) {
                if (l !== m) set(k, k - 1, -A(k, k - 1));
              } else set(k, k - 1, -s * x);
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = A(k, j) + q * A(k + 1, j);
                if (k !== nn - 1) {
                  p += r * A(k + 2, j);
                  set(k + 2, j, A(k + 2, j) - p * z);
                }
                set(k + 1, j, A(k + 1, j) - p * y);
                set(k, j, A(k, j) - p * x);
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * A(i, k) + y * A(i, k + 1);
                if (k !== nn - 1) {
                  p += z * A(i, k + 2);
                  set(i, k + 2, A(i, k + 2) - p * r);
                }
                set(i, k + 1, A(i, k + 1) - p * q);
                set(i, k, A(i, k) - p);
              }
            }
          }
        }
      }
    } while (l < nn - 1);
  }
}

/** Eigenvalues of the n×n row-major matrix `m` (not modified). */
export function eigenvalues(n: number, m: ArrayLike<number>): Eigenvalues {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`eigenvalues: n must be a whole number ≥ 0. Value: ${n}`);
  if (m.length !== n * n) throw new RangeError(`eigenvalues: the matrix needs ${n * n} entries (${n}×${n}). Value: ${m.length}`);
  const a = Float64Array.from(m);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new RangeError(`eigenvalues: entry (${Math.floor(i / n)}, ${i % n}) is not finite. Value: ${a[i]}`);
  }
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  if (n > 0) {
    balance(n, a);
    hessenberg(n, a);
    hqr(n, a, wr, wi);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => wr[j] - wr[i] || wi[j] - wi[i]);
  return { re: Float64Array.from(order, (i) => wr[i]), im: Float64Array.from(order, (i) => wi[i]) };
}
