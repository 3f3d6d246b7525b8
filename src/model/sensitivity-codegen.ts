/**
 * Parameter derivatives for forward sensitivities, generated beside the compiler: ∂f/∂p of the
 * right-hand side and ∂o/∂y, ∂o/∂p of the observables, symbolically (the same `Differentiator`
 * as the Jacobian), as straight-line JS over Float64Arrays.
 *
 * The derivatives are sparse (a rate law reads a few parameters), so each function writes a flat
 * list of entries, `out[e]`, whose positions are fixed at build time: entry e of ∂f/∂p is
 * ∂f_row[e]/∂p_col[e]. ∂f/∂p = S · ∂r/∂p with the stoichiometry S, as for the Jacobian.
 *
 * Built lazily from the compiled model's definition (re-analysed once, cached per model), so
 * models that never ask for sensitivities pay nothing at compile time.
 */
import { analyzeModel, type ModelIR } from './analyze.ts';
import { numberLiteral, opCode } from './codegen.ts';
import { Differentiator } from './derivative.ts';
import { evalOp, type Expr } from './expr.ts';
import type { CompiledModel } from './types.ts';

export type EntryKernel = (t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array) => void;

/** Sparse entries of a derivative matrix and the function that fills their values. */
export interface DerivativeEntries {
  /** Row (species for ∂f/∂p, observable for ∂o/∂·) and column (parameter or species) of entry e. */
  row: Int32Array;
  col: Int32Array;
  eval: EntryKernel;
}

export interface SensitivityKernels {
  /** ∂f_i/∂p_k. */
  fp: DerivativeEntries;
  /** ∂o_k/∂y_i of each observable. */
  oy: DerivativeEntries;
  /** ∂o_k/∂p_j of each observable. */
  op: DerivativeEntries;
  /** The generated source (readable; ids in comments), or '' on the interpreted path. */
  source: string;
}

interface Term { expr: Expr; coeff: number }
interface Entry { row: number; col: number; terms: Term[]; comment: string }

const cache = new WeakMap<CompiledModel, SensitivityKernels>();

/** ∂f/∂p, ∂o/∂y and ∂o/∂p of a compiled model (built on first use, then cached). */
export function sensitivityKernels(model: CompiledModel): SensitivityKernels {
  let k = cache.get(model);
  if (!k) {
    k = buildSensitivityKernels(model);
    cache.set(model, k);
  }
  return k;
}

function buildSensitivityKernels(model: CompiledModel): SensitivityKernels {
  const { ir } = analyzeModel(model.definition);
  if (!ir) throw new Error(`internal: model '${model.name}' compiled but does not analyse again`);
  if (ir.parameterIds.join('\u0000') !== model.parameterIds.join('\u0000') || ir.speciesIds.join('\u0000') !== model.speciesIds.join('\u0000')) {
    throw new Error(`internal: re-analysis of '${model.name}' gives another id order`);
  }
  const d = new Differentiator(ir.pool);
  const fpEntries = parameterEntries(ir, d);
  const oyEntries = observableEntries(ir, d, ir.speciesIds);
  const opEntries = observableEntries(ir, d, ir.parameterIds);
  const groups = { fp: fpEntries, oy: oyEntries, op: opEntries };
  const tables = (entries: Entry[]) => ({ row: Int32Array.from(entries, (e) => e.row), col: Int32Array.from(entries, (e) => e.col) });
  const generated = model.mode === 'interpreted' ? null : tryGenerate(ir, groups);
  const kernel = (name: keyof typeof groups): EntryKernel => generated?.fns[name] ?? interpretedKernel(ir, groups[name]);
  return {
    fp: { ...tables(fpEntries), eval: kernel('fp') },
    oy: { ...tables(oyEntries), eval: kernel('oy') },
    op: { ...tables(opEntries), eval: kernel('op') },
    source: generated?.source ?? '',
  };
}

/** ∂f_i/∂p_k = Σ_j S_ij ∂r_j/∂p_k, for the parameters each rate law reads. */
function parameterEntries(ir: ModelIR, d: Differentiator): Entry[] {
  const np = ir.parameterIds.length;
  const n = ir.speciesIds.length;
  const paramIndex = new Map(ir.parameterIds.map((id, k) => [id, k]));
  const byCell = new Map<number, Term[]>();
  ir.rates.forEach((rate, j) => {
    const params = [...d.symbols(rate)].map((s) => paramIndex.get(s)).filter((k): k is number => k !== undefined).sort((a, b) => a - b);
    for (const k of params) {
      const expr = d.diff(rate, ir.parameterIds[k]!);
      if (expr.op === 'num' && expr.value === 0) continue;
      for (let q = ir.stoichPtr[j]!; q < ir.stoichPtr[j + 1]!; q++) {
        const cell = ir.stoichSpecies[q]! * np + k;
        let terms = byCell.get(cell);
        if (!terms) byCell.set(cell, (terms = []));
        terms.push({ expr, coeff: ir.stoichCoeff[q]! });
      }
    }
  });
  void n;
  return [...byCell.keys()].sort((a, b) => a - b).map((cell) => {
    const row = Math.floor(cell / np);
    const col = cell % np;
    return { row, col, terms: byCell.get(cell)!, comment: `∂(d${ir.speciesIds[row]}/dt)/∂${ir.parameterIds[col]}` };
  });
}

/** ∂o_k/∂x for every observable k and every x in `ids` it depends on. */
function observableEntries(ir: ModelIR, d: Differentiator, ids: readonly string[]): Entry[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const out: Entry[] = [];
  ir.observables.forEach((obs, k) => {
    const cols = [...d.symbols(obs)].map((s) => index.get(s)).filter((i): i is number => i !== undefined).sort((a, b) => a - b);
    for (const col of cols) {
      const expr = d.diff(obs, ids[col]!);
      if (expr.op === 'num' && expr.value === 0) continue;
      out.push({ row: k, col, terms: [{ expr, coeff: 1 }], comment: `∂${ir.observableIds[k]}/∂${ids[col]}` });
    }
  });
  return out;
}

function tryGenerate(ir: ModelIR, groups: Record<'fp' | 'oy' | 'op', Entry[]>): { fns: Record<'fp' | 'oy' | 'op', EntryKernel>; source: string } | null {
  const slot = new Map<string, string>([['t', 't']]);
  ir.speciesIds.forEach((id, i) => slot.set(id, `y[${i}]`));
  ir.parameterIds.forEach((id, i) => slot.set(id, `p[${i}]`));
  ir.inputIds.forEach((id, i) => slot.set(id, `u[${i}]`));
  const body = (entries: Entry[]) => functionBody(entries, slot);
  const source = [
    `'use strict';`,
    `// ferrosim generated parameter derivatives: ${groups.fp.length} entries of ∂f/∂p, ${groups.oy.length} of ∂o/∂y, ${groups.op.length} of ∂o/∂p`,
    `function pow(x, n) { return Math.pow(x, n); }`,
    ...[2, 3, 4, 5, 6, 7, 8].map((k) => `function pow${k}(x) { return Math.pow(x, ${k}); }`),
    `function factorial(n) { if (!(n >= 0) || !Number.isInteger(n)) return NaN; if (n > 170) return Infinity; let f = 1; for (let i = 2; i <= n; i++) f *= i; return f; }`,
    `function fp(t, y, p, u, out) {`, ...body(groups.fp), `}`,
    `function oy(t, y, p, u, out) {`, ...body(groups.oy), `}`,
    `function op(t, y, p, u, out) {`, ...body(groups.op), `}`,
    `return { fp, oy, op };`,
  ].join('\n');
  try {
    return { fns: new Function(source)() as Record<'fp' | 'oy' | 'op', EntryKernel>, source };
  } catch (e) {
    if (e instanceof EvalError) return null; // code generation blocked (CSP): the interpreted kernels serve
    throw e;
  }
}

/** Statements computing every entry into out[e]; a subexpression used twice is computed once. */
function functionBody(entries: Entry[], slot: Map<string, string>): string[] {
  const uses = new Map<number, number>();
  const count = (e: Expr) => {
    if (e.op === 'num' || e.op === 'sym') return;
    const c = (uses.get(e.id) ?? 0) + 1;
    uses.set(e.id, c);
    if (c === 1) for (const a of e.args) count(a);
  };
  for (const en of entries) for (const t of en.terms) count(t.expr);
  const lines: string[] = [];
  const names = new Map<number, string>();
  const ref = (e: Expr): string => {
    if (e.op === 'num') return numberLiteral(e.value);
    if (e.op === 'sym') return slot.get(e.name)!;
    const named = names.get(e.id);
    if (named) return named;
    const code = opCode(e, ref);
    if ((uses.get(e.id) ?? 0) >= 2) {
      const name = `w${names.size}`;
      lines.push(`  const ${name} = ${code};`);
      names.set(e.id, name);
      return name;
    }
    return code;
  };
  entries.forEach((en, k) => {
    let sum = '';
    for (const { expr, coeff } of en.terms) {
      const v = ref(expr);
      const term = coeff === 1 ? v : coeff === -1 ? `-${v}` : `${numberLiteral(coeff)} * ${v}`;
      sum = sum === '' ? term : `${sum} + ${term}`;
    }
    lines.push(`  out[${k}] = ${sum}; // ${en.comment}`);
  });
  return lines;
}

/** Where `new Function` is blocked: the same entries by walking the expression DAG. */
function interpretedKernel(ir: ModelIR, entries: Entry[]): EntryKernel {
  const sp = new Map(ir.speciesIds.map((id, i) => [id, i]));
  const pa = new Map(ir.parameterIds.map((id, i) => [id, i]));
  const inp = new Map(ir.inputIds.map((id, i) => [id, i]));
  return (t, y, p, u, out) => {
    const memo = new Map<number, number>();
    const ev = (e: Expr): number => {
      if (e.op === 'num') return e.value;
      if (e.op === 'sym') {
        if (e.name === 't') return t;
        const i = sp.get(e.name);
        if (i !== undefined) return y[i]!;
        const k = pa.get(e.name);
        if (k !== undefined) return p[k]!;
        return u[inp.get(e.name)!]!;
      }
      let v = memo.get(e.id);
      if (v === undefined) {
        v = evalOp(e.op, e.args.map(ev));
        memo.set(e.id, v);
      }
      return v;
    };
    entries.forEach((en, k) => {
      let s = 0;
      for (const { expr, coeff } of en.terms) s += coeff * ev(expr);
      out[k] = s;
    });
  };
}
