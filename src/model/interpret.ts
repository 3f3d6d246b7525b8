/**
 * The interpreted path: mathjs `evaluate` over a scope. It evaluates the user's own parsed trees
 * (rules in dependency order, then rates and observables), independently of the Expr IR the code
 * generator uses, which makes it the reference in the differential tests. It is also the fallback
 * where a Content-Security-Policy forbids `new Function`. It is slow (a scope lookup per symbol):
 * never use it in a hot loop by choice.
 */
import type { EvalFunction } from 'mathjs';
import type { ModelIR } from './analyze.ts';
import { toMathNode } from './derivative.ts';
import type { JacobianIR } from './jacobian.ts';

export interface Kernels {
  rhs(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  jacobian(t: number, y: Float64Array, p: Float64Array, u: Float64Array, J: Float64Array): void;
  rates(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  observables(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
}

const hill = (x: number, K: number, n: number) => {
  const xn = Math.pow(x, n);
  return xn / (Math.pow(K, n) + xn);
};

export function interpretedKernels(ir: ModelIR, jac: JacobianIR): Kernels {
  const scope = new Map<string, unknown>([['hill', hill]]);
  const rules = ir.parsed.rules.map(({ id, node }) => ({ id, code: node.compile() }));
  const rates = ir.parsed.rates.map((node) => node.compile());
  const observables = ir.parsed.observables.map((node) => node.compile());
  const partials = jac.partials.map((q) => toMathNode(q.expr).compile());
  const r = new Float64Array(rates.length);
  const d = new Float64Array(partials.length);
  const n = ir.speciesIds.length;

  const load = (t: number, y: Float64Array, p: Float64Array, u: Float64Array) => {
    scope.set('t', t);
    for (let i = 0; i < ir.speciesIds.length; i++) scope.set(ir.speciesIds[i]!, y[i]);
    for (let i = 0; i < ir.parameterIds.length; i++) scope.set(ir.parameterIds[i]!, p[i]);
    for (let i = 0; i < ir.inputIds.length; i++) scope.set(ir.inputIds[i]!, u[i]);
    for (const rule of rules) scope.set(rule.id, Number(rule.code.evaluate(scope)));
  };
  const value = (code: EvalFunction) => Number(code.evaluate(scope));

  return {
    rhs(t, y, p, u, out) {
      load(t, y, p, u);
      for (let j = 0; j < rates.length; j++) r[j] = value(rates[j]!);
      out.fill(0, 0, n);
      for (let j = 0; j < rates.length; j++) {
        for (let q = ir.stoichPtr[j]!; q < ir.stoichPtr[j + 1]!; q++) out[ir.stoichSpecies[q]] += ir.stoichCoeff[q]! * r[j]!;
      }
    },
    jacobian(t, y, p, u, J) {
      load(t, y, p, u);
      for (let k = 0; k < partials.length; k++) d[k] = value(partials[k]!);
      J.fill(0, 0, n * n);
      for (const e of jac.entries) {
        let s = 0;
        for (const term of e.terms) s += term.coeff * d[term.partial]!;
        J[e.row * n + e.col] = s;
      }
    },
    rates(t, y, p, u, out) {
      load(t, y, p, u);
      for (let j = 0; j < rates.length; j++) out[j] = value(rates[j]!);
    },
    observables(t, y, p, u, out) {
      load(t, y, p, u);
      for (let k = 0; k < observables.length; k++) out[k] = value(observables[k]!);
    },
  };
}
