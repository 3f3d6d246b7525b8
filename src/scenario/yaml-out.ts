/**
 * Scenario → YAML text that `parseScenario` reads back to the same numbers (the browser's
 * "save as scenario" and the tests use it). Numbers are written in shortest round-trip form.
 */
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Scenario } from './types.ts';

export const SCHEMA_COMMENT = '# yaml-language-server: $schema=./scenario.schema.json';

export function scenarioToYaml(s: Scenario): string {
  const doc = new Document(scenarioYamlObject(s));
  flowLeaves(doc);
  return `${SCHEMA_COMMENT}\n${doc.toString({ lineWidth: 0 })}`;
}

/** The scenario as the plain object its YAML file holds, block by block (top-level keys). */
export function scenarioYamlObject(s: Scenario): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [id, schedule] of Object.entries(s.inputs)) {
    inputs[id] = s.constantInputs.includes(id) && schedule.length === 1 && schedule[0].at === 0
      ? schedule[0].value
      : schedule.map((st) => ({ at: st.at, value: st.value }));
  }
  const obj: Record<string, unknown> = {
    name: s.name,
    description: s.description,
    model: s.model,
    ...(s.start !== 'steady' ? { start: s.start } : {}),
    time: 'points' in s.timeSpec ? { end: s.timeSpec.end, points: s.timeSpec.points } : { ...(s.timeSpec.end !== undefined ? { end: s.timeSpec.end } : {}), at: s.timeSpec.at },
    solver: { ...s.solver },
    ...(Object.keys(s.parameters).length ? { parameters: s.parameters } : {}),
    ...(Object.keys(s.initial).length ? { initial: s.initial } : {}),
    ...(Object.keys(inputs).length ? { inputs } : {}),
    outputs: s.outputs,
    ...(s.population ? { population: { ...s.population } } : {}),
  };
  if (s.sweep) {
    const sweep: Record<string, unknown> = {};
    for (const a of s.sweep.axes) sweep[a.id] = 'list' in a.spec ? a.spec.list : { ...a.spec };
    sweep.readout = { ...s.sweep.readout };
    obj.sweep = sweep;
  }
  if (s.expect.length) {
    obj.expect = s.expect.map((e) => {
      const { output, ...rest } = e;
      // In sweeps the parser fills `output` from the readout; write it only where it was needed.
      return s.sweep ? rest : { output, ...rest };
    });
  }
  obj.tolerance = { ...s.tolerance };
  return obj;
}

/** Small leaf collections read best on one line: `{ at: 24, value: 5 }`, `[GSH, LIP]`. */
export function flowLeaves(doc: Document.Parsed | Document): void {
  visit(doc, {
    Map(_key, node) {
      if (node.items.every((p) => isScalar(p.value) || (isSeq(p.value) && p.value.items.every(isScalar)))) node.flow = true;
    },
    Seq(_key, node) {
      if (node.items.every(isScalar) || node.items.every((i) => isMap(i) && (i as { flow?: boolean }).flow)) {
        if (node.items.every(isScalar)) node.flow = true;
      }
    },
  });
}
