/**
 * Models a scenario can name. The built-in `ferroptosis` model comes ready-made where the package
 * build stored its compiled form (builtin-models.ts; `ferrosim run` of a shipped scenario then
 * never loads the compiler or mathjs), otherwise it is compiled on first use; both are cached.
 * Other models (e.g. imported from SBML) can be registered under a name.
 *
 * The compiler is a plug-in here: `scenario/index.ts` plugs it in (so the library behaves as it
 * always did), while the CLI and the sweep worker import `scenario/core.ts`, which does not, and
 * call `loadModelCompiler()` only when a model really has to be compiled.
 */
import { COMPILER_VERSION } from '../model/compiler-version.ts';
import { ferroptosis } from '../model/ferroptosis/index.ts';
import { instantiateModel } from '../model/serialized.ts';
import type { CompiledModel, ModelDefinition } from '../model/types.ts';
import { BUILTIN_MODELS } from './builtin-models.ts';

export type ModelCompiler = (definition: ModelDefinition) => CompiledModel;

/** Thrown by getModel when a model must be compiled and no compiler is plugged in. */
export class CompilerNotLoadedError extends Error {
  override readonly name = 'CompilerNotLoadedError';
}

/** The models that ship with ferrosim (the ones the package build stores compiled). */
export const BUILTIN_DEFINITIONS: ReadonlyMap<string, ModelDefinition> = new Map([['ferroptosis', ferroptosis as ModelDefinition]]);
const definitions = new Map<string, ModelDefinition>(BUILTIN_DEFINITIONS);
const compiled = new Map<string, CompiledModel>();
const origins = new Map<string, ModelOrigin>();
const sources = new Map<string, ModelFileSource>();
let compiler: ModelCompiler | undefined;

/** Where a model registered from a file came from: its name as written and its content hash. */
export interface ModelFileSource {
  file: string;
  /** hashString of the file's text. */
  hash: string;
}

/** The file a model was registered from (`model: ./x.xml` in a scenario), if it was. */
export function modelSource(name: string): ModelFileSource | undefined {
  return sources.get(name);
}

/** SBML text → model definition; plugged in with the compiler (it needs the expression layer). */
export type SbmlImporter = (xml: string, fileName: string) => ModelDefinition;
let sbmlImporter: SbmlImporter | undefined;

export function setSbmlImporter(fn: SbmlImporter): void {
  sbmlImporter = fn;
}

/** Imports an SBML model file; throws CompilerNotLoadedError before loadModelCompiler(). */
export function importSbmlDefinition(xml: string, fileName: string): ModelDefinition {
  if (!sbmlImporter) throw new CompilerNotLoadedError(`the SBML file ${fileName} must be imported, and the importer is not loaded (call loadModelCompiler() first)`);
  return sbmlImporter(xml, fileName);
}

/** Compiles with the plugged-in compiler (model files); throws CompilerNotLoadedError without one. */
export function compileDefinition(definition: ModelDefinition): CompiledModel {
  if (!compiler) throw new CompilerNotLoadedError(`model '${definition.name}' must be compiled, and the compiler is not loaded (call loadModelCompiler() first)`);
  return compiler(definition);
}

/** How a registry model was obtained: stored by the package build, compiled here, or registered. */
export type ModelOrigin = 'precompiled' | 'compiled' | 'registered';

export function setModelCompiler(fn: ModelCompiler): void {
  compiler = fn;
}

/** Plugs in the model compiler (loading it, and mathjs, on first call). */
export async function loadModelCompiler(): Promise<void> {
  if (compiler && sbmlImporter) return;
  const [{ compileModel }, { modelFromSbml }] = await Promise.all([import('../model/compile.ts'), import('../sbml/model.ts')]);
  compiler ??= compileModel as ModelCompiler;
  sbmlImporter ??= modelFromSbml;
}

export function registerModel(name: string, model: ModelDefinition | CompiledModel, source?: ModelFileSource): void {
  if (source) sources.set(name, source);
  else sources.delete(name);
  if ('toProblem' in model) {
    compiled.set(name, model);
    origins.set(name, 'registered');
  } else {
    definitions.set(name, model);
    compiled.delete(name);
    origins.delete(name);
  }
}

export function modelNames(): string[] {
  return [...new Set([...definitions.keys(), ...compiled.keys()])].sort();
}

/**
 * The stored compiled form of `definition`, if the build stored one for exactly this definition
 * and compiler. The build compiles the same source it bundles, so the stored model belongs to the
 * built-in definition object itself; a definition registered under the same name (or a copy) is
 * compiled instead. Comparing identity costs nothing; hashing the definition would cost tens of ms
 * at every start.
 */
function precompiled(name: string, definition: ModelDefinition): CompiledModel | undefined {
  const stored = BUILTIN_MODELS.find((m) => m.name === name);
  if (!stored || stored.compiler !== COMPILER_VERSION || definition !== BUILTIN_DEFINITIONS.get(name)) return undefined;
  try {
    return instantiateModel(stored, definition);
  } catch {
    return undefined; // generated code forbidden here (CSP): the compiler's interpreted fallback takes over
  }
}

/** The compiled model called `name`, or undefined. Compiles once per process (or worker). */
export function getModel(name: string): CompiledModel | undefined {
  let m = compiled.get(name);
  if (!m) {
    const def = definitions.get(name);
    if (!def) return undefined;
    m = precompiled(name, def);
    if (m) origins.set(name, 'precompiled');
    else {
      if (!compiler) throw new CompilerNotLoadedError(`model '${name}' must be compiled, and the compiler is not loaded (call loadModelCompiler() first)`);
      m = compiler(def);
      origins.set(name, 'compiled');
    }
    compiled.set(name, m);
  }
  return m;
}

/** How the model called `name` was obtained, once it has been (see ModelOrigin). */
export function modelOrigin(name: string): ModelOrigin | undefined {
  return origins.get(name);
}

export function requireModel(name: string): CompiledModel {
  const m = getModel(name);
  if (!m) throw new RangeError(`unknown model '${name}'; known: ${modelNames().join(', ')}`);
  return m;
}
