/**
 * An SBML file as a ferrosim model definition for scenarios, the CLI and the browser: the import
 * must be complete, since those layers simulate the spec alone.
 */
import type { ModelDefinition } from '../model/types.ts';
import { importSbml } from './convert.ts';
import { SbmlError } from './xml.ts';

/**
 * Imports `xml` (named `file` in messages) and returns its model definition. Throws SbmlError when
 * the model has unsupported constructs or events: scenarios run the ODE alone, and an SBML event
 * silently dropped would be a wrong simulation (the SBML suite runner handles events itself).
 */
export function modelFromSbml(xml: string, file: string): ModelDefinition {
  let imp;
  try {
    imp = importSbml(xml);
  } catch (e) {
    throw new SbmlError(`${file}: ${(e as Error).message}`);
  }
  const problems = imp.unsupported.map((u) => `${u.construct} (${u.id})`);
  if (imp.events.length > 0) problems.push(`events (${imp.events.map((e) => e.id).join(', ')}): scenarios cannot run SBML events yet`);
  if (problems.length > 0) throw new SbmlError(`${file}: cannot simulate this SBML model:\n  ${problems.join('\n  ')}`);
  return imp.spec;
}
