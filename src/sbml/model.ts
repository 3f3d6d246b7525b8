/**
 * An SBML file as a ferrosim model definition for scenarios, the CLI and the browser: the import
 * must be complete, since those layers simulate the spec alone. Time stays in the model's own
 * unit (`timeUnit` of the definition), so a scenario's times are the model's times.
 */
import type { ModelDefinition } from '../model/types.ts';
import { importSbml } from './convert.ts';
import { resolveUnit, toFerrosimUnit } from './units.ts';
import { SbmlError } from './xml.ts';

/** What to do about each construct scenarios cannot simulate. */
const ADVICE: Record<string, string> = {
  'algebraic rule': 'rewrite it as an assignment rule for one of its variables',
  'fast reaction': 'set fast="false" (a fast reaction is then an ordinary one) or eliminate it by a quasi-steady-state rule',
  'event delay': 'remove the delay or model it with a timer species',
  'event priority': 'remove the priorities if the events never fire at the same time',
  'non-persistent event trigger': 'set persistent="true"',
  stoichiometryMath: 'replace it by a species reference id with an assignment rule (Level 3), e.g. with libsbml',
};

function advice(construct: string): string {
  if (construct.startsWith('package')) return 'flatten the model with libsbml (e.g. the comp flattening converter) or remove the package';
  if (construct.startsWith('csymbol')) return 'remove the csymbol (delay and rateOf are not supported)';
  return ADVICE[construct] ?? 'remove or rewrite it';
}

/**
 * Imports `xml` (named `file` in messages) and returns its model definition. Throws SbmlError when
 * the model has unsupported constructs or events: scenarios run the ODE alone, and an SBML event
 * silently dropped would be a wrong simulation (the SBML suite runner handles events itself).
 */
export function modelFromSbml(xml: string, file: string): ModelDefinition {
  let imp;
  try {
    imp = importSbml(xml, { keepTimeUnit: true, observeAllSpecies: true });
  } catch (e) {
    throw new SbmlError(`${file}: ${(e as Error).message}`);
  }
  const problems = imp.unsupported.map((u) => `${u.construct} (${u.id}): ${advice(u.construct)}`);
  if (imp.events.length > 0) {
    problems.push(`events (${imp.events.map((e) => e.id).join(', ')}): scenarios cannot run SBML events yet; write a dose as a schedule of an input in the scenario instead, or run the file with \`ferrosim sbml-suite\``);
  }
  if (problems.length > 0) throw new SbmlError(`${file}: cannot simulate this SBML model:\n  ${problems.join('\n  ')}`);
  const m = imp.model;
  const timeId = m.modelUnits.time;
  const time = timeId ? resolveUnit(timeId, m.unitDefinitions) : null;
  return { ...imp.spec, timeUnit: (time && toFerrosimUnit(time)) || timeId || 'time unit' };
}
