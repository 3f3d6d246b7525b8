/**
 * Node-only: reads a scenario file, rejects text that is not UTF-8 with the position of the
 * first bad byte, and parses it against the registry's models, compiling them as needed.
 * (Kept out of index.ts so the browser bundle never sees `node:fs`.)
 */
import { basename } from 'node:path';
import { parseScenario } from './index.ts';
import { readScenarioFile, type LoadedScenario } from './read-file.ts';

export type { LoadedScenario } from './read-file.ts';

/** Reads and parses a scenario file. Messages name the file by its base name. */
export function loadScenarioFile(path: string, displayName = basename(path)): LoadedScenario {
  return readScenarioFile(parseScenario, path, displayName);
}
