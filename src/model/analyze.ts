/**
 * Validation and the indexed IR: turns a declaration into name→index tables, a stoichiometry in
 * CSR form (by reaction) and rate/observable expressions as `Expr`s with the rules inlined.
 * Every problem is collected (not just the first), each with its path in the declaration.
 */
import type { MathNode } from 'mathjs';
import { ExprPool, FUNCTIONS, parseExpression, suggest, symbolsOf, toExpr } from './expr.ts';
import type { Expr } from './expr.ts';
import { UNKNOWN, inferUnit } from './dimensions.ts';
import type { InferredUnit } from './dimensions.ts';
import { HOUR, PER_HOUR, formatUnit, multiplyUnits, parseUnit, sameUnit } from './units.ts';
import type { Unit } from './units.ts';
import type { ModelDefinition, ModelDiagnostic } from './types.ts';

export interface ModelIR {
  name: string;
  speciesIds: string[];
  parameterIds: string[];
  inputIds: string[];
  reactionIds: string[];
  observableIds: string[];
  /** Rule ids in evaluation order (each after the rules it uses). */
  ruleOrder: string[];
  y0: Float64Array;
  p0: Float64Array;
  u0: Float64Array;
  pool: ExprPool;
  /** Rate of each reaction, rules inlined; symbols are species, parameters, inputs and `t`. */
  rates: Expr[];
  observables: Expr[];
  /** Stoichiometry by reaction (CSR): reaction j changes species stoichSpecies[k] by stoichCoeff[k]·rate for k in [stoichPtr[j], stoichPtr[j+1]). */
  stoichPtr: Int32Array;
  stoichSpecies: Int32Array;
  stoichCoeff: Float64Array;
  /** The parsed user expressions, for the interpreted reference path. */
  parsed: { rules: { id: string; node: MathNode }[]; rates: MathNode[]; observables: MathNode[] };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names an id may not take: time, the functions, mathjs keywords and Object.prototype members. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  't',
  ...Object.keys(FUNCTIONS),
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
  'end',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

const SECTIONS = ['species', 'parameters', 'inputs', 'rules', 'reactions', 'observables'] as const;
type Section = (typeof SECTIONS)[number];
const SINGULAR: Record<Section, string> = {
  species: 'species',
  parameters: 'parameter',
  inputs: 'input',
  rules: 'rule',
  reactions: 'reaction',
  observables: 'observable',
};

/** The keys each kind of declaration may have (strict, like zod's strictObject). */
const ALLOWED_KEYS: Record<Section | 'model', readonly string[]> = {
  model: ['name', 'description', 'timeUnit', ...SECTIONS],
  species: ['initial', 'unit', 'description', 'source'],
  parameters: ['value', 'unit', 'source', 'description'],
  inputs: ['unit', 'default', 'description', 'source'],
  rules: ['expression', 'unit', 'description', 'source'],
  reactions: ['rate', 'stoichiometry', 'description', 'source'],
  observables: ['expression', 'unit', 'description', 'source'],
};

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function analyzeModel(def: ModelDefinition): { ir?: ModelIR; diagnostics: ModelDiagnostic[] } {
  const diagnostics: ModelDiagnostic[] = [];
  const error = (path: string, message: string) => diagnostics.push({ severity: 'error', path, message });
  const warning = (path: string, message: string) => diagnostics.push({ severity: 'warning', path, message });

  if (!isRecord(def)) {
    error('(model)', `expected a model definition object, got ${def === null ? 'null' : typeof def}`);
    return { diagnostics };
  }
  const checkKeys = (path: string, obj: Record<string, unknown>, kind: Section | 'model') => {
    const allowed = ALLOWED_KEYS[kind];
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) error(path === '' ? key : `${path}.${key}`, `unknown key '${key}'${suggest(key, allowed)} (valid: ${allowed.join(', ')})`);
    }
  };
  checkKeys('', def as unknown as Record<string, unknown>, 'model');
  const name = typeof def.name === 'string' && def.name.trim() !== '' ? def.name : '(unnamed)';
  if (name === '(unnamed)') error('name', 'the model needs a non-empty name');

  // ---- sections and ids ----
  const sections = {} as Record<Section, Record<string, Record<string, unknown>>>;
  const owner = new Map<string, Section>();
  for (const section of SECTIONS) {
    const raw = (def as unknown as Record<string, unknown>)[section];
    sections[section] = {};
    if (raw === undefined && (section === 'rules' || section === 'observables' || section === 'inputs')) continue;
    if (!isRecord(raw)) {
      error(section, `expected an object keyed by id, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
      continue;
    }
    for (const [id, decl] of Object.entries(raw)) {
      const path = `${section}.${id}`;
      if (!isRecord(decl)) {
        error(path, `expected an object, got ${decl === null ? 'null' : typeof decl}`);
        continue;
      }
      if (!IDENTIFIER.test(id)) {
        error(path, `'${id}' is not a valid id: use letters, digits and _, not starting with a digit`);
        continue;
      }
      if (RESERVED_NAMES.has(id) || id.startsWith('__')) {
        error(path, `'${id}' is reserved (${id === 't' ? 'time' : Object.hasOwn(FUNCTIONS, id) ? 'a function name' : 'a keyword or built-in name'}); choose another id`);
        continue;
      }
      const first = owner.get(id);
      if (first) {
        error(path, `duplicate id '${id}': already declared as a ${SINGULAR[first]} (${first}.${id})`);
        continue;
      }
      owner.set(id, section);
      sections[section][id] = decl;
      checkKeys(path, decl, section);
    }
  }
  if (Object.keys(sections.species).length === 0 && isRecord(def.species)) error('species', 'the model has no species');

  // ---- declarations ----
  const units = new Map<string, InferredUnit>([['t', HOUR]]);
  const checkUnit = (path: string, id: string, unit: unknown, required: boolean) => {
    if (unit === undefined && !required) return;
    if (typeof unit !== 'string') {
      error(`${path}.unit`, `expected a unit string (e.g. 'µM', '1/h'), got ${typeof unit}`);
      units.set(id, UNKNOWN);
      return;
    }
    const parsed = parseUnit(unit);
    if ('error' in parsed) {
      error(`${path}.unit`, parsed.error);
      units.set(id, UNKNOWN);
    } else units.set(id, parsed.unit);
  };
  const checkNumber = (path: string, value: unknown, what: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      error(path, `${what} must be a finite number, got ${typeof value === 'number' ? String(value) : JSON.stringify(value) ?? typeof value}`);
      return NaN;
    }
    return value;
  };
  const checkText = (path: string, value: unknown, required: boolean) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') error(path, `expected a string, got ${typeof value}`);
  };

  const speciesIds = Object.keys(sections.species);
  const parameterIds = Object.keys(sections.parameters);
  const inputIds = Object.keys(sections.inputs);
  const reactionIds = Object.keys(sections.reactions);
  const observableIds = Object.keys(sections.observables);
  const ruleIds = Object.keys(sections.rules);
  const y0 = new Float64Array(speciesIds.length);
  const p0 = new Float64Array(parameterIds.length);
  const u0 = new Float64Array(inputIds.length);

  speciesIds.forEach((id, i) => {
    const d = sections.species[id]!;
    y0[i] = checkNumber(`species.${id}.initial`, d.initial, 'the initial value');
    checkUnit(`species.${id}`, id, d.unit, true);
    checkText(`species.${id}.description`, d.description, false);
    checkText(`species.${id}.source`, d.source, false);
  });
  parameterIds.forEach((id, i) => {
    const d = sections.parameters[id]!;
    p0[i] = checkNumber(`parameters.${id}.value`, d.value, 'the value');
    checkUnit(`parameters.${id}`, id, d.unit, true);
    checkText(`parameters.${id}.source`, d.source, false);
  });
  inputIds.forEach((id, i) => {
    const d = sections.inputs[id]!;
    u0[i] = checkNumber(`inputs.${id}.default`, d.default, 'the default');
    checkUnit(`inputs.${id}`, id, d.unit, true);
  });
  for (const id of observableIds) checkUnit(`observables.${id}`, `observable:${id}`, sections.observables[id]!.unit, true);
  for (const id of ruleIds) checkUnit(`rules.${id}`, `rule:${id}`, sections.rules[id]!.unit, false);

  // ---- expressions ----
  const pool = new ExprPool();
  const base = new Map<string, Expr>([['t', pool.sym('t')]]);
  for (const id of [...speciesIds, ...parameterIds, ...inputIds]) base.set(id, pool.sym(id));
  const ruleExpr = new Map<string, Expr>();
  const failedRules = new Set<string>();
  const symbolChoices = ['t', ...speciesIds, ...parameterIds, ...inputIds, ...ruleIds];

  const resolve = (name: string): Expr | string => {
    const e = base.get(name) ?? ruleExpr.get(name);
    if (e) return e;
    if (failedRules.has(name)) return pool.sym(`__failed_${name}`);
    const section = owner.get(name);
    if (section === 'observables') return `'${name}' is an observable; expressions cannot use observables (declare it as a rule instead)`;
    if (section === 'reactions') return `'${name}' is a reaction id, not a value`;
    return `unknown symbol '${name}'${suggest(name, symbolChoices)}`;
  };

  const parseAt = (path: string, text: unknown): MathNode | undefined => {
    if (typeof text !== 'string') {
      error(path, `expected an expression string, got ${text === null ? 'null' : typeof text}`);
      return undefined;
    }
    const parsed = parseExpression(text);
    if ('error' in parsed) {
      error(path, parsed.error);
      return undefined;
    }
    return parsed.node;
  };
  const convertAt = (path: string, node: MathNode | undefined): Expr | undefined => {
    if (!node) return undefined;
    const seen = new Set<string>();
    return toExpr(node, pool, resolve, (message) => {
      if (!seen.has(message)) error(path, message);
      seen.add(message);
    });
  };

  // Rules, in dependency order; a cycle is an error naming the whole cycle.
  const ruleNodes = new Map<string, MathNode>();
  for (const id of ruleIds) {
    const node = parseAt(`rules.${id}.expression`, sections.rules[id]!.expression);
    if (node) ruleNodes.set(id, node);
    else failedRules.add(id);
  }
  const ruleOrder: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      error(`rules.${id}.expression`, `rules form a cycle: ${cycle.join(' → ')}`);
      for (const r of cycle) failedRules.add(r);
      return;
    }
    state.set(id, 'visiting');
    const node = ruleNodes.get(id);
    if (node) for (const s of symbolsOf(node)) if (ruleNodes.has(s)) visit(s, [...trail, id]);
    state.set(id, 'done');
    ruleOrder.push(id);
  };
  for (const id of ruleIds) visit(id, []);
  for (const id of ruleOrder) {
    if (failedRules.has(id)) continue;
    const e = convertAt(`rules.${id}.expression`, ruleNodes.get(id));
    if (e) ruleExpr.set(id, e);
    else failedRules.add(id);
  }

  const rateNodes: MathNode[] = [];
  const rates: Expr[] = [];
  const stoichPtr = new Int32Array(reactionIds.length + 1);
  const stoichSpecies: number[] = [];
  const stoichCoeff: number[] = [];
  const touched = new Set<string>();
  const speciesIndex = new Map(speciesIds.map((id, i) => [id, i]));
  reactionIds.forEach((id, j) => {
    const d = sections.reactions[id]!;
    const node = parseAt(`reactions.${id}.rate`, d.rate);
    const e = convertAt(`reactions.${id}.rate`, node);
    if (node) rateNodes.push(node);
    if (e) rates.push(e);
    checkText(`reactions.${id}.description`, d.description, false);
    const stoich = d.stoichiometry;
    if (!isRecord(stoich)) {
      error(`reactions.${id}.stoichiometry`, `expected an object { speciesId: coefficient }, got ${stoich === null ? 'null' : typeof stoich}`);
    } else {
      const entries: [number, number][] = [];
      for (const [sid, coeff] of Object.entries(stoich)) {
        const path = `reactions.${id}.stoichiometry.${sid}`;
        const k = speciesIndex.get(sid);
        if (k === undefined) {
          error(path, `unknown species '${sid}'${suggest(sid, speciesIds)}`);
          continue;
        }
        const c = checkNumber(path, coeff, 'the stoichiometric coefficient');
        if (c === 0 || Number.isNaN(c)) continue;
        entries.push([k, c]);
        touched.add(sid);
      }
      if (entries.length === 0 && Object.keys(stoich).length === 0) warning(`reactions.${id}.stoichiometry`, 'the reaction changes no species');
      entries.sort((a, b) => a[0] - b[0]);
      for (const [k, c] of entries) {
        stoichSpecies.push(k);
        stoichCoeff.push(c);
      }
    }
    stoichPtr[j + 1] = stoichSpecies.length;
  });

  const observableNodes: MathNode[] = [];
  const observables: Expr[] = [];
  for (const id of observableIds) {
    const d = sections.observables[id]!;
    const node = parseAt(`observables.${id}.expression`, d.expression);
    const e = convertAt(`observables.${id}.expression`, node);
    if (node) observableNodes.push(node);
    if (e) observables.push(e);
  }

  for (const id of speciesIds) {
    if (!touched.has(id)) warning(`species.${id}`, 'no reaction changes this species; it stays at its initial value (make it a parameter?)');
  }

  // ---- units (warnings) ----
  if (!diagnostics.some((d) => d.severity === 'error')) {
    const unitOf = (n: string): InferredUnit => units.get(n) ?? units.get(`rule:${n}`) ?? UNKNOWN;
    const checkUnits = (path: string, node: MathNode, expected: Unit | undefined, what: string): InferredUnit => {
      const issues: string[] = [];
      const u = inferUnit(node, unitOf, issues);
      for (const issue of issues) warning(path, `units: ${issue}`);
      if (expected && typeof u !== 'string' && !sameUnit(u, expected)) {
        warning(path, `units: ${what} comes out in [${formatUnit(u)}] but should be [${formatUnit(expected)}]`);
      }
      return u;
    };
    for (const id of ruleOrder) {
      const declared = units.get(`rule:${id}`);
      const u = checkUnits(`rules.${id}.expression`, ruleNodes.get(id)!, typeof declared === 'object' ? declared : undefined, `rule '${id}'`);
      if (declared === undefined) units.set(`rule:${id}`, u);
    }
    reactionIds.forEach((id, j) => {
      const path = `reactions.${id}.rate`;
      const issues: string[] = [];
      const u = inferUnit(rateNodes[j]!, unitOf, issues);
      for (const issue of issues) warning(path, `units: ${issue}`);
      if (typeof u === 'string') return;
      const reported = new Set<string>();
      for (let k = stoichPtr[j]!; k < stoichPtr[j + 1]!; k++) {
        const sid = speciesIds[stoichSpecies[k]!]!;
        const su = units.get(sid);
        if (typeof su !== 'object') continue;
        const expected = multiplyUnits(su, PER_HOUR);
        if (sameUnit(u, expected)) continue;
        const key = formatUnit(expected);
        if (reported.has(key)) continue;
        reported.add(key);
        warning(path, `units: the rate of reaction '${id}' comes out in [${formatUnit(u)}] but must be [${key}] to change ${sid} [${sections.species[sid]!.unit}]`);
      }
    });
    observableIds.forEach((id, k) => {
      const declared = units.get(`observable:${id}`);
      checkUnits(`observables.${id}.expression`, observableNodes[k]!, typeof declared === 'object' ? declared : undefined, `observable '${id}'`);
    });
  }

  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    diagnostics,
    ir: {
      name,
      speciesIds,
      parameterIds,
      inputIds,
      reactionIds,
      observableIds,
      ruleOrder,
      y0,
      p0,
      u0,
      pool,
      rates,
      observables,
      stoichPtr,
      stoichSpecies: Int32Array.from(stoichSpecies),
      stoichCoeff: Float64Array.from(stoichCoeff),
      parsed: { rules: ruleOrder.map((id) => ({ id, node: ruleNodes.get(id)! })), rates: rateNodes, observables: observableNodes },
    },
  };
}
