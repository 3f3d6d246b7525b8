/**
 * Small problems with known solutions for the solver tests.
 */
import type { OdeProblem } from '../../src/solver/types.ts';

/**
 * Two autonomous nonlinear equations with closed-form solutions:
 * logistic y1' = 3·y1·(1 − y1), y1(0) = 0.1 → y1 = 1/(1 + 9·e^(−3t));
 * y2' = −y2², y2(0) = 1 → y2 = 1/(1 + t).
 */
export function logisticPair(tEnd = 2): { problem: OdeProblem; exact(t: number, out: Float64Array): void } {
  return {
    problem: {
      n: 2,
      y0: new Float64Array([0.1, 1]),
      tspan: [0, tEnd],
      autonomous: true,
      rhs(_t, y, f) {
        f[0] = 3 * y[0] * (1 - y[0]);
        f[1] = -y[1] * y[1];
      },
      jacobian(_t, y, J) {
        J[0] = 3 - 6 * y[0];
        J[1] = 0;
        J[2] = 0;
        J[3] = -2 * y[1];
      },
    },
    exact(t, out) {
      out[0] = 1 / (1 + 9 * Math.exp(-3 * t));
      out[1] = 1 / (1 + t);
    },
  };
}

/** Non-autonomous: y' = −2·t·y², y(0) = 1 → y = 1/(1 + t²). Exercises ∂f/∂t. */
export function nonAutonomous(tEnd = 2): { problem: OdeProblem; exact(t: number): number } {
  return {
    problem: {
      n: 1,
      y0: new Float64Array([1]),
      tspan: [0, tEnd],
      rhs(t, y, f) {
        f[0] = -2 * t * y[0] * y[0];
      },
      jacobian(t, y, J) {
        J[0] = -4 * t * y[0];
      },
    },
    exact: (t) => 1 / (1 + t * t),
  };
}

/** Mean of log2 of successive error ratios (errors for h, h/2, h/4, …). */
export function observedOrder(errors: number[]): number {
  let sum = 0;
  for (let i = 1; i < errors.length; i++) sum += Math.log2(errors[i - 1] / errors[i]);
  return sum / (errors.length - 1);
}
