/**
 * Models from files, by extension: an SBML file (`.xml`, `.sbml`) or a ferrosim model file
 * (`.model.yaml`). Browser-safe: the caller reads the text (node:fs in the CLI, a File in the
 * page). Problems come back as located errors, never thrown.
 */
import type { CompiledModel } from '../model/types.ts';
import { CompilerNotLoadedError, compileDefinition, importSbmlDefinition } from './registry.ts';
import { parseModelFile } from './model-file.ts';
import type { ScenarioError } from './types.ts';

export type ModelFileKind = 'sbml' | 'model-file';

/** The kind of model a `model:` value names, or null for a name (the built-in `ferroptosis`). */
export function modelFileKind(name: string): ModelFileKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xml') || lower.endsWith('.sbml')) return 'sbml';
  if (lower.endsWith('.model.yaml') || lower.endsWith('.model.yml')) return 'model-file';
  return null;
}

export const MODEL_FILE_ENDINGS = '.xml or .sbml (SBML) or .model.yaml (a ferrosim model file)';

export interface CompiledModelFile {
  model?: CompiledModel;
  errors: ScenarioError[];
}

/** Compiles the model in `text`, a file called `fileName`. */
export function compileModelText(text: string, fileName: string): CompiledModelFile {
  const kind = modelFileKind(fileName);
  if (kind === 'model-file') return parseModelFile(text, fileName);
  if (kind === 'sbml') {
    try {
      return { model: compileDefinition(importSbmlDefinition(text, fileName)), errors: [] };
    } catch (e) {
      if (e instanceof CompilerNotLoadedError) throw e;
      const message = (e as Error).message;
      const prefix = `${fileName}: `;
      const body = message.startsWith(prefix) ? message.slice(prefix.length) : message;
      const at = /at line (\d+), column (\d+)/.exec(body);
      return { errors: [{ file: fileName, line: at ? Number(at[1]) : 0, column: at ? Number(at[2]) : 0, path: '', message: body }] };
    }
  }
  return { errors: [{ file: fileName, line: 0, column: 0, path: '', message: `a model file must end in ${MODEL_FILE_ENDINGS}` }] };
}
