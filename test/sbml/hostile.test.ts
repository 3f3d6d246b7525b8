/**
 * SBML that once broke the importer or the suite runner (issue 14's red-team pass, issue 12's
 * events): duplicate ids, ids that are JavaScript object internals, nested function definitions
 * whose inlined size doubles per level, a case that crashes among good ones, and events whose
 * trigger turns true just after the start. The exit codes of the same files through the CLI are
 * tested in test/cli/model-files.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/index.ts';
import { createRuntime, importSbml, runSbmlSuite, SbmlError } from '../../src/sbml/index.ts';
import { solve } from '../../src/solver/index.ts';
import { TIME, apply, ci, cn, math, sbmlDoc } from './helpers.ts';
import { decayModel, nestedFunctionsModel } from './pathological.ts';

describe('ids', () => {
  it('refuses duplicate ids, naming each id and the two elements', () => {
    const xml = sbmlDoc(`
      <listOfCompartments><compartment id="c" size="1" constant="true"/></listOfCompartments>
      <listOfSpecies><species id="k" compartment="c" initialConcentration="1" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/></listOfSpecies>
      <listOfParameters><parameter id="k" value="1" constant="true"/><parameter id="c" value="2" constant="true"/><parameter id="q" value="1" constant="true"/><parameter id="q" value="3" constant="true"/></listOfParameters>`);
    expect(() => importSbml(xml)).toThrow(SbmlError);
    expect(() => importSbml(xml)).toThrow(
      "duplicate ids (SBML ids must be unique within a model; rename one of each pair):\n" +
        "  id 'k' is used twice (a species and a parameter)\n  id 'c' is used twice (a compartment and a parameter)\n  id 'q' is used twice (two parameter elements)",
    );
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'])(
    'simulates a species called %s like any other (exponential decay)',
    (id) => {
      const imp = importSbml(decayModel(id, 0.5), { keepTimeUnit: true });
      const specId = imp.ids.get(id)!;
      expect(Object.keys(imp.spec.species)).toEqual([specId]);
      const model = compileModel(imp.spec);
      const sol = solve(model.toProblem({ tspan: [0, 2] }), { rtol: 1e-10, atol: 1e-12, saveAt: [2] });
      expect(sol.y[0]).toBeCloseTo(Math.exp(-1), 8);
      // The runtime reads it back by its SBML id.
      const rt = createRuntime(imp, model, model.p0, model.u0);
      rt.fill(2, sol.y);
      expect(rt.read(id, 'concentration')).toBe(sol.y[0]);
    },
  );
});

describe('nested function definitions', () => {
  it('imports 400 levels (2^399 terms inlined) in linear size: one named part per level', () => {
    const t0 = performance.now();
    const imp = importSbml(nestedFunctionsModel(400), { keepTimeUnit: true });
    const ms = performance.now() - t0;
    const rules = Object.values(imp.spec.rules ?? {});
    // One part per level, but for the lowest levels, which are too small to name (and v itself).
    expect(rules.length).toBeGreaterThan(390);
    expect(rules.length).toBeLessThanOrEqual(400);
    expect(Math.max(...rules.map((r) => r.expression.length))).toBeLessThan(80);
    expect(ms).toBeLessThan(20_000);
  });

  it('gives the value of the inlined expression: f_k(x) = 2^(k-1)·x, so v = 0.5·S', () => {
    // Evaluated by the importer's runtime: the model compiler's time on rule chains is not this test's subject.
    const imp = importSbml(nestedFunctionsModel(60), { keepTimeUnit: true });
    const ids = { speciesIds: Object.keys(imp.spec.species), parameterIds: Object.keys(imp.spec.parameters), inputIds: Object.keys(imp.spec.inputs ?? {}) };
    const p = Float64Array.from(ids.parameterIds, (id) => imp.spec.parameters[id].value);
    const rt = createRuntime(imp, ids, p, new Float64Array(ids.inputIds.length));
    rt.fill(0, Float64Array.of(3));
    expect(rt.read('v', 'value')).toBeCloseTo(0.5 * 3, 12);
  });

  it('solves a model with 8 levels of nesting to the analytic solution', () => {
    const imp = importSbml(nestedFunctionsModel(8), { keepTimeUnit: true });
    const model = compileModel(imp.spec);
    const sol = solve(model.toProblem({ tspan: [0, 1] }), { rtol: 1e-10, atol: 1e-12, saveAt: [1] });
    expect(sol.y[0]).toBeCloseTo(Math.exp(-0.5), 8);
  });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A suite folder with one case per entry: SBML, and S's expected values at t = 0, 1, 2. */
function suiteDir(cases: Record<string, { xml: string; S: number[] }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferrosim-suite-'));
  dirs.push(dir);
  for (const [id, c] of Object.entries(cases)) {
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, `${id}-sbml-l3v2.xml`), c.xml);
    writeFileSync(join(dir, id, `${id}-settings.txt`), 'start: 0\nduration: 2\nsteps: 2\nvariables: S\nabsolute: 1e-7\nrelative: 1e-6\namount:\nconcentration: S\n');
    writeFileSync(join(dir, id, `${id}-results.csv`), `time,S\n${c.S.map((v, i) => `${i},${v}`).join('\n')}\n`);
  }
  return dir;
}

describe('the suite runner', () => {
  it('reports a case that crashes as failed with its reason, and runs the cases after it', async () => {
    const decay = [1, Math.exp(-0.5), Math.exp(-1)];
    const dir = suiteDir({
      '00001': { xml: decayModel('S', 0.5), S: decay },
      '00002': { xml: '<sbml level="3" version="2"><model id="m"><listOfSpecies><species id="S"', S: decay },
      '00003': { xml: decayModel('S', 0.5).replace('<ci> S </ci>', '<ci> nowhere </ci>'), S: decay },
      '00004': { xml: decayModel('S', 0.5), S: decay },
    });
    const r = await runSbmlSuite(dir);
    expect(r.results.map((x) => x.status)).toEqual(['pass', 'fail', 'fail', 'pass']);
    expect(r.results[1].line).toMatch(/^00002 FAIL error: not well-formed XML at line 1, column \d+: /);
    expect(r.results[2].line).toBe("00003 FAIL error: math refers to unknown symbol 'nowhere'");
    expect(r.lines.at(-1)).toBe('2 passed, 2 failed, 0 unsupported');
  });
});

describe('events whose trigger turns true just after the start', () => {
  // S decays at rate 1; the event sets it to 10 as soon as its trigger holds. Fired just after
  // t = 0, S = 10·e^{-t} from then on (the row at t = 0 shows S before the event).
  const withEvent = (trigger: string) =>
    decayModel('S', 1).replace(
      '</listOfReactions>',
      `</listOfReactions>
      <listOfEvents><event id="dose" useValuesFromTriggerTime="true">
        <trigger initialValue="false" persistent="true">${math(trigger)}</trigger>
        <listOfEventAssignments><eventAssignment variable="S">${math(cn(10))}</eventAssignment></listOfEventAssignments>
      </event></listOfEvents>`,
    );
  const expected = [1, 10 * Math.exp(-1), 10 * Math.exp(-2)];

  it.each([
    ['time > 0', apply('gt', TIME, cn(0))],
    ['time > t0 with t0 = 0', apply('gt', TIME, ci('t0'))],
    ['0 < time', apply('lt', cn(0), TIME)],
  ])('fires on %s', async (_label, trigger) => {
    const dir = suiteDir({ '00001': { xml: withEvent(trigger), S: expected } });
    const r = await runSbmlSuite(dir);
    expect(r.results[0].line).toMatch(/^00001 pass/);
  });
});
