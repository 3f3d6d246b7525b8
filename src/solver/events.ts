/**
 * Event location: after each accepted step, compare the event functions g_i at both ends; where
 * some g_i crossed from − to +, find the earliest root on the step's dense output with the
 * Illinois variant of regula falsi (Dowell & Jarratt 1971), to a bracket of a few ulps of t.
 * The root reported is the bracket's right end (g ≥ 0 there), so the restarted integration does
 * not see the same crossing again.
 */
import { denseEval } from './dense-output.ts';
import type { EventSpec } from './types.ts';
import type { Workspace } from './workspace.ts';

const MAX_ITER = 200;

export class EventLocator {
  private readonly spec: EventSpec;
  private readonly n: number;
  private readonly ws: Workspace;
  private readonly gPrev: Float64Array;
  private readonly gNew: Float64Array;
  private readonly gTmp: Float64Array;
  /** Left-end values used by the last `locate` (gPrev, or a probe just after a root at the start). */
  private readonly gLeft: Float64Array;
  private readonly gProbe: Float64Array;
  private readonly fired: Int32Array;
  private readonly yRoot: Float64Array;
  /** Times at which events fired, in order. */
  readonly times: number[] = [];
  /** Result of the last successful `locate`. */
  tRoot = NaN;
  private ta = 0;
  private h = 1;
  private nDense = 1;

  constructor(spec: EventSpec, n: number, ws: Workspace) {
    this.spec = spec;
    this.n = n;
    this.ws = ws;
    const k = spec.count;
    this.gPrev = new Float64Array(k);
    this.gNew = new Float64Array(k);
    this.gTmp = new Float64Array(k);
    this.gLeft = new Float64Array(k);
    this.gProbe = new Float64Array(k);
    this.fired = new Int32Array(k);
    this.yRoot = new Float64Array(n);
  }

  /** Event values at the current point (the start, or after a restart). */
  start(t: number, y: Float64Array): void {
    this.spec.g(t, y, this.gPrev);
  }

  /** After a step without an event: its end becomes the reference point. */
  advance(): void {
    this.gPrev.set(this.gNew);
  }

  /** g at θ on the current step's dense output, into gTmp. */
  private gAt(t: number): void {
    const ws = this.ws;
    const theta = (t - this.ta) / this.h;
    denseEval(this.n, this.nDense, theta, ws.y0, ws.y1, ws.dense, this.yRoot);
    this.spec.g(t, this.yRoot, this.gTmp);
  }

  /**
   * Looks for a − → + crossing in (ta, tb] (ws.y0/ws.y1/ws.dense describe the step). Returns true
   * and sets `tRoot` when there is one.
   */
  locate(ta: number, tb: number, h: number, nDense: number): boolean {
    const ws = this.ws;
    this.ta = ta;
    this.h = h;
    this.nDense = nDense;
    const k = this.spec.count;
    this.spec.g(tb, ws.y1, this.gNew);
    let tBest = Infinity;
    let probed = false;
    for (let i = 0; i < k; i++) {
      let tl = ta;
      let gl = this.gPrev[i];
      if (gl === 0 && this.gNew[i] >= 0) {
        // Starting exactly on a root (right after an event): the sign just after the start
        // decides, so that a step rising from 0 through − and back to + still counts.
        const probe = ta + Math.max(1e-6 * h, 64 * Number.EPSILON * Math.abs(ta));
        if (!(probe < tb)) {
          this.gLeft[i] = 0;
          continue;
        }
        if (!probed) {
          this.gAt(probe);
          this.gProbe.set(this.gTmp);
          probed = true;
        }
        tl = probe;
        gl = this.gProbe[i];
      }
      this.gLeft[i] = gl;
      if (!(gl < 0 && this.gNew[i] >= 0)) continue;
      const root = this.illinois(i, tl, gl, tb, this.gNew[i]);
      if (root < tBest) tBest = root;
    }
    if (tBest === Infinity) return false;
    this.tRoot = tBest;
    return true;
  }

  /** Root of g_i in (tl, tr] with g(tl) < 0 ≤ g(tr); returns the right end of the final bracket. */
  private illinois(i: number, tl: number, gl: number, tr: number, gr: number): number {
    let side = 0;
    for (let iter = 0; iter < MAX_ITER; iter++) {
      const tol = 4 * Number.EPSILON * Math.max(Math.abs(tl), Math.abs(tr), Math.abs(this.h));
      if (tr - tl <= tol) break;
      let tm = tr - (gr * (tr - tl)) / (gr - gl);
      // Keep the trial point strictly inside; fall back to bisection if it is not.
      if (!(tm > tl && tm < tr)) tm = 0.5 * (tl + tr);
      this.gAt(tm);
      const gm = this.gTmp[i];
      if (gm >= 0) {
        tr = tm;
        gr = gm;
        if (side === 1) gl *= 0.5; // Illinois: halve the stale end's value
        side = 1;
      } else {
        tl = tm;
        gl = gm;
        if (side === -1) gr *= 0.5;
        side = -1;
      }
    }
    return tr;
  }

  /** The state at tRoot, written into `out`. */
  stateAtRoot(out: Float64Array): void {
    const ws = this.ws;
    denseEval(this.n, this.nDense, (this.tRoot - this.ta) / this.h, ws.y0, ws.y1, ws.dense, this.yRoot);
    out.set(this.yRoot);
  }

  /**
   * Marks which functions crossed at tRoot (y is the state there), calls onEvent and records the
   * time. Returns true when onEvent asks to stop.
   */
  fire(t: number, y: Float64Array): boolean {
    const k = this.spec.count;
    this.spec.g(t, y, this.gTmp);
    for (let i = 0; i < k; i++) this.fired[i] = this.gLeft[i] < 0 && this.gTmp[i] >= 0 ? 1 : 0;
    this.times.push(t);
    return this.spec.onEvent(t, y, this.fired) === true;
  }
}
