/**
 * Code generation: straight-line JS over Float64Arrays, built only from the `Expr` DAG (numbers
 * are printed by `numberLiteral`, symbols become array slots, operators come from a fixed table;
 * ids appear only in `//` comments and are validated identifiers). No user text is emitted.
 *
 * Shape of the generated module (see `compiled.source`):
 *   - parameter-only subexpressions (e.g. Km^n, k1*k2) are hoisted into a static buffer `s`,
 *     recomputed by `updateStatics(p)` whenever the contents of `p` differ from the last vector seen.
 *     The check compares values, not identity, so callers may mutate `p` in place at any time;
 *   - each function computes every reaction rate once (`const r3 = ...; // id`), subexpressions used
 *     more than once once (`const w7 = ...`), then sums rates into `out` by stoichiometry;
 *   - the Jacobian zeroes J and writes only its structurally non-zero entries.
 */
import type { ModelIR } from './analyze.ts';
import { isComparisonOrLogical } from './expr.ts';
import type { Expr } from './expr.ts';
import type { JacobianIR } from './jacobian.ts';

/** A JS literal for a number, exactly round-tripping (String() is shortest round-trip in JS). */
export function numberLiteral(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${String(v)})` : String(v);
}

const INFIX: Partial<Record<Expr['op'], string>> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
};

/** Comparisons as JS boolean expressions; as values they are turned into 1 or 0 (see `opCode`). */
const COMPARE: Partial<Record<Expr['op'], string>> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '===',
  '!=': '!==',
};

/** One-argument functions that are a single Math call. */
const MATH_CALL: Partial<Record<Expr['op'], string>> = {
  exp: 'Math.exp',
  log: 'Math.log',
  log10: 'Math.log10',
  sqrt: 'Math.sqrt',
  abs: 'Math.abs',
  floor: 'Math.floor',
  ceil: 'Math.ceil',
  fix: 'Math.trunc',
  sin: 'Math.sin',
  cos: 'Math.cos',
  tan: 'Math.tan',
  asin: 'Math.asin',
  acos: 'Math.acos',
  atan: 'Math.atan',
  sinh: 'Math.sinh',
  cosh: 'Math.cosh',
  tanh: 'Math.tanh',
  asinh: 'Math.asinh',
  acosh: 'Math.acosh',
  atanh: 'Math.atanh',
};

/** Reciprocal trigonometric functions, as 1 / Math call (the definition mathjs uses as well). */
const RECIPROCAL: Partial<Record<Expr['op'], string>> = { sec: 'Math.cos', csc: 'Math.sin', cot: 'Math.tan', sech: 'Math.cosh' };

/** n! for non-negative integers, NaN otherwise: a copy of `factorial` in expr.ts (the differential tests compare them). */
const FACTORIAL_SOURCE = [
  `function factorial(n) {`,
  `  if (!(n >= 0) || !Number.isInteger(n)) return NaN;`,
  `  if (n > 170) return Infinity;`,
  `  let f = 1;`,
  `  for (let i = 2; i <= n; i++) f *= i;`,
  `  return f;`,
  `}`,
];

/** Appended by `opCode` to a comparison or logical expression to make its value a number. */
const AS_NUMBER = ' ? 1 : 0)';

export interface GeneratedModule {
  /** The function body passed to `new Function`; it returns { rhs, jacobian, rates, observables }. */
  source: string;
  /** Number of hoisted parameter-only expressions. */
  staticCount: number;
}

export function generateModule(ir: ModelIR, jac: JacobianIR): GeneratedModule {
  const slot = new Map<string, string>([['t', 't']]);
  ir.speciesIds.forEach((id, i) => slot.set(id, `y[${i}]`));
  ir.parameterIds.forEach((id, i) => slot.set(id, `p[${i}]`));
  ir.inputIds.forEach((id, i) => slot.set(id, `u[${i}]`));

  // ---- static (parameter-only) analysis ----
  const dynamicMemo = new Map<number, boolean>();
  const isDynamic = (e: Expr): boolean => {
    let d = dynamicMemo.get(e.id);
    if (d === undefined) {
      if (e.op === 'sym') {
        const s = slot.get(e.name);
        if (s === undefined) throw new Error(`internal: no slot for symbol '${e.name}'`);
        d = !s.startsWith('p[');
      } else d = e.args.some(isDynamic);
      dynamicMemo.set(e.id, d);
    }
    return d;
  };
  const isLeaf = (e: Expr) => e.op === 'num' || e.op === 'sym';

  const allRoots = [...ir.rates, ...ir.observables, ...jac.partials.map((q) => q.expr)];
  const hoist = new Set<number>();
  const staticParents = new Map<number, number>();
  const scanned = new Set<number>();
  const scan = (e: Expr, fromDynamicOrRoot: boolean) => {
    if (isLeaf(e)) return;
    if (!isDynamic(e)) {
      if (fromDynamicOrRoot) hoist.add(e.id);
      else {
        const c = (staticParents.get(e.id) ?? 0) + 1;
        staticParents.set(e.id, c);
        if (c >= 2) hoist.add(e.id);
      }
    }
    if (scanned.has(e.id)) return;
    scanned.add(e.id);
    const dyn = isDynamic(e);
    for (const a of e.args) scan(a, dyn);
  };
  for (const r of allRoots) scan(r, true);

  // Static slots in dependency order (children first).
  const staticSlot = new Map<number, number>();
  const staticLines: string[] = [];
  const staticOrder = new Set<number>();
  const staticRef = (e: Expr): string => {
    if (e.op === 'num') return numberLiteral(e.value);
    if (e.op === 'sym') return slot.get(e.name)!;
    const k = staticSlot.get(e.id);
    return k !== undefined ? `s[${k}]` : opCode(e, staticRef);
  };
  const exprById = new Map<number, Expr>();
  const placeStatic = (e: Expr) => {
    if (isLeaf(e) || staticOrder.has(e.id)) return;
    staticOrder.add(e.id);
    exprById.set(e.id, e);
    for (const a of e.args) placeStatic(a);
    if (hoist.has(e.id)) {
      const k = staticSlot.size;
      staticLines.push(`  s[${k}] = ${opCode(e, staticRef)};`);
      staticSlot.set(e.id, k);
    }
  };
  const placeHoistedUnder = (e: Expr, seen: Set<number>) => {
    if (isLeaf(e) || seen.has(e.id)) return;
    seen.add(e.id);
    if (hoist.has(e.id)) placeStatic(e);
    else for (const a of e.args) placeHoistedUnder(a, seen);
  };
  {
    const seen = new Set<number>();
    for (const r of allRoots) placeHoistedUnder(r, seen);
  }

  // ---- dynamic functions ----
  /** Body lines computing each root into its named const, with temps for repeated subexpressions. */
  const emitBody = (roots: { expr: Expr; name: string; comment: string }[]): string[] => {
    const lines: string[] = [];
    const uses = new Map<number, number>();
    const counted = new Set<number>();
    const count = (e: Expr) => {
      if (isLeaf(e) || staticSlot.has(e.id)) return;
      uses.set(e.id, (uses.get(e.id) ?? 0) + 1);
      if (counted.has(e.id)) return;
      counted.add(e.id);
      for (const a of e.args) count(a);
    };
    for (const r of roots) count(r.expr);
    const names = new Map<number, string>();
    let temps = 0;
    const ref = (e: Expr): string => {
      if (e.op === 'num') return numberLiteral(e.value);
      if (e.op === 'sym') return slot.get(e.name)!;
      const k = staticSlot.get(e.id);
      if (k !== undefined) return `s[${k}]`;
      return names.get(e.id) ?? opCode(e, ref);
    };
    const visited = new Set<number>();
    const ensure = (e: Expr) => {
      if (isLeaf(e) || staticSlot.has(e.id) || visited.has(e.id)) return;
      visited.add(e.id);
      for (const a of e.args) ensure(a);
      if ((uses.get(e.id) ?? 0) >= 2 && !names.has(e.id)) {
        const name = `w${temps++}`;
        lines.push(`  const ${name} = ${opCode(e, ref)};`);
        names.set(e.id, name);
      }
    };
    for (const r of roots) {
      for (const a of r.expr.args) ensure(a);
      const code = ref(r.expr);
      lines.push(`  const ${r.name} = ${code}; // ${r.comment}`);
      if (!isLeaf(r.expr) && !names.has(r.expr.id) && !staticSlot.has(r.expr.id)) names.set(r.expr.id, r.name);
      visited.add(r.expr.id);
    }
    return lines;
  };

  const n = ir.speciesIds.length;
  const rateRoots = ir.rates.map((expr, j) => ({ expr, name: `r${j}`, comment: ir.reactionIds[j]! }));
  const sumLines = (target: string, entries: { index: number; terms: { name: string; coeff: number }[]; comment: string }[]) =>
    entries.map(({ index, terms, comment }) => {
      let s = '';
      for (const { name, coeff } of terms) {
        const sign = coeff < 0 ? '-' : '+';
        const mag = Math.abs(coeff);
        const term = mag === 1 ? name : `${numberLiteral(mag)} * ${name}`;
        s += s === '' ? (sign === '-' ? `-${term}` : term) : ` ${sign} ${term}`;
      }
      return `  ${target}[${index}] = ${s === '' ? '0' : s}; // ${comment}`;
    });

  // rhs: out_i = Σ_j S_ij r_j
  const bySpecies: { name: string; coeff: number }[][] = ir.speciesIds.map(() => []);
  for (let j = 0; j < ir.rates.length; j++) {
    for (let q = ir.stoichPtr[j]!; q < ir.stoichPtr[j + 1]!; q++) bySpecies[ir.stoichSpecies[q]!]!.push({ name: `r${j}`, coeff: ir.stoichCoeff[q]! });
  }
  const rhsBody = [
    ...emitBody(rateRoots),
    ...sumLines(
      'out',
      bySpecies.map((terms, i) => ({ index: i, terms, comment: `d${ir.speciesIds[i]}/dt` })),
    ),
  ];

  const partialRoots = jac.partials.map((q, k) => ({
    expr: q.expr,
    name: `d${k}`,
    comment: `∂${ir.reactionIds[q.reaction]}/∂${ir.speciesIds[q.species]}`,
  }));
  const jacBody = [
    '  J.fill(0);',
    ...emitBody(partialRoots),
    ...sumLines(
      'J',
      jac.entries.map((e) => ({
        index: e.row * n + e.col,
        terms: e.terms.map((t) => ({ name: `d${t.partial}`, coeff: t.coeff })),
        comment: `∂(d${ir.speciesIds[e.row]}/dt)/∂${ir.speciesIds[e.col]}`,
      })),
    ),
  ];

  const ratesBody = [...emitBody(rateRoots), ...rateRoots.map((r, j) => `  out[${j}] = ${r.name};`)];

  const obsRoots = ir.observables.map((expr, k) => ({ expr, name: `o${k}`, comment: ir.observableIds[k]! }));
  const obsBody = [...emitBody(obsRoots), ...obsRoots.map((o, k) => `  out[${k}] = ${o.name};`)];

  // The factorial helper is emitted only where needed (a DAG walk, each node once).
  const walked = new Set<number>();
  const hasFactorial = (e: Expr): boolean => {
    if (walked.has(e.id)) return false;
    walked.add(e.id);
    return e.op === 'factorial' || e.args.some(hasFactorial);
  };
  const usesFactorial = allRoots.some(hasFactorial);
  const np = ir.parameterIds.length;
  const staticCount = staticSlot.size;
  // Only the parameters the hoisted expressions read need watching.
  const watched = new Set<number>();
  const parameterIndex = new Map(ir.parameterIds.map((id, i) => [id, i]));
  const seenStatic = new Set<number>();
  const collectParams = (e: Expr) => {
    if (seenStatic.has(e.id)) return;
    seenStatic.add(e.id);
    if (e.op === 'sym') watched.add(parameterIndex.get(e.name)!);
    for (const a of e.args) collectParams(a);
  };
  for (const id of staticSlot.keys()) collectParams(exprById.get(id)!);
  const watchedList = [...watched].sort((a, b) => a - b);
  const guardCondition = watchedList.map((i) => `p[${i}] !== pSeen[${i}]`).join(' || ');
  const guard = staticCount > 0 ? [`  if (${guardCondition}) updateStatics(p);`] : [];
  const slotComment = (ids: string[], v: string) => ids.map((id, i) => `${v}[${i}] ${id}`).join(', ') || '(none)';
  const source = [
    `'use strict';`,
    `// ferrosim generated code: ${n} species, ${ir.rates.length} reactions, ${np} parameters, ${ir.inputIds.length} inputs, ${ir.observables.length} observables`,
    `// species: ${slotComment(ir.speciesIds, 'y')}`,
    `// parameters: ${slotComment(ir.parameterIds, 'p')}`,
    `// inputs: ${slotComment(ir.inputIds, 'u')}`,
    `const NP = ${np};`,
    `const s = new Float64Array(${staticCount}); // parameter-only subexpressions`,
    `const pSeen = new Float64Array(NP).fill(NaN); // the parameter values s was computed from`,
    `// Math.pow costs ~50-100 ns for most exponents in V8; small integer exponents (Hill`,
    `// coefficients are often parameters equal to 1-4) are multiplied out. The branches on n`,
    `// are perfectly predicted: n is a parameter, constant over a solve.`,
    `function pow(x, n) {`,
    `  if (n === 2) return x * x;`,
    `  if (n === 1) return x;`,
    `  if (n === 3) return x * x * x;`,
    `  if (n === 4) { const x2 = x * x; return x2 * x2; }`,
    `  return Math.pow(x, n);`,
    `}`,
    `// Constant integer exponents (Hill coefficients written as numbers) by repeated squaring.`,
    `function pow2(x) { return x * x; }`,
    `function pow3(x) { return x * x * x; }`,
    `function pow4(x) { const x2 = x * x; return x2 * x2; }`,
    `function pow5(x) { const x2 = x * x; return x2 * x2 * x; }`,
    `function pow6(x) { const x3 = x * x * x; return x3 * x3; }`,
    `function pow7(x) { const x2 = x * x; const x4 = x2 * x2; return x4 * x2 * x; }`,
    `function pow8(x) { const x2 = x * x; const x4 = x2 * x2; return x4 * x4; }`,
    ...(usesFactorial ? FACTORIAL_SOURCE : []),
    `function updateStatics(p) {`,
    ...staticLines,
    `  for (let i = 0; i < NP; i++) pSeen[i] = p[i];`,
    `}`,
    `function rhs(t, y, p, u, out) {`,
    ...guard,
    ...rhsBody,
    `}`,
    `function jacobian(t, y, p, u, J) {`,
    ...guard,
    ...jacBody,
    `}`,
    `function rates(t, y, p, u, out) {`,
    ...guard,
    ...ratesBody,
    `}`,
    `function observables(t, y, p, u, out) {`,
    ...guard,
    ...obsBody,
    `}`,
    `return { rhs, jacobian, rates, observables };`,
  ].join('\n');
  return { source, staticCount };
}

/**
 * JS for one operator node, its operands rendered by `ref`. Comparisons and logic are numbers (1 or
 * 0), as in the interpreted path, so `(a < b) == 1` and `2 * (a < b)` mean the same in both; logic
 * and `c ? a : b` treat any non-zero number as true (NaN as false).
 */
export function opCode(e: Expr, ref: (e: Expr) => string): string {
  const [a, b, c] = e.args;
  const infix = INFIX[e.op];
  if (infix) return `(${ref(a!)} ${infix} ${ref(b!)})`;
  const compare = COMPARE[e.op];
  if (compare) return `((${ref(a!)} ${compare} ${ref(b!)})${AS_NUMBER}`;
  const fn = MATH_CALL[e.op];
  if (fn) return `${fn}(${ref(a!)})`;
  const reciprocal = RECIPROCAL[e.op];
  if (reciprocal) return `(1 / ${reciprocal}(${ref(a!)}))`;
  switch (e.op) {
    case 'neg':
      return `(-${ref(a!)})`;
    case '^': {
      if (b!.op === 'num') {
        const base = ref(a!);
        // Squaring a slot or a named temp is a multiply; anything longer would be evaluated twice.
        if (b!.value === 2 && /^[A-Za-z_][\w]*(\[\d+\])?$/.test(base)) return `(${base} * ${base})`;
        if (b!.value === 0.5) return `Math.sqrt(${ref(a!)})`;
        if (b!.value === -1) return `(1 / ${ref(a!)})`;
        if (Number.isInteger(b!.value) && b!.value >= 2 && b!.value <= 8) return `pow${b!.value}(${base})`;
      }
      return `pow(${ref(a!)}, ${ref(b!)})`;
    }
    case 'min':
    case 'max':
      return `Math.${e.op}(${e.args.map(ref).join(', ')})`;
    case 'factorial':
      return `factorial(${ref(a!)})`;
    case 'and':
      return `((${truth(a!, ref)} && ${truth(b!, ref)})${AS_NUMBER}`;
    case 'or':
      return `((${truth(a!, ref)} || ${truth(b!, ref)})${AS_NUMBER}`;
    case 'xor':
      return `((!${truth(a!, ref)} !== !${truth(b!, ref)})${AS_NUMBER}`;
    case 'not':
      return `(!${truth(a!, ref)}${AS_NUMBER}`;
    case '?:':
      return `(${truth(a!, ref)} ? ${ref(b!)} : ${ref(c!)})`;
    default:
      throw new Error(`internal: no code for operator '${e.op}'`);
  }
}

/**
 * An operand in a JS truth position. A comparison or logical node written inline is used as the
 * JS boolean it wraps, `(a < b)` rather than `((a < b) ? 1 : 0)`; anything else (a number, a temp
 * holding 1 or 0) is tested by JS truthiness, which is "non-zero and not NaN".
 */
function truth(e: Expr, ref: (e: Expr) => string): string {
  const code = ref(e);
  if (isComparisonOrLogical(e.op) && code.startsWith('(') && code.endsWith(AS_NUMBER)) return code.slice(1, -AS_NUMBER.length);
  return code;
}
