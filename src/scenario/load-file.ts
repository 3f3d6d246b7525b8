/**
 * Node-only: reads a scenario file, rejects text that is not UTF-8 with the position of the
 * first bad byte, and parses it against the registry's models, compiling them as needed; a
 * `model:` path is read relative to the scenario (resolve-model.ts).
 * (Kept out of index.ts so the browser bundle never sees `node:fs`.)
 */
import { basename } from 'node:path';
import './index.ts'; // plugs the compiler and the SBML importer into the registry
import { readScenarioFile, type LoadedScenario } from './read-file.ts';
import { parseScenarioAt } from './resolve-model.ts';

export type { LoadedScenario } from './read-file.ts';
export { parseScenarioAt, resolveModelAt } from './resolve-model.ts';

/** Reads and parses a scenario file. Messages name the file by its base name. */
export function loadScenarioFile(path: string, displayName = basename(path)): LoadedScenario {
  return readScenarioFile((text, name) => parseScenarioAt(text, name, path), path, displayName);
}
