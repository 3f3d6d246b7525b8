/**
 * Writes a ferrosim model as SBML Level 3 Version 2: unit definitions from the declared units,
 * one compartment `cell` of 1 L, species as concentrations in it, parameters (constant, with their
 * sources in notes), inputs as non-constant parameters (scenarios change them), rules and
 * observables as assignment rules, and reactions with MathML kinetic laws in amount per time
 * (cell × rate), modifiers listed.
 */
import { parse, type MathNode as MjsNode } from 'mathjs';
import type { ModelDefinition } from '../model/types.ts';
import { parseUnit } from '../model/units.ts';
import { formatNumber } from './print.ts';
import { SbmlError } from './xml.ts';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SID = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function exportSbml(def: ModelDefinition): string {
  const units = new UnitTable();
  const ids = new Set<string>([
    ...Object.keys(def.species), ...Object.keys(def.parameters), ...Object.keys(def.inputs),
    ...Object.keys(def.rules ?? {}), ...Object.keys(def.observables ?? {}), ...Object.keys(def.reactions),
  ]);
  for (const id of ids) if (!SID.test(id)) throw new SbmlError(`id '${id}' is not a valid SBML SId`);
  let cell = 'cell';
  while (ids.has(cell)) cell += '_';
  const speciesIds = new Set(Object.keys(def.species));
  const modelId = def.name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_');

  const out: string[] = [];
  const w = (indent: number, s: string): void => {
    out.push(' '.repeat(indent) + s);
  };
  const notes = (indent: number, lines: string[]): void => {
    const kept = lines.filter((l) => l.trim() !== '');
    if (kept.length === 0) return;
    w(indent, '<notes>');
    w(indent + 2, '<body xmlns="http://www.w3.org/1999/xhtml">');
    for (const l of kept) w(indent + 4, `<p>${esc(l)}</p>`);
    w(indent + 2, '</body>');
    w(indent, '</notes>');
  };
  const math = (indent: number, expression: string, where: string): void => {
    let node: MjsNode;
    try {
      node = parse(expression);
    } catch (e) {
      throw new SbmlError(`${where}: cannot parse '${expression}': ${(e as Error).message}`);
    }
    w(indent, '<math xmlns="http://www.w3.org/1998/Math/MathML">');
    out.push(...toMathML(node, where).map((l) => ' '.repeat(indent + 2) + l));
    w(indent, '</math>');
  };

  const body: string[] = [];
  const saved = out.length;
  // Compartment, species, parameters, rules and reactions are written first so units are collected.
  w(4, '<listOfCompartments>');
  w(6, `<compartment id="${cell}" name="cell" spatialDimensions="3" size="1" units="litre" constant="true"/>`);
  w(4, '</listOfCompartments>');
  w(4, '<listOfSpecies>');
  for (const [id, s] of Object.entries(def.species)) {
    const u = units.substanceFor(s.unit);
    const value = isConcentration(s.unit)
      ? `initialConcentration="${num(s.initial)}" substanceUnits="${u}" hasOnlySubstanceUnits="false"`
      : `initialAmount="${num(s.initial)}" substanceUnits="${u}" hasOnlySubstanceUnits="true"`;
    w(6, `<species id="${id}" name="${esc(s.description || id)}" compartment="${cell}" ${value} boundaryCondition="false" constant="false">`);
    notes(8, [`unit: ${s.unit}`, s.source ? `source: ${s.source}` : '']);
    w(6, '</species>');
  }
  w(4, '</listOfSpecies>');
  const params: string[] = [];
  for (const [id, p] of Object.entries(def.parameters)) {
    params.push(`<parameter id="${id}" name="${esc(p.description || id)}" value="${num(p.value)}" units="${units.idFor(p.unit)}" constant="true">`);
    params.push(...notesLines([`unit: ${p.unit}`, p.source ? `source: ${p.source}` : '']));
    params.push('</parameter>');
  }
  for (const [id, i] of Object.entries(def.inputs)) {
    params.push(`<parameter id="${id}" name="${esc(i.description || id)}" value="${num(i.default)}" units="${units.idFor(i.unit)}" constant="false">`);
    params.push(...notesLines([`unit: ${i.unit}`, 'input: set by scenarios (default value given)']));
    params.push('</parameter>');
  }
  const ruleEntries: [string, { expression: string; unit?: string; description?: string }, string][] = [
    ...Object.entries(def.rules ?? {}).map(([id, r]) => [id, r, 'rule'] as [string, typeof r, string]),
    ...Object.entries(def.observables ?? {}).map(([id, o]) => [id, o, 'observable'] as [string, typeof o, string]),
  ];
  for (const [id, r, what] of ruleEntries) {
    const unitAttr = r.unit ? ` units="${units.idFor(r.unit)}"` : '';
    params.push(`<parameter id="${id}" name="${esc(r.description || id)}"${unitAttr} constant="false">`);
    params.push(...notesLines([`${what}${r.unit ? `, unit: ${r.unit}` : ''}`]));
    params.push('</parameter>');
  }
  if (params.length > 0) {
    w(4, '<listOfParameters>');
    for (const l of params) w(6, l);
    w(4, '</listOfParameters>');
  }
  if (ruleEntries.length > 0) {
    w(4, '<listOfRules>');
    for (const [id, r] of ruleEntries) {
      w(6, `<assignmentRule variable="${id}">`);
      math(8, r.expression, `${id}.expression`);
      w(6, '</assignmentRule>');
    }
    w(4, '</listOfRules>');
  }
  const reactions = Object.entries(def.reactions);
  if (reactions.length > 0) {
    w(4, '<listOfReactions>');
    for (const [id, r] of reactions) {
      w(6, `<reaction id="${id}"${r.description ? ` name="${esc(r.description)}"` : ''} reversible="false">`);
      const entries = Object.entries(r.stoichiometry as Record<string, number>).filter(([, c]) => c !== 0);
      const reactants = entries.filter(([, c]) => c < 0);
      const products = entries.filter(([, c]) => c > 0);
      if (reactants.length > 0) {
        w(8, '<listOfReactants>');
        for (const [s, c] of reactants) w(10, `<speciesReference species="${s}" stoichiometry="${num(-c)}" constant="true"/>`);
        w(8, '</listOfReactants>');
      }
      if (products.length > 0) {
        w(8, '<listOfProducts>');
        for (const [s, c] of products) w(10, `<speciesReference species="${s}" stoichiometry="${num(c)}" constant="true"/>`);
        w(8, '</listOfProducts>');
      }
      const modifiers = symbolsIn(r.rate).filter((s) => speciesIds.has(s) && !entries.some(([e]) => e === s));
      if (modifiers.length > 0) {
        w(8, '<listOfModifiers>');
        for (const m of modifiers) w(10, `<modifierSpeciesReference species="${m}"/>`);
        w(8, '</listOfModifiers>');
      }
      w(8, '<kineticLaw>');
      // The rate is a concentration per hour; SBML kinetic laws are amounts per time. Species in
      // relative units are amounts already (hasOnlySubstanceUnits); the compartment has size 1, so
      // a reaction mixing both kinds has the same numbers either way.
      const concentrations = entries.some(([sid]) => isConcentration(def.species[sid]?.unit ?? ''));
      math(10, concentrations ? `${cell} * (${r.rate})` : r.rate, `reactions.${id}.rate`);
      w(8, '</kineticLaw>');
      w(6, '</reaction>');
    }
    w(4, '</listOfReactions>');
  }
  body.push(...out.splice(saved));

  w(0, '<?xml version="1.0" encoding="UTF-8"?>');
  w(0, '<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">');
  w(2, `<model id="${modelId}" name="${esc(def.name)}" substanceUnits="${units.substanceFor('µM')}" timeUnits="${units.idFor('h')}" volumeUnits="litre" extentUnits="${units.substanceFor('µM')}">`);
  notes(4, [def.description ?? '', 'Exported by ferrosim. Species are concentrations in the compartment cell (1 L), or amounts (hasOnlySubstanceUnits) when their unit is relative or dimensionless; time is in hours.']);
  const defs = units.definitions();
  if (defs.length > 0) {
    w(4, '<listOfUnitDefinitions>');
    for (const l of defs) w(6, l);
    w(4, '</listOfUnitDefinitions>');
  }
  out.push(...body);
  w(2, '</model>');
  w(0, '</sbml>');
  return `${out.join('\n')}\n`;
}

/**
 * True for molar and mass concentrations (µM, ng/mL): SBML species with hasOnlySubstanceUnits
 * false. Relative and dimensionless quantities (r.u., fraction) have no volume to divide by.
 */
function isConcentration(unit: string): boolean {
  const parsed = parseUnit(unit);
  if ('error' in parsed) return true;
  const [conc, mass, volume] = parsed.unit.dims;
  return conc !== 0 || (mass !== 0 && volume !== 0);
}

function notesLines(lines: string[]): string[] {
  const kept = lines.filter((l) => l.trim() !== '');
  if (kept.length === 0) return [];
  return ['  <notes>', '    <body xmlns="http://www.w3.org/1999/xhtml">', ...kept.map((l) => `      <p>${esc(l)}</p>`), '    </body>', '  </notes>'];
}

const num = (x: number): string => {
  if (!Number.isFinite(x)) throw new SbmlError(`cannot export the non-finite value ${x}`);
  return String(x);
};

function symbolsIn(expression: string): string[] {
  const names = new Set<string>();
  parse(expression).traverse((n, path) => {
    if (n.type === 'SymbolNode' && path !== 'fn') names.add((n as unknown as { name: string }).name);
  });
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// MathML

function cn(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return `<cn type="integer"> ${x} </cn>`;
  const s = String(x);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  if (m) return `<cn type="e-notation"> ${m[1]} <sep/> ${Number(m[2])} </cn>`;
  return `<cn> ${s} </cn>`;
}

const OPERATORS: Record<string, string> = {
  add: 'plus', subtract: 'minus', multiply: 'times', divide: 'divide', pow: 'power',
  smaller: 'lt', smallerEq: 'leq', larger: 'gt', largerEq: 'geq', equal: 'eq', unequal: 'neq',
  and: 'and', or: 'or', xor: 'xor', not: 'not', unaryMinus: 'minus',
};

/** Compiler functions with a MathML element of their own (the same one-argument function). */
const MATHML_FUNCTIONS: Record<string, string> = {
  floor: 'floor', ceil: 'ceiling', factorial: 'factorial',
  sin: 'sin', cos: 'cos', tan: 'tan', sec: 'sec', csc: 'csc', cot: 'cot',
  asin: 'arcsin', acos: 'arccos', atan: 'arctan',
  sinh: 'sinh', cosh: 'cosh', tanh: 'tanh', sech: 'sech',
  asinh: 'arcsinh', acosh: 'arccosh', atanh: 'arctanh',
};

function toMathML(node: MjsNode, where: string): string[] {
  const apply = (op: string, args: MjsNode[], qualifier: string[] = []): string[] => [
    '<apply>', `  <${op}/>`, ...qualifier.map((l) => `  ${l}`), ...args.flatMap((a) => toMathML(a, where).map((l) => `  ${l}`)), '</apply>',
  ];
  const n = node as unknown as Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      const v = n.value;
      if (typeof v !== 'number') throw new SbmlError(`${where}: only numeric constants can be exported, got ${JSON.stringify(v)}`);
      return [cn(v)];
    }
    case 'SymbolNode': {
      const name = n.name as string;
      if (name === 't') return ['<csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time"> time </csymbol>'];
      return [`<ci> ${name} </ci>`];
    }
    case 'ParenthesisNode':
      return toMathML(n.content as MjsNode, where);
    case 'OperatorNode': {
      const fn = n.fn as string;
      const args = n.args as MjsNode[];
      if (fn === 'unaryPlus') return toMathML(args[0], where);
      const op = OPERATORS[fn];
      if (!op) throw new SbmlError(`${where}: operator '${n.op as string}' cannot be exported`);
      return apply(op, args);
    }
    case 'RelationalNode': {
      const conds = n.conditionals as string[];
      const params = n.params as MjsNode[];
      const pairs = conds.map((c, k) => apply(OPERATORS[c], [params[k], params[k + 1]]));
      return pairs.length === 1 ? pairs[0] : ['<apply>', '  <and/>', ...pairs.flat().map((l) => `  ${l}`), '</apply>'];
    }
    case 'ConditionalNode': {
      const ind = (x: MjsNode): string[] => toMathML(x, where).map((l) => `    ${l}`);
      return [
        '<piecewise>', '  <piece>', ...ind(n.trueExpr as MjsNode), ...ind(n.condition as MjsNode), '  </piece>',
        '  <otherwise>', ...ind(n.falseExpr as MjsNode), '  </otherwise>', '</piecewise>',
      ];
    }
    case 'FunctionNode': {
      const name = (n.fn as { name?: string }).name ?? '';
      const args = n.args as MjsNode[];
      switch (name) {
        case 'exp': case 'abs': return apply(name, args);
        case 'min': case 'max': return apply(name, args);
        case 'sqrt': return apply('root', args);
        case 'pow': return apply('power', args);
        case 'log':
          if (args.length === 1) return apply('ln', args);
          return apply('log', [args[0]], ['<logbase>', ...toMathML(args[1], where).map((l) => `  ${l}`), '</logbase>']);
        case 'log10': return apply('log', args, ['<logbase>', `  ${cn(10)}`, '</logbase>']);
        // Rounding toward zero is truncating division by 1.
        case 'fix': return ['<apply>', '  <quotient/>', ...toMathML(args[0], where).map((l) => `  ${l}`), `  ${cn(1)}`, '</apply>'];
        case 'hill': {
          // hill(x, K, n) = x^n / (K^n + x^n), as the model compiler defines it.
          const [x, K, h] = args;
          const xn = apply('power', [x, h]);
          const Kn = apply('power', [K, h]);
          const ind = (ls: string[]): string[] => ls.map((l) => `  ${l}`);
          return ['<apply>', '  <divide/>', ...ind(xn), ...ind(['<apply>', '  <plus/>', ...ind(Kn), ...ind(xn), '</apply>']), '</apply>'];
        }
        default:
          if (Object.hasOwn(MATHML_FUNCTIONS, name)) return apply(MATHML_FUNCTIONS[name], args);
          throw new SbmlError(`${where}: function '${name}' cannot be exported`);
      }
    }
    default:
      throw new SbmlError(`${where}: ${node.type} cannot be exported`);
  }
}

// ---------------------------------------------------------------------------------------------
// Units

/** SBML base unit for each ferrosim dimension (concentration, mass, volume, time, r.u.). */
const DIMENSION_KINDS: readonly (readonly [string, number][])[] = [
  [['mole', 1], ['litre', -1]], // concentration
  [['gram', 1]],
  [['litre', 1]],
  [['second', 1]],
  [], // relative units have no SBML equivalent; they count as dimensionless
];
/** Factor from ferrosim's base units (µM, g, mL, h) to SBML's (mol/L, g, L, s), per dimension. */
const DIMENSION_FACTOR = [1e-6, 1, 1e-3, 3600, 1];

class UnitTable {
  private readonly byUnit = new Map<string, { id: string; xml: string[] }>();
  private readonly used = new Set<string>();

  /** The unit definition id for a ferrosim unit string. */
  idFor(unit: string): string {
    return this.define(unit, 0);
  }

  /** The substance unit of a species declared in `unit` in a compartment of litres (unit × L). */
  substanceFor(unit: string): string {
    return this.define(unit, 1);
  }

  private define(unit: string, extraLitre: number): string {
    const key = `${unit}|${extraLitre}`;
    const known = this.byUnit.get(key);
    if (known) return known.id;
    const parsed = parseUnit(unit);
    if ('error' in parsed) throw new SbmlError(`unit '${unit}': ${parsed.error}`);
    // SBML substance units must be mole, gram, item or dimensionless: a species in relative or
    // dimensionless units has dimensionless substance.
    if (extraLitre && parsed.unit.dims[0] === 0 && parsed.unit.dims[1] === 0) return 'dimensionless';
    const exps = new Map<string, number>();
    let factor = parsed.unit.scale;
    parsed.unit.dims.forEach((d, i) => {
      if (d === 0) return;
      factor *= DIMENSION_FACTOR[i] ** d;
      for (const [kind, e] of DIMENSION_KINDS[i]) exps.set(kind, (exps.get(kind) ?? 0) + e * d);
    });
    if (extraLitre) exps.set('litre', (exps.get('litre') ?? 0) + extraLitre);
    // Positive exponents first, so the scale lands as a plain multiplier on e.g. mole, not as 1/x on litre.
    const list = [...exps].filter(([, e]) => e !== 0).sort(([a, ea], [b, eb]) => Math.sign(eb) - Math.sign(ea) || a.localeCompare(b));
    if (list.length === 0) list.push(['dimensionless', 1]);
    let base = (extraLitre ? `${unit}_L` : unit).replace(/µ/g, 'u').replace(/%/g, 'percent').replace(/[^A-Za-z0-9_]/g, '_');
    if (/^\d/.test(base)) base = `u_${base}`;
    let id = base;
    while (this.used.has(id) || id === 'litre' || id === 'second' || id === 'mole' || id === 'dimensionless') id += '_';
    this.used.add(id);
    const name = extraLitre ? `${unit}·L` : unit;
    const xml = [`<unitDefinition id="${id}" name="${esc(name)}">`, '  <listOfUnits>'];
    list.forEach(([kind, e], k) => {
      // The whole scale goes into the first unit's multiplier: (m·kind)^e = m^e·kind^e.
      const m = k === 0 ? factor ** (1 / e) : 1;
      xml.push(`    <unit kind="${kind}" exponent="${e}" scale="0" multiplier="${formatMultiplier(m)}"/>`);
    });
    xml.push('  </listOfUnits>', '</unitDefinition>');
    this.byUnit.set(key, { id, xml });
    return id;
  }

  definitions(): string[] {
    return [...this.byUnit.values()].flatMap((d) => d.xml);
  }
}

function formatMultiplier(m: number): string {
  // Round off binary noise from the root (e.g. 0.0010000000000000002 → 0.001).
  const r = Number(m.toPrecision(15));
  return formatNumber(r).replace(/[()]/g, '');
}
