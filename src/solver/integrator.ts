/**
 * The adaptive Rosenbrock integrator: state (t, y, h, controller memory) over a workspace, and
 * `step(target)`, which attempts steps until one is accepted, never passing `target`. It knows
 * nothing about output grids, tstops or events (the driver handles those), and allocates nothing.
 */
import { fdJacobian, fdTimeDerivative } from './fd-jacobian.ts';
import { initialStep } from './initial-step.ts';
import type { SparseLu } from './lu-sparse.ts';
import { isStifflyAccurate, rosenbrockStep, STEP_DONE, StepArgs } from './rosenbrock-step.ts';
import { acceptFactor, controllerFor, rejectFactor, type ControllerParams } from './step-control.ts';
import type { RosenbrockTableau } from './tableaus/types.ts';
import type { OdeProblem, SolverStats } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Codes returned by `step` (detection only; the driver words the messages). */
export const ACCEPTED = 0;
export const FAIL_STEP_TOO_SMALL = 1;
export const FAIL_NON_FINITE = 2;
export const FAIL_MAX_STEPS = 3;

/** Consecutive non-finite rejections after which shrinking h is no longer worth trying. */
const MAX_NON_FINITE_STREAK = 12;
/** h shrinks by this factor after a non-finite or singular step. */
const NON_FINITE_SHRINK = 0.25;

export function emptyStats(): SolverStats {
  return { steps: 0, accepted: 0, rejected: 0, rhsEvals: 0, jacobianEvals: 0, factorizations: 0, linearSolves: 0, rhsEvalsForJacobian: 0, denseFallbacks: 0 };
}

export interface IntegratorSettings {
  rtol: number;
  hmax: number;
  maxSteps: number;
  /** Accept every step of exactly this size (convergence tests); null for adaptive. */
  fixedStep: number | null;
}

export class RosenbrockIntegrator {
  readonly problem: OdeProblem;
  readonly tab: RosenbrockTableau;
  readonly ws: Workspace;
  readonly stats: SolverStats;
  private readonly stiffly: boolean;
  private readonly ctrl: ControllerParams;
  private readonly rtol: number;
  private readonly hmax: number;
  private readonly maxSteps: number;
  private readonly fixedStep: number | null;
  private readonly useDT: boolean;
  private readonly args = new StepArgs();

  /** Current time (the start of the next step; ws.y0 holds the state). */
  t = 0;
  /** Proposed size of the next step. */
  h = 0;
  /** After an accepted step: its start and its size. */
  tPrev = 0;
  hUsed = 0;
  /** Error norm of the last accepted step (PI memory); 1 after a restart. */
  private errPrev = 1;
  private lastRejected = false;
  /** For failure messages: the last error norm tried, and the last non-finite state index. */
  lastErr = 0;
  nonFiniteIndex = -1;
  nonFiniteT = NaN;
  private lastFailNonFinite = false;

  constructor(problem: OdeProblem, tab: RosenbrockTableau, ws: Workspace, settings: IntegratorSettings, stats: SolverStats) {
    this.problem = problem;
    this.tab = tab;
    this.ws = ws;
    this.stats = stats;
    this.stiffly = isStifflyAccurate(tab);
    this.ctrl = controllerFor(tab.embeddedOrder);
    this.rtol = settings.rtol;
    this.hmax = settings.hmax;
    this.maxSteps = settings.maxSteps;
    this.fixedStep = settings.fixedStep;
    this.useDT = problem.autonomous !== true;
    this.args.rtol = settings.rtol;
    this.args.useDT = this.useDT;
  }

  /** Factor W with this sparse LU from now on (null: the dense LU). */
  useSparseLu(lu: SparseLu | null): void {
    this.args.sparseLu = lu;
  }

  /**
   * Evaluates f0 = f(t, y0) (ws.y0 must hold the state) and forgets the controller history, as at
   * the start or after a discontinuity. Returns false when f0 is not finite.
   */
  restart(t: number): boolean {
    this.t = t;
    this.errPrev = 1;
    this.lastRejected = false;
    const ws = this.ws;
    this.problem.rhs(t, ws.y0, ws.f0);
    this.stats.rhsEvals++;
    return this.checkFinite(ws.f0, t);
  }

  /** Chooses h for the first step (or takes `h0`), bounded by hmax. Call after restart. */
  chooseInitialStep(h0: number | null): void {
    if (this.fixedStep !== null) {
      this.h = this.fixedStep;
      return;
    }
    if (h0 !== null) {
      this.h = Math.min(h0, this.hmax);
      return;
    }
    const ws = this.ws;
    this.h = initialStep(this.problem, this.t, ws.y0, ws.f0, ws.atol, this.rtol, this.tab.order, this.hmax, ws.u, ws.du, this.stats);
  }

  /** Jacobian (and ∂f/∂t unless autonomous) at (t, y0), f0 being current. */
  prepare(tLimit: number): void {
    const ws = this.ws;
    const p = this.problem;
    const stats = this.stats;
    if (p.jacobian !== undefined) {
      p.jacobian(this.t, ws.y0, ws.J);
    } else {
      stats.rhsEvalsForJacobian! += fdJacobian(p, this.t, ws.y0, ws.f0, ws.J, ws.atol, this.rtol, ws.fdY, ws.fdF);
    }
    stats.jacobianEvals++;
    if (this.useDT) stats.rhsEvalsForJacobian! += fdTimeDerivative(p, this.t, ws.y0, ws.f0, ws.dT, tLimit, ws.fdF);
  }

  /**
   * Attempts steps from (t, ws.y0) until one is accepted, landing exactly on `target` when it
   * is within reach (`tStageCap` is true when target is a discontinuity that stage times must not
   * reach). On ACCEPTED, ws.y1/ws.f1 hold the new state and its rhs, ws.ks the stage increments,
   * and tPrev/hUsed describe the step; `commit` then makes it current.
   */
  step(target: number, tStageCap: boolean): number {
    const ws = this.ws;
    const stats = this.stats;
    const t = this.t;
    let nonFiniteStreak = 0;
    for (;;) {
      if (stats.steps >= this.maxSteps) return FAIL_MAX_STEPS;
      let h = this.h;
      const hmin = 16 * Number.EPSILON * Math.abs(t);
      if (!(h > hmin)) return this.lastFailNonFinite ? FAIL_NON_FINITE : FAIL_STEP_TOO_SMALL;
      let tNew = t + h;
      let landing = false;
      // Land on the target; take a remaining distance of up to 1% more than h in one step.
      if (t + 1.01 * h >= target || tNew >= target) {
        h = target - t;
        tNew = target;
        landing = true;
      }
      const tStageMax = landing && tStageCap ? target - Math.max(Math.abs(target) * Number.EPSILON, Number.MIN_VALUE) : Infinity;
      stats.steps++;
      const args = this.args;
      args.t = t;
      args.h = h;
      args.tStageMax = tStageMax;
      const code = rosenbrockStep(this.tab, this.stiffly, this.problem, ws, args, stats);
      const err = ws.stepErr[0];
      let nonFinite = code !== STEP_DONE;
      if (!nonFinite && (err <= 1 || this.fixedStep !== null)) {
        // The new point's rhs: needed next step anyway, and a non-finite value there means the
        // step went somewhere f is undefined, which is as good as a failed stage. At a
        // discontinuity the driver restarts (and evaluates f after its hook) instead.
        const atCap = landing && tStageCap;
        if (!atCap) {
          this.problem.rhs(tNew, ws.y1, ws.f1);
          stats.rhsEvals++;
        }
        if (atCap || this.checkFinite(ws.f1, tNew)) {
          stats.accepted++;
          this.tPrev = t;
          this.hUsed = h;
          this.lastErr = err;
          this.lastFailNonFinite = false;
          if (this.fixedStep !== null) {
            this.h = this.fixedStep;
          } else {
            const fac = acceptFactor(this.ctrl, err, this.errPrev, this.lastRejected);
            let hNext = h * fac;
            // A step shortened to land on the target says little about the size the solution
            // allows: if it went well, keep the size proposed before shortening.
            if (landing && h < this.h && fac >= 1 && hNext < this.h) hNext = this.h;
            this.h = hNext > this.hmax ? this.hmax : hNext;
            this.errPrev = err > 1e-4 ? err : 1e-4;
          }
          this.lastRejected = false;
          this.tNext = tNew;
          return ACCEPTED;
        }
        nonFinite = true;
        this.badJacobianRow = -1;
      } else if (nonFinite) {
        this.locateNonFinite(t);
      }
      stats.rejected++;
      this.lastRejected = true;
      if (nonFinite) {
        this.lastFailNonFinite = true;
        nonFiniteStreak++;
        if (nonFiniteStreak >= MAX_NON_FINITE_STREAK) return FAIL_NON_FINITE;
        this.h = h * NON_FINITE_SHRINK;
      } else {
        this.lastErr = err;
        this.lastFailNonFinite = false;
        this.h = h * rejectFactor(this.ctrl, err);
      }
    }
  }

  /** End of the last accepted step. */
  tNext = 0;

  /**
   * Makes the accepted step current: y0 ← y1, f0 ← f1, t ← tNext. After a step that landed on a
   * discontinuity (tStageCap) f1 was not evaluated: the caller must `restart` there.
   */
  commit(): void {
    const ws = this.ws;
    ws.y0.set(ws.y1);
    ws.f0.set(ws.f1);
    this.t = this.tNext;
  }

  /** Returns true when v is all finite; otherwise records the first bad index for the message. */
  private checkFinite(v: Float64Array, t: number): boolean {
    for (let m = 0; m < v.length; m++) {
      if (!Number.isFinite(v[m])) {
        this.nonFiniteIndex = m;
        this.nonFiniteT = t;
        return false;
      }
    }
    return true;
  }

  /** Set when the last failure was a non-finite Jacobian entry (row i = ∂f_i, column j = ∂y_j). */
  badJacobianRow = -1;
  badJacobianCol = -1;

  /** After a non-finite step: which state went bad first (J, f in a stage, dT, y1, the ks). */
  private locateNonFinite(t: number): void {
    const ws = this.ws;
    this.nonFiniteT = t;
    this.badJacobianRow = -1;
    const n = ws.n;
    for (let k = 0; k < n * n; k++) {
      if (!Number.isFinite(ws.J[k])) {
        this.badJacobianRow = Math.floor(k / n);
        this.badJacobianCol = k % n;
        this.nonFiniteIndex = this.badJacobianRow;
        return;
      }
    }
    if (ws.badIndex[0] >= 0) {
      this.nonFiniteIndex = ws.badIndex[0];
      return;
    }
    if (this.useDT && !this.checkFinite(ws.dT, t)) return;
    if (!this.checkFinite(ws.y1, t)) return;
    for (let i = 0; i < this.tab.stages; i++) {
      for (let m = 0; m < n; m++) {
        if (!Number.isFinite(ws.ks[i * n + m])) {
          this.nonFiniteIndex = m;
          return;
        }
      }
    }
    this.nonFiniteIndex = -1;
  }
}
