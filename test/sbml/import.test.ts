import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/index.ts';
import { createRuntime, importSbml, modelFromSbml, SbmlError } from '../../src/sbml/index.ts';
import { solve } from '../../src/solver/index.ts';
import { TIME, apply, ci, cn, math, sbmlDoc } from './helpers.ts';

const compartment = (id: string, size: number, constant = true) =>
  `<compartment id="${id}" spatialDimensions="3" size="${size}" constant="${constant}"/>`;
const species = (id: string, c: string, attrs: string) =>
  `<species id="${id}" compartment="${c}" ${attrs} boundaryCondition="false" constant="false"/>`;

/** Imports, compiles and solves; returns a reader of SBML ids at the saved times. */
function simulate(xml: string, times: number[]) {
  const imp = importSbml(xml);
  expect(imp.unsupported).toEqual([]);
  const model = compileModel(imp.spec, { mode: 'codegen' });
  const problem = model.toProblem({ tspan: [0, times[times.length - 1]] });
  const rt = createRuntime(imp, model, problem.p, problem.u);
  rt.fireInitialEvents(0, problem.y0);
  const sol = solve(problem, { rtol: 1e-10, atol: 1e-12, saveAt: times, events: rt.eventSpec });
  expect(sol.status).toBe('success');
  const n = model.speciesIds.length;
  return {
    imp,
    sol,
    read(i: number, id: string, as: 'amount' | 'concentration' | 'value' = 'value') {
      rt.fill(sol.t[i], sol.y.subarray(i * n, (i + 1) * n));
      return rt.read(id, as);
    },
  };
}

describe('unsupported constructs', () => {
  it('lists every unsupported construct with its element id instead of simulating', () => {
    const xml = sbmlDoc(`
    <listOfCompartments>${compartment('c', 1)}</listOfCompartments>
    <listOfSpecies>${species('S', 'c', 'initialAmount="1" hasOnlySubstanceUnits="false"')}</listOfSpecies>
    <listOfParameters><parameter id="p" value="1" constant="false"/><parameter id="q" value="1" constant="false"/></listOfParameters>
    <listOfRules>
      <algebraicRule id="alg1">${math(apply('minus', ci('p'), ci('q')))}</algebraicRule>
      <assignmentRule variable="q">${math(`<apply><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/delay"> delay </csymbol>${ci('S')}${cn(1)}</apply>`)}</assignmentRule>
    </listOfRules>
    <listOfReactions>
      <reaction id="fastR" reversible="false" fast="true">
        <listOfReactants><speciesReference id="sr1" species="S" constant="true"><stoichiometryMath>${math(cn(1))}</stoichiometryMath></speciesReference></listOfReactants>
        <kineticLaw>${math(ci('S'))}</kineticLaw>
      </reaction>
    </listOfReactions>
    <listOfEvents>
      <event id="ev1"><trigger initialValue="true" persistent="false">${math(apply('gt', TIME, cn(1)))}</trigger>
        <delay>${math(cn(1))}</delay><priority>${math(cn(1))}</priority>
        <listOfEventAssignments><eventAssignment variable="p">${math(cn(2))}</eventAssignment></listOfEventAssignments></event>
    </listOfEvents>`, ' xmlns:comp="http://www.sbml.org/sbml/level3/version1/comp/version1"');
    const imp = importSbml(xml);
    const found = imp.unsupported.map((u) => `${u.construct} @ ${u.id}`).sort();
    expect(found).toEqual([
      'algebraic rule @ alg1',
      'csymbol http://www.sbml.org/sbml/symbols/delay @ q',
      'event delay @ ev1',
      'event priority @ ev1',
      'fast reaction @ fastR',
      'non-persistent event trigger @ ev1',
      'package comp @ test',
      'stoichiometryMath @ sr1',
    ]);
  });

  it('rejects malformed XML with its line, and SBML levels other than L2V1–V5 and L3V1–V2', () => {
    expect(() => importSbml('<sbml level="3" version="2">\n<model>\n</sbml>')).toThrow(/not well-formed XML at line 3/);
    for (const [level, version] of [[1, 2], [2, 6], [3, 3]]) {
      const doc = `<sbml level="${level}" version="${version}"><model/></sbml>`;
      expect(() => importSbml(doc)).toThrow(SbmlError);
      expect(() => importSbml(doc)).toThrow(
        `SBML Level ${level} Version ${version} is not supported (supported: Level 2 Versions 1–5, Level 3 Versions 1–2); convert it with libsbml's converters`,
      );
    }
    expect(importSbml('<sbml level="2" version="4"><model id="m"/></sbml>').spec.name).toBe('m');
  });

  it('names an undefined symbol', () => {
    const xml = sbmlDoc(`<listOfParameters><parameter id="x" constant="false"/></listOfParameters>
      <listOfRules><assignmentRule variable="x">${math(apply('times', ci('k9'), cn(2)))}</assignmentRule></listOfRules>`);
    expect(() => importSbml(xml)).toThrow("math refers to unknown symbol 'k9'");
  });
});

describe('SBML semantics', () => {
  it('divides kinetic laws by the compartment size for concentration species', () => {
    // S1 → S2 with rate k·S1·V in amount/time; in a 2 L compartment d[S1]/dt = −k[S1].
    const xml = sbmlDoc(`
    <listOfCompartments>${compartment('V', 2)}</listOfCompartments>
    <listOfSpecies>${species('S1', 'V', 'initialConcentration="1" hasOnlySubstanceUnits="false"')}${species('S2', 'V', 'initialAmount="0" hasOnlySubstanceUnits="true"')}</listOfSpecies>
    <listOfParameters><parameter id="k" value="0.5" constant="true"/></listOfParameters>
    <listOfReactions><reaction id="r" reversible="false">
      <listOfReactants><speciesReference species="S1" stoichiometry="1" constant="true"/></listOfReactants>
      <listOfProducts><speciesReference species="S2" stoichiometry="2" constant="true"/></listOfProducts>
      <kineticLaw>${math(apply('times', ci('k'), ci('S1'), ci('V')))}</kineticLaw></reaction></listOfReactions>`);
    const r = simulate(xml, [0, 1, 2]);
    for (const [i, t] of [[1, 1], [2, 2]]) {
      expect(r.read(i, 'S1', 'concentration')).toBeCloseTo(Math.exp(-0.5 * t), 9);
      expect(r.read(i, 'S1', 'amount')).toBeCloseTo(2 * Math.exp(-0.5 * t), 9);
      // S2 is in amounts: two per reaction event, and S1's amount is 2·[S1].
      expect(r.read(i, 'S2', 'amount')).toBeCloseTo(2 * 2 * (1 - Math.exp(-0.5 * t)), 9);
    }
  });

  it('dilutes a concentration species when its compartment grows by a rate rule', () => {
    const xml = sbmlDoc(`
    <listOfCompartments>${compartment('V', 1, false)}</listOfCompartments>
    <listOfSpecies>${species('S', 'V', 'initialConcentration="3" hasOnlySubstanceUnits="false"')}</listOfSpecies>
    <listOfRules><rateRule variable="V">${math(cn(0.5))}</rateRule></listOfRules>`);
    const r = simulate(xml, [0, 2, 4]);
    expect(r.read(2, 'V')).toBeCloseTo(3, 10);
    expect(r.read(2, 'S', 'concentration')).toBeCloseTo(1, 10);
    expect(r.read(2, 'S', 'amount')).toBeCloseTo(3, 10);
  });

  it('renames local parameters that shadow a global id', () => {
    const xml = sbmlDoc(`
    <listOfCompartments>${compartment('c', 1)}</listOfCompartments>
    <listOfSpecies>${species('S', 'c', 'initialAmount="1" hasOnlySubstanceUnits="true"')}</listOfSpecies>
    <listOfParameters><parameter id="k" value="100" constant="true"/></listOfParameters>
    <listOfReactions><reaction id="r" reversible="false">
      <listOfReactants><speciesReference species="S" stoichiometry="1" constant="true"/></listOfReactants>
      <kineticLaw>${math(apply('times', ci('k'), ci('S')))}<listOfLocalParameters><localParameter id="k" value="0.25"/></listOfLocalParameters></kineticLaw>
    </reaction></listOfReactions>`);
    const r = simulate(xml, [0, 4]);
    expect(Object.keys(r.imp.spec.parameters).sort()).toEqual(['c', 'k', 'r_k']);
    expect(r.read(1, 'S')).toBeCloseTo(Math.exp(-1), 9);
  });

  it('evaluates initial assignments in dependency order, including compartment sizes', () => {
    const xml = sbmlDoc(`
    <listOfCompartments><compartment id="V" spatialDimensions="3" constant="true"/></listOfCompartments>
    <listOfSpecies>${species('S', 'V', 'initialAmount="6" hasOnlySubstanceUnits="false"')}</listOfSpecies>
    <listOfParameters><parameter id="a" constant="true"/><parameter id="b" value="1" constant="true"/></listOfParameters>
    <listOfInitialAssignments>
      <initialAssignment symbol="V">${math(apply('times', ci('a'), cn(2)))}</initialAssignment>
      <initialAssignment symbol="a">${math(apply('plus', ci('b'), cn(0.5)))}</initialAssignment>
    </listOfInitialAssignments>`);
    const imp = importSbml(xml);
    expect(imp.spec.parameters.V.value).toBe(3);
    // initialAmount 6 in V = 3: the concentration is 2 (V's size is known only after its assignment).
    expect(imp.spec.parameters.S.value).toBe(2);
  });

  it('fires a threshold event each time its trigger turns true, with the state reset', () => {
    // dS/dt = −S from 1; when S < 0.5, S = 1: events every ln 2.
    const xml = sbmlDoc(`
    <listOfCompartments>${compartment('c', 1)}</listOfCompartments>
    <listOfSpecies>${species('S', 'c', 'initialAmount="1" hasOnlySubstanceUnits="true"')}</listOfSpecies>
    <listOfReactions><reaction id="decay" reversible="false">
      <listOfReactants><speciesReference species="S" stoichiometry="1" constant="true"/></listOfReactants>
      <kineticLaw>${math(ci('S'))}</kineticLaw></reaction></listOfReactions>
    <listOfEvents><event id="reset"><trigger initialValue="true" persistent="true">${math(apply('lt', ci('S'), cn(0.5)))}</trigger>
      <listOfEventAssignments><eventAssignment variable="S">${math(cn(1))}</eventAssignment></listOfEventAssignments></event></listOfEvents>`);
    const r = simulate(xml, [0, 1, 2.5]);
    const ln2 = Math.log(2);
    expect(r.sol.tEvents!.length).toBe(3);
    r.sol.tEvents!.forEach((t, k) => expect(t).toBeCloseTo((k + 1) * ln2, 8));
    expect(r.read(1, 'S')).toBeCloseTo(Math.exp(-(1 - ln2)), 8);
    expect(r.read(2, 'S')).toBeCloseTo(Math.exp(-(2.5 - 3 * ln2)), 8);
  });

  it('fires an event at t = 0 only when its trigger starts false (initialValue="false")', () => {
    const doc = (initialValue: boolean) => sbmlDoc(`
    <listOfParameters><parameter id="p" value="1" constant="false"/></listOfParameters>
    <listOfEvents><event id="e"><trigger initialValue="${initialValue}" persistent="true">${math(apply('geq', TIME, cn(0)))}</trigger>
      <listOfEventAssignments><eventAssignment variable="p">${math(apply('plus', ci('p'), cn(2)))}</eventAssignment></listOfEventAssignments></event></listOfEvents>`);
    expect(simulate(doc(false), [0, 1]).read(1, 'p')).toBe(3);
    expect(simulate(doc(true), [0, 1]).read(1, 'p')).toBe(1);
  });

  it('imports non-constant parameters that nothing changes as inputs', () => {
    const xml = sbmlDoc(`<listOfCompartments>${compartment('c', 1)}</listOfCompartments>
      <listOfSpecies>${species('S', 'c', 'initialAmount="0" hasOnlySubstanceUnits="true"')}</listOfSpecies>
      <listOfParameters><parameter id="dose" value="2" constant="false"/></listOfParameters>
      <listOfReactions><reaction id="inflow" reversible="false"><listOfProducts><speciesReference species="S" stoichiometry="1" constant="true"/></listOfProducts>
      <kineticLaw>${math(ci('dose'))}</kineticLaw></reaction></listOfReactions>`);
    const imp = importSbml(xml);
    expect(imp.spec.inputs).toEqual({ dose: { default: 2, unit: 'dimensionless', description: 'dose' } });
  });
});

describe('units and time', () => {
  const unitDefs = `<listOfUnitDefinitions>
      <unitDefinition id="per_second"><listOfUnits><unit kind="second" exponent="-1" scale="0" multiplier="1"/></listOfUnits></unitDefinition>
      <unitDefinition id="umol"><listOfUnits><unit kind="mole" exponent="1" scale="-6" multiplier="1"/></listOfUnits></unitDefinition>
      <unitDefinition id="minute"><listOfUnits><unit kind="second" exponent="1" scale="0" multiplier="60"/></listOfUnits></unitDefinition>
    </listOfUnitDefinitions>`;
  const model = (timeUnits: string) => `<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">
  <model id="m" timeUnits="${timeUnits}" substanceUnits="umol" volumeUnits="litre">${unitDefs}
    <listOfCompartments>${compartment('c', 1)}</listOfCompartments>
    <listOfSpecies>${species('S', 'c', 'initialConcentration="1" hasOnlySubstanceUnits="false"')}</listOfSpecies>
    <listOfParameters><parameter id="k" value="0.01" units="per_second" constant="true"/><parameter id="tt" units="${timeUnits}" constant="false"/></listOfParameters>
    <listOfRules><assignmentRule variable="tt">${math(TIME)}</assignmentRule></listOfRules>
    <listOfReactions><reaction id="decay" reversible="false">
      <listOfReactants><speciesReference species="S" stoichiometry="1" constant="true"/></listOfReactants>
      <kineticLaw>${math(apply('times', ci('k'), ci('S'), ci('c')))}</kineticLaw></reaction></listOfReactions>
  </model>
</sbml>`;

  it('maps SBML unit definitions to ferrosim units', () => {
    const imp = importSbml(model('second'));
    expect(imp.spec.species.S.unit).toBe('µM');
    expect(imp.spec.parameters.k.unit).toBe('1/s');
    expect(imp.spec.parameters.c.unit).toBe('L');
  });

  it('rescales a model in seconds to hours: rates × 3600 and time in SBML units', () => {
    const r = simulate(model('second'), [0, 0.01, 0.02]);
    expect(r.imp.hoursPerTimeUnit).toBeCloseTo(1 / 3600, 15);
    // 0.01 h = 36 s; k = 0.01/s.
    expect(r.read(1, 'S')).toBeCloseTo(Math.exp(-0.36), 9);
    expect(r.read(2, 'tt')).toBeCloseTo(72, 9);
    expect(r.imp.spec.parameters.sbml_time_per_hour).toMatchObject({ value: 3600, unit: 's/h' });
  });

  it('keeps a model declared in hours as it is, and minutes become 1/60 h', () => {
    expect(importSbml(model('minute')).hoursPerTimeUnit).toBeCloseTo(1 / 60, 15);
    const kept = importSbml(model('second'), { keepTimeUnit: true });
    expect(kept.hoursPerTimeUnit).toBe(1);
    expect(kept.spec.parameters.sbml_time_per_hour).toBeUndefined();
  });
});

describe('modelFromSbml (for scenarios)', () => {
  const base = `<listOfCompartments>${compartment('c', 1)}</listOfCompartments>
    <listOfSpecies>${species('S', 'c', 'initialAmount="1" hasOnlySubstanceUnits="true"')}</listOfSpecies>
    <listOfReactions><reaction id="decay" reversible="false"><listOfReactants><speciesReference species="S" stoichiometry="1" constant="true"/></listOfReactants>
      <kineticLaw>${math(ci('S'))}</kineticLaw></reaction></listOfReactions>`;
  it('returns the model definition of a complete import', () => {
    const def = modelFromSbml(sbmlDoc(base), 'm.xml');
    expect(Object.keys(def.species)).toEqual(['S']);
  });

  it('refuses models with events or unsupported constructs, naming the file and elements', () => {
    const withEvent = sbmlDoc(`${base}<listOfEvents><event id="kick"><trigger initialValue="true" persistent="true">${math(apply('gt', TIME, cn(1)))}</trigger>
      <listOfEventAssignments><eventAssignment variable="S">${math(cn(2))}</eventAssignment></listOfEventAssignments></event></listOfEvents>`);
    expect(() => modelFromSbml(withEvent, 'm.xml')).toThrow(/^m\.xml: cannot simulate this SBML model:\n {2}events \(kick\)/);
    const withAlgebraic = sbmlDoc(`${base}<listOfRules><algebraicRule id="a1">${math(ci('S'))}</algebraicRule></listOfRules>`);
    expect(() => modelFromSbml(withAlgebraic, 'm.xml')).toThrow('algebraic rule (a1)');
    expect(() => modelFromSbml('<sbml', 'bad.xml')).toThrow(/^bad\.xml: not well-formed XML/);
  });
});
