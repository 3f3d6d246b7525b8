/**
 * SBML semantics → ModelSpec. Every SBML symbol (compartment, species, parameter, species
 * reference, reaction) gets one id in the spec that carries its SBML meaning in math, and is one of:
 *
 *   rule   it has an assignment rule (or is a reaction id used in math: its rate)   → spec rule
 *   state  it has a rate rule, is changed by reactions, or by an event            → spec species
 *   const  nothing changes it                                                     → spec parameter
 *
 * A concentration species in a compartment whose size varies is stored as its amount (an extra
 * state `<id>_amount`), and its id becomes the rule amount / size, so a changing volume dilutes it
 * as SBML requires. Otherwise a species is stored as it appears in math (amount if
 * hasOnlySubstanceUnits, else concentration) and a reaction's kinetic law (amount per time) is
 * divided by the compartment size for concentration species.
 *
 * Initial values (attributes, initial assignments, rules at t = 0) are evaluated here, in
 * dependency order, so the spec holds plain numbers.
 */
import type { ModelSpec, ReactionDecl, RuleDecl } from '../model/types.ts';
import { compileMath } from './evaluate.ts';
import { call, num, substitute, sym, symbolsOf, type MathNode } from './math.ts';
import { retime } from './compiler-math.ts';
import { RESERVED_NAMES } from '../model/analyze.ts';
import { printMathjs } from './print.ts';
import { readSbml, type SbmlModel, type SbmlSpecies, type Unsupported } from './read.ts';
import { parseUnit } from '../model/units.ts';
import { divideUnits, hoursPer, resolveUnit, toFerrosimUnit } from './units.ts';
import { SbmlError } from './xml.ts';

export type SymbolKind = 'rule' | 'state' | 'const';

export interface ImportedEvent {
  id: string;
  /** Over spec ids. */
  trigger: MathNode;
  initialValue: boolean;
  assignments: {
    /** Spec id of the state written. */
    target: string;
    /** The value, over spec ids, in the SBML meaning of the assigned variable. */
    math: MathNode;
    /** Set for a concentration species stored as amount: multiply by this compartment after assigning. */
    scaleBy: string | null;
  }[];
  /**
   * Concentration states (species with a rate rule) whose compartment this event resizes: the
   * amount is kept, so the concentration (after this event's own assignment to it, if any) is
   * multiplied by old size / new size.
   */
  rescale: { state: string; compartment: string }[];
}

/** How to read one SBML species from the simulation. */
export interface SpeciesReadout {
  /** Spec id whose value is the species as SBML math sees it. */
  specId: string;
  compartment: string;
  hasOnlySubstanceUnits: boolean;
}

export interface SbmlImport {
  spec: ModelSpec;
  model: SbmlModel;
  /** SBML id → spec id of the symbol that carries its SBML math meaning. */
  ids: ReadonlyMap<string, string>;
  species: ReadonlyMap<string, SpeciesReadout>;
  /** Spec rules in evaluation order, as trees over spec ids (for evaluating outside the compiler). */
  rules: readonly { id: string; math: MathNode }[];
  events: ImportedEvent[];
  /**
   * Hours per SBML time unit. ferrosim's time is in hours: a model declared in seconds is rescaled
   * (rates × 3600, `time` = t·3600), so SBML time T is ferrosim time T · hoursPerTimeUnit.
   */
  hoursPerTimeUnit: number;
  /** Non-empty means the model must not be simulated. */
  unsupported: Unsupported[];
  warnings: string[];
}

export interface ImportOptions {
  /** Keep the SBML time unit instead of rescaling to hours (default false). */
  keepTimeUnit?: boolean;
  /**
   * Make every species an output (default false): a species that is no state (constant, boundary
   * or set by a rule) becomes an observable under its SBML id, and its parameter or rule is named
   * `<id>_value`. Scenarios output species and observables only.
   */
  observeAllSpecies?: boolean;
}

/**
 * Names that mathjs or the model compiler treat specially; SBML ids equal to these are renamed.
 * The compiler's own list (time, its functions, mathjs keywords) plus the mathjs constants.
 */
const RESERVED = new Set([...RESERVED_NAMES, 'e', 'E', 'i', 'pi', 'PI', 'tau', 'phi']);

export function importSbml(xml: string, options: ImportOptions = {}): SbmlImport {
  return convertModel(readSbml(xml), options);
}

export function convertModel(model: SbmlModel, options: ImportOptions = {}): SbmlImport {
  const warnings: string[] = [];
  const unsupported = [...model.unsupported];

  const compartments = new Map(model.compartments.map((c) => [c.id, c]));
  // A 0-dimensional compartment has no size: its species are amounts whatever they declare.
  const pointCompartments = new Set(model.compartments.filter((c) => c.spatialDimensions === 0).map((c) => c.id));
  const speciesList = model.species.map((s) => (pointCompartments.has(s.compartment) ? { ...s, hasOnlySubstanceUnits: true } : s));
  const speciesById = new Map(speciesList.map((s) => [s.id, s]));
  const parameters = new Map(model.parameters.map((p) => [p.id, p]));
  const reactions = new Map(model.reactions.map((r) => [r.id, r]));
  const speciesRefs = new Map<string, { stoichiometry: number; reaction: string }>();
  const localParams = new Map<string, number>();
  for (const r of model.reactions) {
    for (const sr of [...r.reactants, ...r.products]) {
      if (sr.id) speciesRefs.set(sr.id, { stoichiometry: sr.stoichiometry, reaction: r.id });
      if (!speciesById.has(sr.species)) throw new SbmlError(`reaction ${r.id} refers to unknown species '${sr.species}'`);
    }
    for (const lp of r.localParameters) localParams.set(lp.globalId, lp.value);
  }
  for (const s of model.species) {
    if (!compartments.has(s.compartment)) throw new SbmlError(`species ${s.id} is in unknown compartment '${s.compartment}'`);
  }

  const assignmentRule = new Map(model.assignmentRules.map((a) => [a.variable, a.math]));
  const rateRule = new Map(model.rateRules.map((a) => [a.variable, a.math]));
  const initialAssignment = new Map(model.initialAssignments.map((a) => [a.variable, a.math]));
  const eventTargets = new Set(model.events.flatMap((e) => e.assignments.map((a) => a.variable)));
  const reactionStates = new Set<string>();
  for (const r of model.reactions) {
    for (const sr of [...r.reactants, ...r.products]) {
      const s = speciesById.get(sr.species)!;
      if (!s.boundaryCondition && !s.constant) reactionStates.add(s.id);
    }
  }

  // Reaction ids used in math stand for the reaction's rate.
  const mathUsed = new Set<string>();
  const allMath: MathNode[] = [
    ...model.reactions.flatMap((r) => (r.kineticLaw ? [r.kineticLaw] : [])),
    ...model.assignmentRules.map((a) => a.math), ...model.rateRules.map((a) => a.math),
    ...model.initialAssignments.map((a) => a.math),
    ...model.events.flatMap((e) => [e.trigger, ...e.assignments.map((a) => a.math)]),
  ];
  for (const m of allMath) symbolsOf(m, mathUsed);
  const reactionSymbols = [...mathUsed].filter((id) => reactions.has(id));

  const known = (id: string): boolean =>
    compartments.has(id) || speciesById.has(id) || parameters.has(id) || speciesRefs.has(id) || localParams.has(id) || reactions.has(id);
  for (const id of mathUsed) if (!known(id)) throw new SbmlError(`math refers to unknown symbol '${id}'`);
  for (const [what, set] of [['assignment rule', assignmentRule], ['rate rule', rateRule], ['initial assignment', initialAssignment]] as const) {
    for (const id of set.keys()) if (!known(id) || reactions.has(id)) throw new SbmlError(`${what} for unknown or unassignable symbol '${id}'`);
  }
  for (const id of eventTargets) if (!known(id) || reactions.has(id)) throw new SbmlError(`event assignment to unknown or unassignable symbol '${id}'`);

  const kind = (id: string): SymbolKind => {
    if (assignmentRule.has(id) || reactions.has(id)) return 'rule';
    if (rateRule.has(id) || reactionStates.has(id) || eventTargets.has(id)) return 'state';
    return 'const';
  };
  const compartmentVaries = (c: string): boolean => kind(c) !== 'const';
  const storedAsAmount = (s: SbmlSpecies): boolean =>
    !s.hasOnlySubstanceUnits && compartmentVaries(s.compartment) && !assignmentRule.has(s.id) && !rateRule.has(s.id);

  // ---- ids in the spec
  const used = new Set<string>();
  const allocate = (wanted: string): string => {
    // The compiler reserves names starting with `__` (its own and Object.prototype's, such as
    // `__proto__`) and the names in RESERVED; such SBML ids get a prefix or a suffix.
    let id = wanted.startsWith('__') ? `x${wanted}` : wanted;
    while (RESERVED.has(id) || used.has(id)) id += '_';
    used.add(id);
    return id;
  };
  const ids = new Map<string, string>();
  const symbolIds = [
    ...model.compartments.map((c) => c.id), ...model.species.map((s) => s.id), ...model.parameters.map((p) => p.id),
    ...localParams.keys(), ...speciesRefs.keys(), ...reactionSymbols,
  ];
  const observed = new Set(options.observeAllSpecies ? speciesList.filter((sp) => kind(sp.id) !== 'state' && !storedAsAmount(sp)).map((sp) => sp.id) : []);
  for (const id of observed) used.add(id);
  for (const id of symbolIds) ids.set(id, allocate(observed.has(id) ? `${id}_value` : id));
  const amountId = new Map<string, string>();
  for (const s of speciesList) if (storedAsAmount(s)) amountId.set(s.id, allocate(`${s.id}_amount`));
  // ---- time: ferrosim's t is in hours
  let hoursPerTimeUnit = 1;
  const timeUnit = model.modelUnits.time;
  if (!options.keepTimeUnit) {
    const h = timeUnit ? hoursPer(timeUnit, model.unitDefinitions) : null;
    if (h === null) warnings.push(timeUnit ? `time unit '${timeUnit}' is not a time; SBML time is taken as hours` : 'the model declares no time unit; SBML time is taken as hours');
    else hoursPerTimeUnit = h;
  }
  let timeScale: string | null = null;
  if (hoursPerTimeUnit !== 1) timeScale = allocate('sbml_time_per_hour');
  const bind = new Map<string, MathNode>([...ids].map(([k, v]) => [k, sym(v)]));
  const toSpec = (m: MathNode): MathNode => (timeScale === null ? substitute(m, bind) : retime(substitute(m, bind), sym(timeScale)));
  /** A rate per SBML time unit as a rate per hour. */
  const perHour = (m: MathNode): MathNode => (timeScale === null ? m : call('times', sym(timeScale), m));

  // ---- units
  const unitDefs = model.unitDefinitions;
  const mapUnit = (uid: string): string => {
    const u = uid ? resolveUnit(uid, unitDefs) : null;
    return (u && toFerrosimUnit(u)) ?? 'dimensionless';
  };
  const compartmentUnit = (cid: string): string => {
    const c = compartments.get(cid)!;
    return c.units || (c.spatialDimensions === 3 ? model.modelUnits.volume : '');
  };
  const substanceUnit = (s: SbmlSpecies): string => s.units || model.modelUnits.substance;
  /** A ferrosim unit written in the notes ("unit: µM", as ferrosim's export does) wins. */
  const notedUnit = (notes: string): string | null => {
    const m = /^unit: (.+)$/m.exec(notes);
    return m && !('error' in parseUnit(m[1].trim())) ? m[1].trim() : null;
  };
  const unitOf = (id: string): string => {
    if (compartments.has(id)) return mapUnit(compartmentUnit(id));
    const p = parameters.get(id);
    if (p) return notedUnit(p.notes) ?? mapUnit(p.units);
    const s = speciesById.get(id);
    if (!s) return 'dimensionless';
    const noted = notedUnit(s.notes);
    if (noted) return noted;
    if (s.hasOnlySubstanceUnits) return mapUnit(substanceUnit(s));
    const a = resolveUnit(substanceUnit(s), unitDefs);
    const v = resolveUnit(compartmentUnit(s.compartment), unitDefs);
    return (a && v && toFerrosimUnit(divideUnits(a, v))) ?? 'dimensionless';
  };
  const amountUnit = (s: SbmlSpecies): string => mapUnit(substanceUnit(s));
  const specOf = (id: string): string => ids.get(id)!;

  // ---- initial values, in SBML meaning
  const initialExpr = (id: string): MathNode => {
    const ia = initialAssignment.get(id) ?? assignmentRule.get(id);
    if (ia) return ia;
    const c = compartments.get(id);
    if (c) return num(c.size);
    const p = parameters.get(id);
    if (p) return num(p.value);
    const lp = localParams.get(id);
    if (lp !== undefined) return num(lp);
    const s = speciesById.get(id);
    if (s) {
      if (s.initialAmount !== null) {
        return s.hasOnlySubstanceUnits ? num(s.initialAmount) : call('divide', num(s.initialAmount), sym(s.compartment));
      }
      if (s.initialConcentration !== null) {
        return s.hasOnlySubstanceUnits ? call('times', num(s.initialConcentration), sym(s.compartment)) : num(s.initialConcentration);
      }
      return num(NaN);
    }
    const sr = speciesRefs.get(id);
    if (sr) {
      if (Number.isNaN(sr.stoichiometry)) {
        warnings.push(`species reference ${id} has no stoichiometry; using 1`);
        return num(1);
      }
      return num(sr.stoichiometry);
    }
    const r = reactions.get(id);
    if (r) return r.kineticLaw ?? num(0);
    throw new SbmlError(`internal: no initial value for '${id}'`);
  };
  const initial = evaluateInOrder(symbolIds, initialExpr);
  const missing = symbolIds.filter((id) => Number.isNaN(initial.get(id)) && kind(id) !== 'rule' && !pointCompartments.has(id));
  for (const id of missing) warnings.push(`'${id}' has no initial value (NaN)`);

  // ---- spec declarations
  const spec: ModelSpec = {
    name: model.id || model.name || 'sbml-model',
    description: model.name && model.name !== model.id ? model.name : `imported from SBML Level ${model.level} Version ${model.version}`,
    species: {}, parameters: {}, inputs: {}, reactions: {}, rules: {},
  };
  const source = (id: string): string => `SBML ${model.id ? `model ${model.id}, ` : ''}element ${id}`;
  const describe = (id: string): string => {
    const name = compartments.get(id)?.name || speciesById.get(id)?.name || parameters.get(id)?.name || '';
    return name && name !== id ? name : id;
  };
  const rules: { id: string; math: MathNode }[] = [];
  for (const id of symbolIds) {
    const sid = specOf(id);
    const s = speciesById.get(id);
    if (s && amountId.has(id)) {
      const aid = amountId.get(id)!;
      const amount = initial.get(id)! * initial.get(s.compartment)!;
      const unit = amountUnit(s);
      if (kind(id) === 'state') spec.species[aid] = { initial: amount, unit, description: `amount of ${describe(id)}`, source: source(id) };
      else spec.parameters[aid] = { value: amount, unit, source: source(id), description: `amount of ${describe(id)}` };
      rules.push({ id: sid, math: call('divide', sym(aid), sym(specOf(s.compartment))) });
      continue;
    }
    switch (kind(id)) {
      case 'rule': {
        const m = assignmentRule.get(id) ?? reactions.get(id)?.kineticLaw ?? num(0);
        rules.push({ id: sid, math: toSpec(m) });
        break;
      }
      case 'state':
        spec.species[sid] = { initial: initial.get(id)!, unit: unitOf(id), description: describe(id), source: source(id) };
        break;
      case 'const':
        // A compartment without a size (e.g. 0-dimensional) that no math reads needs no declaration.
        if (compartments.has(id) && Number.isNaN(initial.get(id)) && !mathUsed.has(id)) break;
        // A parameter declared non-constant that nothing in the model changes is set from outside:
        // an input, so scenarios can schedule it (ferrosim's own export writes inputs this way).
        if (parameters.get(id)?.constant === false) {
          spec.inputs[sid] = { default: initial.get(id)!, unit: unitOf(id), description: describe(id) };
        } else {
          spec.parameters[sid] = { value: initial.get(id)!, unit: unitOf(id), source: source(id), description: describe(id) };
        }
        break;
    }
  }
  if (timeScale !== null) {
    const t = timeUnit && toFerrosimUnit(resolveUnit(timeUnit, unitDefs)!);
    spec.parameters[timeScale] = {
      value: 1 / hoursPerTimeUnit,
      unit: t ? `${t}/h` : 'dimensionless',
      source: `SBML model time unit '${timeUnit}'`,
      description: 'SBML time units per hour (rates and time are rescaled to hours); do not change',
    };
  }
  const printSpec = (m: MathNode): string => printMathjs(m, (x) => x);
  if (observed.size > 0) {
    spec.observables = Object.fromEntries([...observed].map((id) => [id, {
      expression: specOf(id), unit: unitOf(id), description: `${describe(id)} (${kind(id) === 'rule' ? 'set by a rule' : 'constant'})`,
    }]));
  }
  const orderedRules = sortRules(rules);
  for (const r of orderedRules) (spec.rules as Record<string, RuleDecl>)[r.id] = { expression: printSpec(r.math) };

  // ---- reactions: one spec reaction per (SBML reaction, scaling) group
  const specReactions = spec.reactions as Record<string, ReactionDecl>;
  for (const r of model.reactions) {
    if (!r.kineticLaw) continue;
    const kl = perHour(toSpec(r.kineticLaw));
    const groups = new Map<string, { rate: MathNode; stoichiometry: Record<string, number> }>();
    const contribute = (srId: string | null, speciesId: string, sign: number, stoichiometry: number): void => {
      if (!reactionStates.has(speciesId)) return;
      const s = speciesById.get(speciesId)!;
      if (assignmentRule.has(speciesId) || rateRule.has(speciesId)) return;
      let rate = kl;
      let target = specOf(speciesId);
      let key = '';
      if (amountId.has(speciesId)) target = amountId.get(speciesId)!;
      else if (!s.hasOnlySubstanceUnits) {
        rate = call('divide', rate, sym(specOf(s.compartment)));
        key += `/${s.compartment}`;
      }
      let factor = stoichiometry;
      if (srId !== null && kind(srId) !== 'const') {
        rate = call('times', sym(specOf(srId)), rate);
        key += `*${srId}`;
        factor = 1;
      }
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rate, stoichiometry: {} }));
      g.stoichiometry[target] = (g.stoichiometry[target] ?? 0) + sign * factor;
    };
    for (const sr of r.reactants) contribute(sr.id, sr.species, -1, stoich(sr.id, sr.stoichiometry));
    for (const sr of r.products) contribute(sr.id, sr.species, 1, stoich(sr.id, sr.stoichiometry));
    let k = 0;
    for (const g of groups.values()) {
      for (const [sid, v] of Object.entries(g.stoichiometry)) if (v === 0) delete g.stoichiometry[sid];
      if (Object.keys(g.stoichiometry).length === 0) continue;
      const rid = allocate(k === 0 ? r.id : `${r.id}_${k}`);
      k++;
      specReactions[rid] = { rate: printSpec(g.rate), stoichiometry: g.stoichiometry, description: r.name || r.id };
    }
  }
  function stoich(srId: string | null, attr: number): number {
    if (srId !== null) return initial.get(srId)!;
    if (Number.isNaN(attr)) {
      warnings.push('a species reference has no stoichiometry; using 1');
      return 1;
    }
    return attr;
  }
  for (const rr of model.rateRules) {
    const target = specOf(rr.variable);
    specReactions[allocate(`rate_${rr.variable}`)] = {
      rate: printSpec(perHour(toSpec(rr.math))),
      stoichiometry: { [target]: 1 },
      description: `rate rule for ${rr.variable}`,
    };
  }

  // ---- events
  const events: ImportedEvent[] = model.events.map((e) => ({
    id: e.id,
    trigger: toSpec(e.trigger),
    initialValue: e.initialValue,
    assignments: e.assignments.map((a) => {
      const s = speciesById.get(a.variable);
      const aid = s ? amountId.get(s.id) : undefined;
      return aid
        ? { target: aid, math: toSpec(a.math), scaleBy: specOf(s!.compartment) }
        : { target: specOf(a.variable), math: toSpec(a.math), scaleBy: null };
    }),
    rescale: speciesList
      .filter((s) => !s.hasOnlySubstanceUnits && rateRule.has(s.id) && !amountId.has(s.id))
      .filter((s) => e.assignments.some((a) => a.variable === s.compartment))
      .map((s) => ({ state: specOf(s.id), compartment: specOf(s.compartment) })),
  }));

  const species = new Map<string, SpeciesReadout>(speciesList.map((s) => [
    s.id, { specId: specOf(s.id), compartment: specOf(s.compartment), hasOnlySubstanceUnits: s.hasOnlySubstanceUnits },
  ]));
  return { spec, model, ids, species, rules: orderedRules, events, hoursPerTimeUnit, unsupported, warnings };
}

/** Evaluates `expr(id)` for every id, each after the symbols it reads (t = 0). */
function evaluateInOrder(ids: readonly string[], expr: (id: string) => MathNode): Map<string, number> {
  const values = new Map<string, number>();
  const visiting = new Set<string>();
  const slots: string[] = [];
  const v: number[] = [];
  const visit = (id: string): void => {
    if (values.has(id)) return;
    if (visiting.has(id)) throw new SbmlError(`circular dependency in initial values involving '${id}'`);
    visiting.add(id);
    const m = expr(id);
    for (const dep of symbolsOf(m)) visit(dep);
    const f = compileMath(m, (name) => slots.indexOf(name));
    const value = f(Float64Array.from(v), 0);
    slots.push(id);
    v.push(value);
    values.set(id, value);
    visiting.delete(id);
  };
  for (const id of ids) visit(id);
  return values;
}

/** Orders rules so each comes after the rules it reads; SBML forbids cycles. */
function sortRules(rules: { id: string; math: MathNode }[]): { id: string; math: MathNode }[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: { id: string; math: MathNode }[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 2) return;
    if (s === 1) throw new SbmlError(`assignment rules form a cycle through '${id}'`);
    state.set(id, 1);
    const r = byId.get(id)!;
    for (const dep of symbolsOf(r.math)) if (byId.has(dep)) visit(dep);
    state.set(id, 2);
    out.push(r);
  };
  for (const r of rules) visit(r.id);
  return out;
}
