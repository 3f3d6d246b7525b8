/**
 * Solver statistics as text: a fixed-width table (like SciMLBase's DEStats display or CVODE's
 * CVodePrintAllStats) and CSV, both with derived ratios per step.
 */
import type { SolverStats } from './types.ts';

interface Row {
  key: string;
  label: string;
  value: number;
}

function rows(s: SolverStats): Row[] {
  const perStep = (x: number): number => (s.steps > 0 ? x / s.steps : 0);
  return [
    { key: 'nsteps', label: 'steps attempted', value: s.steps },
    { key: 'naccept', label: 'steps accepted', value: s.accepted },
    { key: 'nreject', label: 'steps rejected', value: s.rejected },
    { key: 'nf', label: 'rhs evaluations', value: s.rhsEvals },
    { key: 'nf_jac', label: 'rhs evaluations for FD Jacobian/dfdt', value: s.rhsEvalsForJacobian ?? 0 },
    { key: 'njac', label: 'Jacobian evaluations', value: s.jacobianEvals },
    { key: 'nlu', label: 'LU factorisations', value: s.factorizations },
    { key: 'nsolve', label: 'linear solves', value: s.linearSolves },
    { key: 'nlu_per_step', label: 'LU factorisations per step', value: perStep(s.factorizations) },
    { key: 'nreject_per_step', label: 'rejections per step', value: perStep(s.rejected) },
    { key: 'nf_per_step', label: 'rhs evaluations per step', value: perStep(s.rhsEvals) },
  ];
}

const show = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(3));

/**
 * Fixed-width table, one statistic per line ("steps attempted   123  (nsteps)"), or with
 * format 'csv' the same as `statsCsv`.
 */
export function formatStats(stats: SolverStats, format: 'table' | 'csv' = 'table'): string {
  if (format === 'csv') return statsCsv(stats);
  const r = rows(stats);
  const w = Math.max(...r.map((x) => x.label.length));
  const vw = Math.max(...r.map((x) => show(x.value).length));
  return r.map((x) => `${x.label.padEnd(w)}  ${show(x.value).padStart(vw)}  (${x.key})`).join('\n');
}

/** CSV with a header line and one data line, columns in the order of `formatStats`. */
export function statsCsv(stats: SolverStats): string {
  const r = rows(stats);
  return `${r.map((x) => x.key).join(',')}\n${r.map((x) => show(x.value)).join(',')}\n`;
}
