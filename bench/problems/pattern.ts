/**
 * Jacobian sparsity patterns for the hand-written test problems. Their Jacobian entries are
 * polynomials in y with positive rate constants, so an entry that is structurally nonzero is
 * nonzero at a random positive state (exact cancellation has probability zero); the union over a
 * few such states is the structural pattern. (Recording the writes through a Proxy would also
 * work, but it teaches V8 that `J` may be exotic and slows every later call of that Jacobian.)
 */
import type { OdeProblem } from '../../src/solver/types.ts';

/** The CSR pattern of `problem.jacobian`: the entries nonzero at any of 4 random positive states. */
export function jacobianPatternOf(problem: OdeProblem): { rowPtr: Int32Array; colIdx: Int32Array } {
  const n = problem.n;
  if (!problem.jacobian) throw new TypeError('jacobianPatternOf: the problem has no analytic jacobian');
  const nonzero = new Uint8Array(n * n);
  const J = new Float64Array(n * n);
  const y = new Float64Array(n);
  let s = 12345;
  for (let trial = 0; trial < 4; trial++) {
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      y[i] = 0.1 + 2 * ((s >>> 8) / 16777216);
    }
    problem.jacobian(problem.tspan[0], y, J);
    for (let k = 0; k < n * n; k++) if (J[k] !== 0) nonzero[k] = 1;
  }
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (nonzero[i * n + j]) cols.push(j);
    rowPtr[i + 1] = cols.length;
  }
  return { rowPtr, colIdx: Int32Array.from(cols) };
}

/** The problem with its Jacobian pattern attached (for the sparse LU). */
export function withJacobianPattern<P extends OdeProblem>(problem: P): P {
  return { ...problem, jacobianPattern: jacobianPatternOf(problem) };
}
