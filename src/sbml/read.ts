/**
 * Reads an SBML Level 3 document into plain records (no semantics yet), collecting every construct
 * outside the supported subset with its element id instead of stopping at the first one.
 */
import { lower } from './lower.ts';
import { nameSharedParts } from './share.ts';
import { parseLambda, parseMath, substitute, UnsupportedMath, type FunctionDef, type MathNode } from './math.ts';
import type { SbmlUnitTerm } from './units.ts';
import { child, childrenOf, localName, parseXml, SbmlError, type XmlElement } from './xml.ts';

export interface Unsupported {
  /** What it is, e.g. "algebraic rule", "event delay", "package comp". */
  construct: string;
  /** Element id (or the id of the nearest element that has one). */
  id: string;
}

export interface SbmlCompartment { id: string; name: string; size: number; constant: boolean; spatialDimensions: number; units: string }
export interface SbmlSpecies {
  id: string; name: string; compartment: string;
  initialAmount: number | null; initialConcentration: number | null;
  hasOnlySubstanceUnits: boolean; boundaryCondition: boolean; constant: boolean; units: string; notes: string;
}
export interface SbmlParameter { id: string; name: string; value: number; constant: boolean; units: string; notes: string }
export interface SbmlSpeciesRef { id: string | null; species: string; stoichiometry: number; constant: boolean }
export interface SbmlReaction {
  id: string; name: string;
  reactants: SbmlSpeciesRef[]; products: SbmlSpeciesRef[];
  /** In amount per time; local parameters already renamed to their global ids. */
  kineticLaw: MathNode | null;
  localParameters: { id: string; globalId: string; value: number }[];
}
export interface SbmlAssignment { variable: string; math: MathNode }
export interface SbmlEvent {
  id: string;
  trigger: MathNode;
  initialValue: boolean;
  persistent: boolean;
  assignments: SbmlAssignment[];
}

export interface SbmlModel {
  id: string;
  name: string;
  level: number;
  version: number;
  unitDefinitions: Map<string, SbmlUnitTerm[]>;
  /** The model's default units (attributes of <model>), by role. */
  modelUnits: { substance: string; time: string; volume: string; extent: string };
  compartments: SbmlCompartment[];
  species: SbmlSpecies[];
  parameters: SbmlParameter[];
  reactions: SbmlReaction[];
  initialAssignments: SbmlAssignment[];
  assignmentRules: SbmlAssignment[];
  rateRules: SbmlAssignment[];
  events: SbmlEvent[];
  unsupported: Unsupported[];
}

/** An SBML double attribute; the suite writes INF, -INF and NaN for non-finite values. */
const NUM_OR_NAN = (s: string | undefined): number => {
  if (s === undefined) return NaN;
  const t = s.trim().toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return Number(s);
};
const numberOr = (s: string | undefined, dflt: number): number => (s === undefined ? dflt : Number(s));
const BOOL = (s: string | undefined, dflt: boolean): boolean => (s === undefined ? dflt : s === 'true' || s === '1');

export function readSbml(xml: string): SbmlModel {
  const root = parseXml(xml);
  if (localName(root) !== 'sbml') throw new SbmlError(`the root element is <${root.name}>, expected <sbml>`);
  const level = Number(root.attrs.level);
  const version = Number(root.attrs.version);
  const supported = (level === 2 && version >= 1 && version <= 5) || (level === 3 && (version === 1 || version === 2));
  if (!supported) {
    throw new SbmlError(`SBML Level ${root.attrs.level ?? '?'} Version ${root.attrs.version ?? '?'} is not supported (supported: Level 2 Versions 1–5, Level 3 Versions 1–2); convert it with libsbml's converters`);
  }
  const l2 = level === 2;
  const modelEl = child(root, 'model');
  if (!modelEl) throw new SbmlError('the document has no <model>');

  checkUniqueIds(modelEl);
  const unsupported: Unsupported[] = [];
  const modelId = modelEl.attrs.id ?? '(model)';
  // Layout and render only draw the model; every other package changes what it means.
  const harmless = /\/level3\/version\d\/(layout|render)\//;
  const harmlessPrefixes = new Set<string>();
  for (const [k, v] of Object.entries(root.attrs)) {
    if (!k.startsWith('xmlns:') || !/sbml\.org\/sbml\/level3\/version\d\/(?!core)/.test(v)) continue;
    if (harmless.test(v)) harmlessPrefixes.add(k.slice(6));
    else unsupported.push({ construct: `package ${k.slice(6)}`, id: modelId });
  }
  for (const el of modelEl.children) {
    const prefix = el.name.includes(':') ? el.name.slice(0, el.name.indexOf(':')) : null;
    if (prefix !== null && !harmlessPrefixes.has(prefix)) unsupported.push({ construct: `package element <${el.name}>`, id: el.attrs.id ?? modelId });
  }

  // Function definitions may call earlier ones; each is inlined into its users.
  const functions = new Map<string, FunctionDef>();
  for (const fd of childrenOf(modelEl, 'listOfFunctionDefinitions', 'functionDefinition')) {
    const id = fd.attrs.id;
    const mathEl = child(fd, 'math');
    if (!mathEl) continue;
    try {
      functions.set(id, parseLambda(mathEl, functions, `functionDefinition ${id}`));
    } catch (e) {
      if (!(e instanceof UnsupportedMath)) throw e;
      unsupported.push({ construct: e.message, id });
    }
  }
  // One memo for the document: a function call's instance used in two places is lowered once.
  const lowered = new Map<MathNode, MathNode>();
  const math = (parent: XmlElement, where: string, id: string): MathNode | null => {
    const m = child(parent, 'math');
    if (!m) return null;
    try {
      return lower(parseMath(m, functions, where), lowered);
    } catch (e) {
      if (!(e instanceof UnsupportedMath)) throw e;
      unsupported.push({ construct: e.message, id });
      return null;
    }
  };

  const unitDefinitions = new Map<string, SbmlUnitTerm[]>();
  for (const ud of childrenOf(modelEl, 'listOfUnitDefinitions', 'unitDefinition')) {
    unitDefinitions.set(ud.attrs.id, childrenOf(ud, 'listOfUnits', 'unit').map((u) => ({
      kind: u.attrs.kind, exponent: numberOr(u.attrs.exponent, 1), scale: numberOr(u.attrs.scale, 0), multiplier: numberOr(u.attrs.multiplier, 1),
    })));
  }
  // Level 2 has built-in unit ids a model may redefine: substance, time, volume, area, length.
  if (l2) for (const [id, terms] of L2_BUILTIN_UNITS) if (!unitDefinitions.has(id)) unitDefinitions.set(id, terms);
  const modelUnits = l2
    ? { substance: 'substance', time: 'time', volume: 'volume', extent: 'substance' }
    : {
      substance: modelEl.attrs.substanceUnits ?? '', time: modelEl.attrs.timeUnits ?? '',
      volume: modelEl.attrs.volumeUnits ?? '', extent: modelEl.attrs.extentUnits ?? '',
    };

  const compartments = childrenOf(modelEl, 'listOfCompartments', 'compartment').map((c): SbmlCompartment => ({
    id: c.attrs.id, name: c.attrs.name ?? '', size: NUM_OR_NAN(c.attrs.size), constant: BOOL(c.attrs.constant, true),
    spatialDimensions: c.attrs.spatialDimensions === undefined ? 3 : Number(c.attrs.spatialDimensions),
    units: c.attrs.units ?? (l2 ? L2_COMPARTMENT_UNITS[Number(c.attrs.spatialDimensions ?? 3)] ?? '' : ''),
  }));
  const species = childrenOf(modelEl, 'listOfSpecies', 'species').map((s): SbmlSpecies => {
    if (s.attrs.conversionFactor) unsupported.push({ construct: 'species conversionFactor', id: s.attrs.id });
    return {
      id: s.attrs.id, name: s.attrs.name ?? '', compartment: s.attrs.compartment,
      initialAmount: s.attrs.initialAmount === undefined ? null : NUM_OR_NAN(s.attrs.initialAmount),
      initialConcentration: s.attrs.initialConcentration === undefined ? null : NUM_OR_NAN(s.attrs.initialConcentration),
      hasOnlySubstanceUnits: BOOL(s.attrs.hasOnlySubstanceUnits, false),
      boundaryCondition: BOOL(s.attrs.boundaryCondition, false),
      constant: BOOL(s.attrs.constant, false), units: s.attrs.substanceUnits ?? (l2 ? 'substance' : ''), notes: notesText(s),
    };
  });
  if (modelEl.attrs.conversionFactor) unsupported.push({ construct: 'model conversionFactor', id: modelId });
  const parameters = childrenOf(modelEl, 'listOfParameters', 'parameter').map((p): SbmlParameter => ({
    id: p.attrs.id, name: p.attrs.name ?? '', value: NUM_OR_NAN(p.attrs.value), constant: BOOL(p.attrs.constant, true),
    units: p.attrs.units ?? '', notes: notesText(p),
  }));

  const globalIds = new Set<string>([...compartments, ...species, ...parameters].map((x) => x.id));
  const reactions: SbmlReaction[] = [];
  for (const r of childrenOf(modelEl, 'listOfReactions', 'reaction')) {
    const rid = r.attrs.id;
    if (BOOL(r.attrs.fast, false)) unsupported.push({ construct: 'fast reaction', id: rid });
    if (r.attrs.compartment === undefined) { /* optional in L3; irrelevant for ODE semantics */ }
    const refs = (list: string): SbmlSpeciesRef[] =>
      childrenOf(r, list, 'speciesReference').map((sr) => {
        if (child(sr, 'stoichiometryMath')) unsupported.push({ construct: 'stoichiometryMath', id: sr.attrs.id ?? rid });
        const id = sr.attrs.id ?? null;
        if (id) globalIds.add(id);
        return {
          id, species: sr.attrs.species,
          // L2 defaults to 1. L3 has no default; an absent stoichiometry with no rule or assignment
          // is taken as 1, as libsbml's simulators do.
          stoichiometry: l2 ? numberOr(sr.attrs.stoichiometry, 1) : NUM_OR_NAN(sr.attrs.stoichiometry),
          constant: BOOL(sr.attrs.constant, true),
        };
      });
    const reactants = refs('listOfReactants');
    const products = refs('listOfProducts');
    const kl = child(r, 'kineticLaw');
    const localParameters: SbmlReaction['localParameters'] = [];
    let kineticLaw: MathNode | null = null;
    if (kl) {
      const locals = [...childrenOf(kl, 'listOfLocalParameters', 'localParameter'), ...childrenOf(kl, 'listOfParameters', 'parameter')];
      for (const lp of locals) localParameters.push({ id: lp.attrs.id, globalId: '', value: NUM_OR_NAN(lp.attrs.value) });
      kineticLaw = math(kl, `reaction ${rid} kineticLaw`, rid);
    }
    reactions.push({ id: rid, name: r.attrs.name ?? '', reactants, products, kineticLaw, localParameters });
    globalIds.add(rid);
  }
  // Local parameters become global ones with unique names; they may shadow species ids locally.
  for (const r of reactions) {
    if (r.localParameters.length === 0) continue;
    const bind = new Map<string, MathNode>();
    for (const lp of r.localParameters) {
      let gid = `${r.id}_${lp.id}`;
      while (globalIds.has(gid)) gid += '_';
      globalIds.add(gid);
      lp.globalId = gid;
      bind.set(lp.id, { kind: 'sym', name: gid });
    }
    if (r.kineticLaw) r.kineticLaw = substitute(r.kineticLaw, bind);
  }

  const initialAssignments: SbmlAssignment[] = [];
  for (const ia of childrenOf(modelEl, 'listOfInitialAssignments', 'initialAssignment')) {
    const m = math(ia, `initialAssignment ${ia.attrs.symbol}`, ia.attrs.symbol);
    if (m) initialAssignments.push({ variable: ia.attrs.symbol, math: m });
  }
  const assignmentRules: SbmlAssignment[] = [];
  const rateRules: SbmlAssignment[] = [];
  const rules = child(modelEl, 'listOfRules');
  for (const rule of rules?.children ?? []) {
    const variable = rule.attrs.variable ?? rule.attrs.id ?? '(algebraic rule)';
    if (rule.name === 'algebraicRule') {
      unsupported.push({ construct: 'algebraic rule', id: rule.attrs.id ?? rule.attrs.metaid ?? '(no id)' });
      continue;
    }
    const m = math(rule, `${rule.name} ${variable}`, variable);
    if (!m) continue;
    if (rule.name === 'assignmentRule') assignmentRules.push({ variable, math: m });
    else if (rule.name === 'rateRule') rateRules.push({ variable, math: m });
  }

  const events: SbmlEvent[] = [];
  childrenOf(modelEl, 'listOfEvents', 'event').forEach((ev, k) => {
    const id = ev.attrs.id ?? `event${k + 1}`;
    if (child(ev, 'delay')) unsupported.push({ construct: 'event delay', id });
    if (child(ev, 'priority')) unsupported.push({ construct: 'event priority', id });
    const trig = child(ev, 'trigger');
    const trigger = trig ? math(trig, `event ${id} trigger`, id) : null;
    // Level 2 has neither attribute; its semantics are initialValue = true and persistent = true.
    const persistent = BOOL(trig?.attrs.persistent, true);
    if (!persistent) unsupported.push({ construct: 'non-persistent event trigger', id });
    const assignments: SbmlAssignment[] = [];
    for (const ea of childrenOf(ev, 'listOfEventAssignments', 'eventAssignment')) {
      const m = math(ea, `event ${id} assignment to ${ea.attrs.variable}`, id);
      if (m) assignments.push({ variable: ea.attrs.variable, math: m });
    }
    // L3V2 allows an event without a trigger; it never fires.
    if (trigger) events.push({ id, trigger, initialValue: BOOL(trig?.attrs.initialValue, true), persistent, assignments });
  });

  // Nested function definitions: name the shared parts of very large expressions (share.ts).
  const slots: { get: () => MathNode; set: (m: MathNode) => void }[] = [
    ...reactions.filter((r) => r.kineticLaw).map((r) => ({ get: () => r.kineticLaw!, set: (m: MathNode) => (r.kineticLaw = m) })),
    ...[...initialAssignments, ...assignmentRules, ...rateRules].map((a) => ({ get: () => a.math, set: (m: MathNode) => (a.math = m) })),
    ...events.flatMap((e) => [
      { get: () => e.trigger, set: (m: MathNode) => (e.trigger = m) },
      ...e.assignments.map((a) => ({ get: () => a.math, set: (m: MathNode) => (a.math = m) })),
    ]),
  ];
  let k = 0;
  const shared = nameSharedParts(slots.map((x) => x.get()), () => {
    let id: string;
    do id = `shared_subexpression_${++k}`; while (globalIds.has(id));
    return id;
  });
  if (shared) {
    shared.exprs.forEach((m, i) => slots[i].set(m));
    for (const r of shared.rules) {
      parameters.push({ id: r.id, name: '', value: NaN, constant: false, units: '', notes: 'a part shared by nested function definitions, named once' });
      assignmentRules.push({ variable: r.id, math: r.math });
    }
  }

  return {
    id: modelEl.attrs.id ?? '', name: modelEl.attrs.name ?? '', level, version, unitDefinitions, modelUnits,
    compartments, species, parameters, reactions, initialAssignments, assignmentRules, rateRules, events, unsupported,
  };
}

/** The elements whose ids share the model's one namespace (SBML L3V2 section 3.3; L2V4 section 3.5). */
const ID_LISTS: readonly [list: string, item: string, what: string][] = [
  ['listOfFunctionDefinitions', 'functionDefinition', 'function definition'],
  ['listOfCompartmentTypes', 'compartmentType', 'compartment type'],
  ['listOfSpeciesTypes', 'speciesType', 'species type'],
  ['listOfCompartments', 'compartment', 'compartment'],
  ['listOfSpecies', 'species', 'species'],
  ['listOfParameters', 'parameter', 'parameter'],
  ['listOfReactions', 'reaction', 'reaction'],
  ['listOfEvents', 'event', 'event'],
];

/**
 * Refuses a document in which two elements share an id (SBML requires them unique): which one a
 * symbol means would otherwise depend on the order we happen to read them in. Unit definitions
 * have their own namespace, and a kinetic law's local parameters theirs.
 */
function checkUniqueIds(modelEl: XmlElement): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const claim = (id: string | undefined, what: string, space: Map<string, string> = seen): void => {
    if (id === undefined) return;
    const before = space.get(id);
    if (before !== undefined) problems.push(`id '${id}' is used twice (${before === what ? `two ${what} elements` : `a ${before} and a ${what}`})`);
    else space.set(id, what);
  };
  for (const [list, item, what] of ID_LISTS) for (const el of childrenOf(modelEl, list, item)) claim(el.attrs.id, what);
  for (const r of childrenOf(modelEl, 'listOfReactions', 'reaction')) {
    for (const list of ['listOfReactants', 'listOfProducts']) for (const sr of childrenOf(r, list, 'speciesReference')) claim(sr.attrs.id, 'species reference');
    for (const mr of childrenOf(r, 'listOfModifiers', 'modifierSpeciesReference')) claim(mr.attrs.id, 'species reference');
    const kl = child(r, 'kineticLaw');
    const locals = new Map<string, string>();
    if (kl) {
      for (const lp of [...childrenOf(kl, 'listOfLocalParameters', 'localParameter'), ...childrenOf(kl, 'listOfParameters', 'parameter')]) {
        claim(lp.attrs.id, `local parameter of reaction ${r.attrs.id ?? ''}`.trim(), locals);
      }
    }
  }
  const units = new Map<string, string>();
  for (const ud of childrenOf(modelEl, 'listOfUnitDefinitions', 'unitDefinition')) claim(ud.attrs.id, 'unit definition', units);
  if (problems.length > 0) {
    throw new SbmlError(`duplicate ids (SBML ids must be unique within a model; rename one of each pair):\n  ${problems.join('\n  ')}`);
  }
}

/** Level 2's predefined units (SBML L2V4 section 4.4.3), used unless the model redefines them. */
const L2_BUILTIN_UNITS: readonly [string, SbmlUnitTerm[]][] = [
  ['substance', [{ kind: 'mole', exponent: 1, scale: 0, multiplier: 1 }]],
  ['time', [{ kind: 'second', exponent: 1, scale: 0, multiplier: 1 }]],
  ['volume', [{ kind: 'litre', exponent: 1, scale: 0, multiplier: 1 }]],
  ['area', [{ kind: 'metre', exponent: 2, scale: 0, multiplier: 1 }]],
  ['length', [{ kind: 'metre', exponent: 1, scale: 0, multiplier: 1 }]],
];
/** A Level 2 compartment's default units by spatial dimensions. */
const L2_COMPARTMENT_UNITS: Record<number, string> = { 3: 'volume', 2: 'area', 1: 'length' };

/** Plain text of an element's <notes> (XHTML tags dropped), one line per text block. */
function notesText(el: XmlElement): string {
  const notes = child(el, 'notes');
  if (!notes) return '';
  const parts: string[] = [];
  const walk = (e: XmlElement): void => {
    if (e.text) parts.push(e.text);
    e.children.forEach(walk);
  };
  walk(notes);
  return parts.join('\n').trim();
}
