/** Loading scenario files for the commands: errors printed all at once, then exit code 2. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CompilerNotLoadedError, formatScenarioError, loadModelCompiler, modelFileKind, modelNames, requireModel } from '../scenario/core.ts';
import { readScenarioFile, type LoadedScenario } from '../scenario/read-file.ts';
import { parseScenarioAt, resolveModelAt } from '../scenario/resolve-model.ts';
import type { CompiledModel } from '../model/types.ts';
import { UserError } from './errors.ts';

export type Loaded = LoadedScenario & { scenario: NonNullable<LoadedScenario['scenario']>; text: string };

/**
 * Reads and parses a scenario. The built-in model comes precompiled (registry.ts); the compiler
 * (and mathjs) is loaded only when the scenario's model must be compiled.
 */
export async function loadOrThrow(path: string): Promise<Loaded> {
  let loaded: LoadedScenario;
  try {
    loaded = readScenarioFile((text, name) => parseScenarioAt(text, name, path), path);
  } catch (e) {
    if (!(e instanceof CompilerNotLoadedError)) throw e;
    await loadModelCompiler();
    loaded = readScenarioFile((text, name) => parseScenarioAt(text, name, path), path);
  }
  if (!loaded.scenario) {
    const n = loaded.errors.length;
    throw new UserError(`${n} problem${n === 1 ? '' : 's'} in ${path}:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}`).join('\n')}`);
  }
  return loaded as Loaded;
}

/** `--model NAME|FILE`: a built-in model, or a model file relative to the current directory. */
export async function modelOption(nameOrFile: string): Promise<CompiledModel> {
  if (modelFileKind(nameOrFile) === null) {
    if (!modelNames().includes(nameOrFile)) {
      throw new UserError(`unknown model '${nameOrFile}'; known: ${modelNames().join(', ')}, or a path to an SBML file (.xml, .sbml) or a model file (.model.yaml)`);
    }
    return requireModel(nameOrFile);
  }
  await loadModelCompiler();
  try {
    return resolveModelAt(nameOrFile, join(process.cwd(), '--model'))!;
  } catch (e) {
    throw new UserError(`--model: ${(e as Error).message}`);
  }
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
