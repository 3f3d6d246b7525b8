/**
 * MathML (the SBML Level 3 subset) as a small expression tree, with three uses: printing as a
 * mathjs expression string for the model compiler, evaluating numerically (initial values, event
 * triggers, outputs) and writing back to MathML for export.
 *
 * Booleans are numbers here (true = 1, false = 0), as SBML L3V2 allows them to mix
 * ("BoolNumericSwap"); relations and logic return 1 or 0.
 */
import { SbmlError, localName, type XmlElement } from './xml.ts';

export type MathNode =
  | { kind: 'num'; value: number }
  | { kind: 'sym'; name: string }
  | { kind: 'time' }
  | { kind: 'call'; op: MathOp; args: MathNode[] }
  | { kind: 'piecewise'; pieces: { value: MathNode; cond: MathNode }[]; otherwise: MathNode | null };

/** Operators after parsing; qualifiers (root degree, log base) are folded into ordinary arguments. */
export type MathOp =
  | 'plus' | 'minus' | 'times' | 'divide' | 'power' | 'root' | 'exp' | 'ln' | 'log' | 'abs'
  | 'floor' | 'ceiling' | 'factorial' | 'max' | 'min' | 'rem' | 'quotient'
  | 'sin' | 'cos' | 'tan' | 'sec' | 'csc' | 'cot' | 'sinh' | 'cosh' | 'tanh' | 'sech' | 'csch' | 'coth'
  | 'arcsin' | 'arccos' | 'arctan' | 'arcsec' | 'arccsc' | 'arccot'
  | 'arcsinh' | 'arccosh' | 'arctanh' | 'arcsech' | 'arccsch' | 'arccoth'
  | 'eq' | 'neq' | 'lt' | 'gt' | 'leq' | 'geq' | 'and' | 'or' | 'xor' | 'not' | 'implies';

const UNARY: ReadonlySet<string> = new Set([
  'exp', 'ln', 'abs', 'floor', 'ceiling', 'factorial', 'not',
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth',
  'arcsin', 'arccos', 'arctan', 'arcsec', 'arccsc', 'arccot',
  'arcsinh', 'arccosh', 'arctanh', 'arcsech', 'arccsch', 'arccoth',
]);
const BINARY: ReadonlySet<string> = new Set(['divide', 'power', 'rem', 'quotient', 'implies', 'neq']);
const NARY: ReadonlySet<string> = new Set(['plus', 'times', 'max', 'min', 'and', 'or', 'xor', 'eq', 'lt', 'gt', 'leq', 'geq']);

/** A construct the importer refuses (e.g. the delay csymbol); collected, never simulated. */
export class UnsupportedMath extends Error {}

export const num = (value: number): MathNode => ({ kind: 'num', value });
export const sym = (name: string): MathNode => ({ kind: 'sym', name });
export const call = (op: MathOp, ...args: MathNode[]): MathNode => ({ kind: 'call', op, args });

const CSYMBOL_TIME = 'http://www.sbml.org/sbml/symbols/time';
const CSYMBOL_AVOGADRO = 'http://www.sbml.org/sbml/symbols/avogadro';

export interface FunctionDef {
  params: string[];
  body: MathNode;
}

/**
 * Converts the single child of a `<math>` element. `functions` are the model's function
 * definitions, already parsed; calls to them are inlined by substitution.
 */
export function parseMath(mathEl: XmlElement, functions: ReadonlyMap<string, FunctionDef>, where: string): MathNode {
  const content = mathEl.children.filter((c) => localName(c) !== 'annotation');
  if (content.length !== 1) throw new SbmlError(`${where}: <math> must contain exactly one expression, found ${content.length}`);
  return parseNode(content[0], functions, where);
}

/** Parses `<lambda><bvar><ci>x</ci></bvar>…<body/></lambda>` of a function definition. */
export function parseLambda(mathEl: XmlElement, functions: ReadonlyMap<string, FunctionDef>, where: string): FunctionDef {
  let lambda = mathEl.children[0];
  if (lambda && localName(lambda) === 'semantics') lambda = lambda.children[0];
  if (!lambda || localName(lambda) !== 'lambda') throw new SbmlError(`${where}: a function definition needs a <lambda>`);
  const params: string[] = [];
  const rest: XmlElement[] = [];
  for (const c of lambda.children) {
    if (localName(c) === 'bvar') params.push(c.children[0]?.text.trim() ?? '');
    else rest.push(c);
  }
  if (rest.length !== 1) throw new SbmlError(`${where}: <lambda> must have exactly one body expression`);
  return { params, body: parseNode(rest[0], functions, where) };
}

function parseNode(el: XmlElement, functions: ReadonlyMap<string, FunctionDef>, where: string): MathNode {
  const name = localName(el);
  switch (name) {
    case 'cn':
      return num(parseCn(el, where));
    case 'ci':
      return sym(el.text.trim());
    case 'csymbol': {
      const url = (el.attrs.definitionURL ?? '').trim();
      if (url === CSYMBOL_TIME) return { kind: 'time' };
      // CODATA 2006 value, as fixed by the SBML L3V1 specification.
      if (url === CSYMBOL_AVOGADRO) return num(6.02214179e23);
      throw new UnsupportedMath(`csymbol ${url}`);
    }
    case 'true': return num(1);
    case 'false': return num(0);
    case 'pi': return num(Math.PI);
    case 'exponentiale': return num(Math.E);
    case 'infinity': return num(Infinity);
    case 'notanumber': return num(NaN);
    case 'semantics':
      return parseNode(el.children[0], functions, where);
    case 'piecewise': {
      const pieces: { value: MathNode; cond: MathNode }[] = [];
      let otherwise: MathNode | null = null;
      for (const c of el.children) {
        const cn = localName(c);
        if (cn === 'piece') {
          if (c.children.length !== 2) throw new SbmlError(`${where}: <piece> needs a value and a condition`);
          pieces.push({ value: parseNode(c.children[0], functions, where), cond: parseNode(c.children[1], functions, where) });
        } else if (cn === 'otherwise') {
          otherwise = parseNode(c.children[0], functions, where);
        }
      }
      return { kind: 'piecewise', pieces, otherwise };
    }
    case 'apply':
      return parseApply(el, functions, where);
    default:
      throw new UnsupportedMath(`MathML element <${name}>`);
  }
}

function parseCn(el: XmlElement, where: string): number {
  const type = el.attrs.type ?? 'real';
  const parts = el.text.trim().split(/\s+/);
  const value = (s: string | undefined): number => {
    const v = s === undefined ? NaN : Number(s);
    if (Number.isNaN(v) && s !== 'NaN') throw new SbmlError(`${where}: <cn> '${el.text}' is not a number`);
    return v;
  };
  switch (type) {
    case 'integer':
    case 'real':
    case 'double':
      if (parts[0] === 'INF' || parts[0] === 'inf') return Infinity;
      if (parts[0] === '-INF' || parts[0] === '-inf') return -Infinity;
      return value(parts[0]);
    case 'e-notation':
      return Number(`${value(parts[0])}e${value(parts[1])}`);
    case 'rational':
      return value(parts[0]) / value(parts[1]);
    default:
      throw new UnsupportedMath(`<cn type="${type}">`);
  }
}

function parseApply(el: XmlElement, functions: ReadonlyMap<string, FunctionDef>, where: string): MathNode {
  const [head, ...rest] = el.children;
  if (!head) throw new SbmlError(`${where}: empty <apply>`);
  const headName = localName(head);
  let degree: MathNode | null = null;
  let logbase: MathNode | null = null;
  const args: MathNode[] = [];
  for (const c of rest) {
    const cn = localName(c);
    if (cn === 'degree') degree = parseNode(c.children[0], functions, where);
    else if (cn === 'logbase') logbase = parseNode(c.children[0], functions, where);
    else if (cn === 'bvar') throw new UnsupportedMath('<bvar> outside a function definition');
    else args.push(parseNode(c, functions, where));
  }
  if (headName === 'ci') {
    const fname = head.text.trim();
    const f = functions.get(fname);
    if (!f) throw new SbmlError(`${where}: call to undefined function '${fname}'`);
    if (f.params.length !== args.length) {
      throw new SbmlError(`${where}: function '${fname}' takes ${f.params.length} arguments, got ${args.length}`);
    }
    // One instance per distinct call: nested definitions calling each other twice per level then
    // share their instances instead of doubling at every level (see share.ts).
    const share = contextOf(functions);
    const key = `${fname}(${args.map((a) => nodeId(a, share)).join(',')})`;
    let instance = share.calls.get(key);
    if (!instance) {
      instance = substitute(f.body, new Map(f.params.map((p, i) => [p, args[i]] as const)));
      share.calls.set(key, instance);
    }
    return instance;
  }
  if (headName === 'csymbol') throw new UnsupportedMath(`csymbol ${head.attrs.definitionURL ?? ''}`);
  const op = headName as MathOp;
  if (op === 'root') {
    const x = args[0];
    if (args.length !== 1) throw new SbmlError(`${where}: <root> takes one argument`);
    return call('root', degree ?? num(2), x);
  }
  if (op === 'log') {
    if (args.length !== 1) throw new SbmlError(`${where}: <log> takes one argument`);
    return call('log', logbase ?? num(10), args[0]);
  }
  if (op === 'minus') {
    if (args.length !== 1 && args.length !== 2) throw new SbmlError(`${where}: <minus> takes one or two arguments`);
    return call('minus', ...args);
  }
  if (UNARY.has(op)) {
    if (args.length !== 1) throw new SbmlError(`${where}: <${op}> takes one argument, got ${args.length}`);
    return call(op, args[0]);
  }
  if (BINARY.has(op)) {
    if (args.length !== 2) throw new SbmlError(`${where}: <${op}> takes two arguments, got ${args.length}`);
    return call(op, args[0], args[1]);
  }
  if (NARY.has(op)) return call(op, ...args);
  throw new UnsupportedMath(`MathML operator <${headName}>`);
}

/**
 * Replaces symbols by expressions (function-definition inlining, local-parameter renaming). A node
 * shared within `node` stays shared in the result, so the work is linear in the distinct nodes.
 */
export function substitute(node: MathNode, bind: ReadonlyMap<string, MathNode>, memo = new Map<MathNode, MathNode>()): MathNode {
  const done = memo.get(node);
  if (done) return done;
  const sub = (n: MathNode): MathNode => substitute(n, bind, memo);
  let out: MathNode;
  switch (node.kind) {
    case 'num':
    case 'time':
      out = node;
      break;
    case 'sym':
      out = bind.get(node.name) ?? node;
      break;
    case 'call':
      out = { kind: 'call', op: node.op, args: node.args.map(sub) };
      break;
    case 'piecewise':
      out = {
        kind: 'piecewise',
        pieces: node.pieces.map((p) => ({ value: sub(p.value), cond: sub(p.cond) })),
        otherwise: node.otherwise ? sub(node.otherwise) : null,
      };
      break;
  }
  memo.set(node, out);
  return out;
}

/**
 * Per document being read (keyed by its function table): a number per distinct expression
 * structure, so two nodes get the same number exactly when they are the same expression, and the
 * instances of function calls by callee and argument numbers.
 */
interface ShareContext {
  ids: WeakMap<MathNode, number>;
  structures: Map<string, number>;
  calls: Map<string, MathNode>;
}
const contexts = new WeakMap<ReadonlyMap<string, FunctionDef>, ShareContext>();
function contextOf(functions: ReadonlyMap<string, FunctionDef>): ShareContext {
  let c = contexts.get(functions);
  if (!c) contexts.set(functions, (c = { ids: new WeakMap(), structures: new Map(), calls: new Map() }));
  return c;
}

/** The structure number of `node`; memoised on the nodes, so shared sub-expressions are keyed once. */
function nodeId(node: MathNode, c: ShareContext): number {
  const known = c.ids.get(node);
  if (known !== undefined) return known;
  const id = (n: MathNode): number => nodeId(n, c);
  let key: string;
  switch (node.kind) {
    case 'num': key = `n${Object.is(node.value, -0) ? '-0' : node.value}`; break;
    case 'sym': key = `s${node.name}`; break;
    case 'time': key = 't'; break;
    case 'call': key = `c${node.op}(${node.args.map(id).join(',')})`; break;
    case 'piecewise':
      key = `p(${node.pieces.map((p) => `${id(p.value)}:${id(p.cond)}`).join(',')};${node.otherwise ? id(node.otherwise) : ''})`;
      break;
  }
  let n = c.structures.get(key);
  if (n === undefined) c.structures.set(key, (n = c.structures.size));
  c.ids.set(node, n);
  return n;
}

/** Every symbol the expression reads (each shared sub-expression visited once). */
export function symbolsOf(node: MathNode, out: Set<string> = new Set(), seen = new Set<MathNode>()): Set<string> {
  if (seen.has(node)) return out;
  seen.add(node);
  switch (node.kind) {
    case 'sym':
      out.add(node.name);
      break;
    case 'call':
      for (const a of node.args) symbolsOf(a, out, seen);
      break;
    case 'piecewise':
      for (const p of node.pieces) {
        symbolsOf(p.value, out, seen);
        symbolsOf(p.cond, out, seen);
      }
      if (node.otherwise) symbolsOf(node.otherwise, out, seen);
      break;
    default:
      break;
  }
  return out;
}

export function usesTime(node: MathNode): boolean {
  switch (node.kind) {
    case 'time': return true;
    case 'call': return node.args.some(usesTime);
    case 'piecewise':
      return node.pieces.some((p) => usesTime(p.value) || usesTime(p.cond)) || (node.otherwise !== null && usesTime(node.otherwise));
    default: return false;
  }
}
