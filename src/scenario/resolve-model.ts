/**
 * Node-only: `model:` values that are paths. A model file (SBML or `.model.yaml`) is read relative
 * to the scenario file, compiled once per content, and registered under the name the scenario
 * gives it, with its content hash for the stamp. Compiling needs the plugged-in compiler: without
 * it this throws CompilerNotLoadedError, and the CLI loads the compiler and parses again.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { hashString } from '../model/hash.ts';
import type { CompiledModel } from '../model/types.ts';
import { formatScenarioError } from './errors.ts';
import { compileModelText, modelFileKind } from './model-source.ts';
import { parseScenarioWith, type ParseResult } from './parse.ts';
import { getModel, modelNames, modelSource, registerModel } from './registry.ts';

/** Parses scenario text that was read from `path` (model files are found relative to it). */
export function parseScenarioAt(text: string, displayName: string, path: string): ParseResult {
  return parseScenarioWith(text, displayName, { resolveModel: (name) => resolveModelAt(name, path), modelNames: modelNames() });
}

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
}

/** Compiled model files by absolute path and content hash. */
const byFile = new Map<string, { hash: string; model: CompiledModel }>();

/**
 * The model `name` for the scenario at `scenarioPath`: a registered name, or a model file relative
 * to the scenario. Throws an Error whose message says what is wrong with the file.
 */
export function resolveModelAt(name: string, scenarioPath: string): CompiledModel | undefined {
  if (modelFileKind(name) === null) return getModel(name);
  const file = resolve(dirname(scenarioPath), name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the model file '${name}' (${why(e)}; looked for ${file})`);
  }
  const hash = hashString(text);
  let entry = byFile.get(file);
  if (!entry || entry.hash !== hash) {
    const compiled = compileModelText(text, basename(file));
    if (!compiled.model) {
      const n = compiled.errors.length;
      throw new Error(`${n} problem${n === 1 ? '' : 's'} in the model file '${name}':\n${compiled.errors.map((e) => `    ${formatScenarioError(e)}`).join('\n')}`);
    }
    byFile.set(file, (entry = { hash, model: compiled.model }));
  }
  const before = modelSource(name);
  if (before && before.hash !== hash && getModel(name) !== entry.model) {
    throw new Error(`another scenario loaded in this run names a different file '${name}'; run the two separately`);
  }
  registerModel(name, entry.model, { file: name, hash });
  return entry.model;
}
