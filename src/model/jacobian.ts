/**
 * The symbolic Jacobian, AMICI style: differentiate each reaction rate with respect to each species
 * it depends on (∂r_j/∂y_k), then J = S · ∂r/∂y with the stoichiometry S. The sparsity pattern
 * (structurally non-zero entries) follows at compile time.
 */
import type { ModelIR } from './analyze.ts';
import { Differentiator, NotDifferentiableError } from './derivative.ts';
import type { Expr } from './expr.ts';
import type { ModelDiagnostic } from './types.ts';

export interface JacobianIR {
  /** Non-zero partial derivatives ∂r_reaction/∂y_species. */
  partials: { reaction: number; species: number; expr: Expr }[];
  /** Structurally non-zero entries, row-major: J[row, col] = Σ coeff · partials[partial]. */
  entries: { row: number; col: number; terms: { partial: number; coeff: number }[] }[];
  /** CSR sparsity: the columns of row i are colIdx[rowPtr[i] .. rowPtr[i+1]). */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  /** Rate laws that cannot be differentiated (factorial of a species), with the reaction's path. */
  errors: ModelDiagnostic[];
}

export function buildJacobian(ir: ModelIR): JacobianIR {
  const n = ir.speciesIds.length;
  const d = new Differentiator(ir.pool);
  const speciesIndex = new Map(ir.speciesIds.map((id, i) => [id, i]));
  const partials: JacobianIR['partials'] = [];
  const byCell = new Map<number, { partial: number; coeff: number }[]>();
  const errors: ModelDiagnostic[] = [];
  ir.rates.forEach((rate, j) => {
    const deps = [...d.symbols(rate)].map((s) => speciesIndex.get(s)).filter((k): k is number => k !== undefined).sort((a, b) => a - b);
    for (const k of deps) {
      let expr: Expr;
      try {
        expr = d.diff(rate, ir.speciesIds[k]!);
      } catch (e) {
        if (!(e instanceof NotDifferentiableError)) throw e;
        errors.push({ severity: 'error', path: `reactions.${ir.reactionIds[j]}.rate`, message: `cannot build the Jacobian: ${e.message}` });
        continue;
      }
      if (expr.op === 'num' && expr.value === 0) continue;
      const partial = partials.length;
      partials.push({ reaction: j, species: k, expr });
      for (let q = ir.stoichPtr[j]!; q < ir.stoichPtr[j + 1]!; q++) {
        const cell = ir.stoichSpecies[q]! * n + k;
        let terms = byCell.get(cell);
        if (!terms) byCell.set(cell, (terms = []));
        terms.push({ partial, coeff: ir.stoichCoeff[q]! });
      }
    }
  });
  const cells = [...byCell.keys()].sort((a, b) => a - b);
  const entries = cells.map((cell) => ({ row: Math.floor(cell / n), col: cell % n, terms: byCell.get(cell)! }));
  const rowPtr = new Int32Array(n + 1);
  for (const e of entries) rowPtr[e.row + 1]++;
  for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
  const colIdx = Int32Array.from(entries, (e) => e.col);
  return { partials, entries, rowPtr, colIdx, errors };
}
