/**
 * Four-parameter Hill (log-logistic) fit for dose–response curves.
 *
 *   y(x) = bottom + (top − bottom) / (1 + (x / EC50)^slope)
 *
 * Convention: `top` is the asymptote at zero dose (x → 0), `bottom` the asymptote at high dose
 * (x → ∞), and `slope` > 0 is the Hill coefficient. A falling curve (viability against erastin)
 * has top > bottom; a rising one (lipid ROS against RSL3) has top < bottom. Doses of exactly 0
 * are allowed (they pin `top`).
 *
 * The fit is Levenberg–Marquardt on (bottom, top, ln EC50, slope) with an analytic Jacobian,
 * started from several initial guesses (midpoint crossing and a grid in ln EC50 × slope), keeping
 * the lowest residual. Fitting ln EC50 rather than EC50 keeps the problem well scaled across
 * decades of dose, which is what makes it robust for log-spaced sweeps.
 */

export interface HillFit {
  ec50: number;
  slope: number;
  /** Response at zero dose. */
  top: number;
  /** Response at saturating dose. */
  bottom: number;
  /** Root-mean-square residual, in the response's unit. */
  rmse: number;
  /** Coefficient of determination (1 − SSres/SStot); NaN when the response is constant. */
  r2: number;
  /** False when the data carry no dose dependence or the fit did not converge; see `message`. */
  ok: boolean;
  message: string;
  /**
   * Approximate 95% confidence intervals (asymptotic, from the Gauss–Newton covariance
   * s²·(JᵀJ)⁻¹ with a Student t quantile on n − 4 degrees of freedom; EC50's on ln EC50). NaN
   * bounds when the data cannot give one (too few points, a singular JᵀJ).
   */
  ec50CI: [number, number];
  slopeCI: [number, number];
  /**
   * Empty when the data pin both the EC50 and the slope; otherwise what they cannot pin and why.
   * The CLI and the browser print this same text.
   */
  caveat: string;
}

const MIN_SLOPE = 0.05;
const MAX_SLOPE = 30;

/** Model value and partial derivatives for θ = [bottom, top, lnEC50, slope]. */
function hillEval(lnx: number, theta: Float64Array, grad: Float64Array | null): number {
  const bottom = theta[0];
  const top = theta[1];
  const lnEc50 = theta[2];
  const h = theta[3];
  // lnx = −∞ encodes x = 0: (x/EC50)^h = 0 for h > 0.
  const z = lnx === -Infinity ? -Infinity : h * (lnx - lnEc50);
  // s = 1/(1 + e^z), computed without overflow.
  let s: number;
  let e: number;
  if (z > 0) {
    const em = Math.exp(-z);
    s = em / (1 + em);
    e = z > 700 ? Infinity : 1 / em;
  } else {
    e = Math.exp(z);
    s = 1 / (1 + e);
  }
  const y = bottom + (top - bottom) * s;
  if (grad) {
    grad[0] = 1 - s;
    grad[1] = s;
    // ds/dz = −s(1−s); dz/dlnEc50 = −h; dz/dh = lnx − lnEc50.
    const dsdz = -s * (1 - s);
    grad[2] = (top - bottom) * dsdz * -h;
    grad[3] = lnx === -Infinity ? 0 : (top - bottom) * dsdz * (lnx - lnEc50);
  }
  return y;
}

function sse(lnx: Float64Array, y: Float64Array, theta: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i] - hillEval(lnx[i], theta, null);
    s += r * r;
  }
  return s;
}

/** Solves the 4×4 system A δ = b in place by Gaussian elimination with partial pivoting. */
function solve4(A: Float64Array, b: Float64Array): boolean {
  const n = 4;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i * n + k]) > Math.abs(A[p * n + k])) p = i;
    if (!(Math.abs(A[p * n + k]) > 1e-300)) return false;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = A[k * n + j];
        A[k * n + j] = A[p * n + j];
        A[p * n + j] = t;
      }
      const t = b[k];
      b[k] = b[p];
      b[p] = t;
    }
    for (let i = k + 1; i < n; i++) {
      const f = A[i * n + k] / A[k * n + k];
      for (let j = k; j < n; j++) A[i * n + j] -= f * A[k * n + j];
      b[i] -= f * b[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= A[i * n + j] * b[j];
    b[i] = s / A[i * n + i];
  }
  return true;
}

interface LmResult {
  theta: Float64Array;
  sse: number;
  converged: boolean;
}

function levenbergMarquardt(
  lnx: Float64Array,
  y: Float64Array,
  start: Float64Array,
  lnBounds: [number, number],
): LmResult {
  const theta = Float64Array.from(start);
  const trial = new Float64Array(4);
  const grad = new Float64Array(4);
  const JtJ = new Float64Array(16);
  const Jtr = new Float64Array(4);
  const A = new Float64Array(16);
  const delta = new Float64Array(4);
  let current = sse(lnx, y, theta);
  let lambda = 1e-3;
  let converged = false;
  const history: number[] = [];
  for (let iter = 0; iter < 300; iter++) {
    JtJ.fill(0);
    Jtr.fill(0);
    for (let i = 0; i < y.length; i++) {
      const r = y[i] - hillEval(lnx[i], theta, grad);
      for (let a = 0; a < 4; a++) {
        Jtr[a] += grad[a] * r;
        for (let b = 0; b < 4; b++) JtJ[a * 4 + b] += grad[a] * grad[b];
      }
    }
    // Projected LM: a parameter sitting on a bound with the descent direction pointing out of
    // the box is held fixed, so the others can still converge (a step-like response drives the
    // slope to its upper bound).
    const lo2 = lnBounds[0] + 1e-12;
    const hi2 = lnBounds[1] - 1e-12;
    const frozen2 = (theta[2] <= lo2 && Jtr[2] < 0) || (theta[2] >= hi2 && Jtr[2] > 0);
    const frozen3 = (theta[3] <= MIN_SLOPE + 1e-12 && Jtr[3] < 0) || (theta[3] >= MAX_SLOPE - 1e-12 && Jtr[3] > 0);
    let improved = false;
    while (lambda < 1e12) {
      A.set(JtJ);
      // Marquardt scaling with a floor, so a flat direction (e.g. slope when the curve is a
      // step between two samples) still gets a damped, finite step.
      for (let a = 0; a < 4; a++) A[a * 4 + a] += lambda * Math.max(JtJ[a * 4 + a], 1e-12);
      delta.set(Jtr);
      for (const [k, frozen] of [[2, frozen2], [3, frozen3]] as const) {
        if (!frozen) continue;
        for (let b = 0; b < 4; b++) {
          A[k * 4 + b] = 0;
          A[b * 4 + k] = 0;
        }
        A[k * 4 + k] = 1;
        delta[k] = 0;
      }
      if (solve4(A, delta)) {
        for (let a = 0; a < 4; a++) trial[a] = theta[a] + delta[a];
        trial[2] = Math.min(lnBounds[1], Math.max(lnBounds[0], trial[2]));
        trial[3] = Math.min(MAX_SLOPE, Math.max(MIN_SLOPE, trial[3]));
        const s = sse(lnx, y, trial);
        if (s <= current) {
          const gain = current - s;
          let moved = false;
          for (let a = 0; a < 4; a++) if (Math.abs(trial[a] - theta[a]) > 1e-10 * (1 + Math.abs(theta[a]))) moved = true;
          theta.set(trial);
          const previous = current;
          current = s;
          // A floor on the damping: undamped Gauss–Newton zig-zags on steep (slope-at-bound) fits.
          lambda = Math.max(lambda / 3, 1e-3);
          improved = true;
          // Converged when the residual stops improving or the (bound-clamped) step stops moving.
          if (gain <= 1e-12 * (previous + 1e-300) || current === 0 || !moved) converged = true;
          break;
        }
      }
      lambda *= 4;
    }
    if (!improved) {
      converged = true; // no descent direction left at any damping: a (local) minimum.
      break;
    }
    // Stalled: less than 1e-4 relative progress over 20 iterations. This is the slow zig-zag of a
    // step-like fit along its bound-limited valley (EC50 then moves by < 0.1%); smooth fits
    // converge quadratically long before.
    history.push(current);
    if (history.length > 20 && history[history.length - 21] - current <= 1e-4 * history[history.length - 21]) converged = true;
    if (converged) break;
  }
  return { theta, sse: current, converged };
}

/**
 * Fits the four-parameter Hill curve to (x, y). `x` must be non-negative doses with at least two
 * distinct positive values; at least four points are needed for four parameters.
 */
export function fitHill(x: ArrayLike<number>, y: ArrayLike<number>): HillFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`fitHill: x and y must have the same length (got ${n} and ${y.length})`);
  if (n < 4) throw new RangeError(`fitHill: needs at least 4 points for 4 parameters (got ${n})`);
  const lnx = new Float64Array(n);
  const yy = new Float64Array(n);
  let lnMin = Infinity;
  let lnMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!(xi >= 0) || !Number.isFinite(xi)) throw new RangeError(`fitHill: x[${i}] must be a finite dose ≥ 0 (got ${xi})`);
    if (!Number.isFinite(yi)) throw new RangeError(`fitHill: y[${i}] must be finite (got ${yi})`);
    lnx[i] = xi === 0 ? -Infinity : Math.log(xi);
    yy[i] = yi;
    if (xi > 0) {
      lnMin = Math.min(lnMin, lnx[i]);
      lnMax = Math.max(lnMax, lnx[i]);
    }
  }
  if (!(lnMax > lnMin)) throw new RangeError('fitHill: needs at least two distinct positive doses');

  let mean = 0;
  for (let i = 0; i < n; i++) mean += yy[i];
  mean /= n;
  let ssTot = 0;
  for (let i = 0; i < n; i++) ssTot += (yy[i] - mean) ** 2;
  const yMax = Math.max(...yy);
  const yMin = Math.min(...yy);
  const scale = Math.max(Math.abs(yMax), Math.abs(yMin), 1e-300);

  if (yMax - yMin <= 1e-12 * scale) {
    return {
      ec50: NaN, slope: NaN, top: mean, bottom: mean, rmse: Math.sqrt(ssTot / n), r2: NaN, ok: false,
      message: 'the response does not change with dose: no EC50', ec50CI: [NaN, NaN], slopeCI: [NaN, NaN], caveat: '',
    };
  }

  // Order by dose to read the low- and high-dose ends.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => lnx[a] - lnx[b]);
  const yLow = yy[order[0]];
  const yHigh = yy[order[n - 1]];
  // Guess ln EC50 where the data cross the midpoint between the two ends.
  const mid = 0.5 * (yLow + yHigh);
  const posLn = order.filter((i) => lnx[i] > -Infinity);
  let lnGuess = 0.5 * (lnMin + lnMax);
  for (let k = 0; k + 1 < posLn.length; k++) {
    const a = posLn[k];
    const b = posLn[k + 1];
    if ((yy[a] - mid) * (yy[b] - mid) <= 0 && yy[a] !== yy[b]) {
      lnGuess = lnx[a] + ((mid - yy[a]) / (yy[b] - yy[a])) * (lnx[b] - lnx[a]);
      break;
    }
  }
  const span = lnMax - lnMin;
  const lnBounds: [number, number] = [lnMin - span - 2, lnMax + span + 2];

  const starts: Float64Array[] = [];
  for (const h of [1, 2, 0.5, 4]) starts.push(Float64Array.of(yHigh, yLow, lnGuess, h));
  for (let k = 0; k <= 4; k++) {
    const lnc = lnMin + (k / 4) * span;
    for (const h of [1, 3]) starts.push(Float64Array.of(yHigh, yLow, lnc, h));
  }

  let best: LmResult | null = null;
  for (const s of starts) {
    const r = levenbergMarquardt(lnx, yy, s, lnBounds);
    if (!best || r.sse < best.sse) best = r;
  }
  const theta = best!.theta;
  const rmse = Math.sqrt(best!.sse / n);
  const r2 = ssTot > 0 ? 1 - best!.sse / ssTot : NaN;
  const atBound = theta[2] <= lnBounds[0] + 1e-9 || theta[2] >= lnBounds[1] - 1e-9;
  const ok = best!.converged && !atBound && Number.isFinite(rmse);
  let message = '';
  if (atBound) message = 'EC50 lies outside the sampled dose range; widen the sweep';
  else if (!best!.converged) message = 'Levenberg–Marquardt did not converge in 300 iterations';
  else if (theta[3] >= MAX_SLOPE - 1e-9) {
    message = `step-like response: the slope is at its upper bound (${MAX_SLOPE}); EC50 is only located between the two doses where the response jumps`;
  }
  const fit = { ec50: Math.exp(theta[2]), slope: theta[3], top: theta[1], bottom: theta[0], rmse, r2, ok, message };
  const { ec50CI, slopeCI } = confidenceIntervals(lnx, yy, theta, best!.sse);
  return { ...fit, ec50CI, slopeCI, caveat: hillCaveat(fit, ec50CI, slopeCI, lnx, yy, [Math.exp(lnMin), Math.exp(lnMax)]) };
}

/** Two-sided 97.5% quantiles of Student's t for 1…30 degrees of freedom (any statistics table). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
function t975(df: number): number {
  if (df <= 30) return T975[df - 1];
  return 1.959964 + 2.4 / df; // within 0.002 of the table beyond 30
}

/** Asymptotic 95% intervals of EC50 and slope at the least-squares θ (see HillFit.ec50CI). */
function confidenceIntervals(lnx: Float64Array, y: Float64Array, theta: Float64Array, sseBest: number): { ec50CI: [number, number]; slopeCI: [number, number] } {
  const none: [number, number] = [NaN, NaN];
  const n = y.length;
  if (n <= 4) return { ec50CI: none, slopeCI: none };
  const grad = new Float64Array(4);
  const JtJ = new Float64Array(16);
  for (let i = 0; i < n; i++) {
    hillEval(lnx[i], theta, grad);
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) JtJ[a * 4 + b] += grad[a] * grad[b];
  }
  // Diagonal of (JᵀJ)⁻¹ from four solves with the unit vectors.
  const diag = new Float64Array(4);
  for (let k = 0; k < 4; k++) {
    const A = Float64Array.from(JtJ);
    const e = new Float64Array(4);
    e[k] = 1;
    if (!solve4(A, e) || !(e[k] > 0) || !Number.isFinite(e[k])) return { ec50CI: none, slopeCI: none };
    diag[k] = e[k];
  }
  const s2 = sseBest / (n - 4);
  const t = t975(n - 4);
  const halfLn = t * Math.sqrt(s2 * diag[2]);
  const halfSlope = t * Math.sqrt(s2 * diag[3]);
  return {
    ec50CI: [Math.exp(theta[2] - halfLn), Math.exp(theta[2] + halfLn)],
    slopeCI: [theta[3] - halfSlope, theta[3] + halfSlope],
  };
}

/**
 * What the data cannot pin, in words (empty when they pin both). The slope is unpinned when it sits
 * at its bound, when fewer than two doses fall on the transition (between 10% and 90% of the
 * response span) — then the fit can steepen without changing any residual much, and an R² of 1
 * proves nothing — or when its interval is wider than the slope itself. The EC50 is unpinned when
 * it or its interval leaves the sampled dose range or the interval spans more than a decade.
 */
function hillCaveat(
  fit: Pick<HillFit, 'ec50' | 'slope' | 'top' | 'bottom' | 'ok'>, ec50CI: [number, number], slopeCI: [number, number],
  lnx: Float64Array, y: Float64Array, range: [number, number],
): string {
  if (!fit.ok) return '';
  const problems: string[] = [];
  const lo = Math.min(fit.top, fit.bottom);
  const span = Math.abs(fit.top - fit.bottom);
  let onTransition = 0;
  for (let i = 0; i < y.length; i++) if (lnx[i] > -Infinity && y[i] > lo + 0.1 * span && y[i] < lo + 0.9 * span) onTransition++;
  const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : '?');
  if (fit.slope >= MAX_SLOPE - 1e-9) problems.push(`the slope (at its bound of ${MAX_SLOPE})`);
  else if (onTransition < 2) problems.push(`the slope (only ${onTransition} dose${onTransition === 1 ? '' : 's'} between 10% and 90% of the response; sample the transition more finely)`);
  else if (!(slopeCI[1] - slopeCI[0] <= fit.slope)) problems.push(`the slope (95% CI ${fmt(slopeCI[0])}–${fmt(slopeCI[1])} is wider than the slope itself)`);
  if (!(ec50CI[0] >= range[0] && ec50CI[1] <= range[1])) problems.push(`the EC50 (95% CI ${fmt(ec50CI[0])}–${fmt(ec50CI[1])} leaves the sampled doses ${fmt(range[0])}–${fmt(range[1])})`);
  else if (ec50CI[1] / ec50CI[0] > 10) problems.push(`the EC50 (95% CI ${fmt(ec50CI[0])}–${fmt(ec50CI[1])} spans more than a decade)`);
  return problems.length ? `the data cannot pin ${problems.join(' or ')}` : '';
}

/** One line for the CLI and the browser: the intervals and, when there is one, the caveat. */
export function hillSummary(fit: HillFit, doseUnit: string): string {
  const f = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : '?');
  const ci = `95% CI: EC50 ${f(fit.ec50CI[0])}–${f(fit.ec50CI[1])} ${doseUnit}, slope ${f(fit.slopeCI[0])}–${f(fit.slopeCI[1])}`;
  return fit.caveat ? `${ci}; ${fit.caveat}` : ci;
}

/** Evaluates a fitted Hill curve at dose x. */
export function hillValue(fit: Pick<HillFit, 'ec50' | 'slope' | 'top' | 'bottom'>, x: number): number {
  if (x <= 0) return fit.top;
  return fit.bottom + (fit.top - fit.bottom) / (1 + Math.pow(x / fit.ec50, fit.slope));
}
