/** Loading scenario files for the commands: errors printed all at once, then exit code 2. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatScenarioError } from '../scenario/index.ts';
import { loadScenarioFile, type LoadedScenario } from '../scenario/load-file.ts';
import { UserError } from './errors.ts';

export type Loaded = LoadedScenario & { scenario: NonNullable<LoadedScenario['scenario']>; text: string };

export function loadOrThrow(path: string): Loaded {
  const loaded = loadScenarioFile(path);
  if (!loaded.scenario) {
    const n = loaded.errors.length;
    throw new UserError(`${n} problem${n === 1 ? '' : 's'} in ${path}:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}`).join('\n')}`);
  }
  return loaded as Loaded;
}

/** FILES as given, or every scenarios/*.yaml under the current directory. */
export function scenarioFiles(files: readonly string[]): string[] {
  if (files.length > 0) {
    return files.flatMap((f) => (existsSync(f) && statSync(f).isDirectory() ? yamlIn(f) : [f]));
  }
  const dir = resolve('scenarios');
  if (!existsSync(dir)) throw new UserError('no FILES given and no scenarios/ directory here; name the scenario files to use');
  return yamlIn(dir);
}

function yamlIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}
