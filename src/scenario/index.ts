/**
 * The scenario layer (browser-safe: nothing here or below imports `node:` modules), with the
 * model compiler plugged into the registry, so any registered model definition compiles on first
 * use. Everything is in core.ts; code that wants to avoid loading the compiler imports that.
 */
import { compileModel } from '../model/compile.ts';
import { modelFromSbml } from '../sbml/model.ts';
import type { ModelCompiler } from './registry.ts';
import { setModelCompiler, setSbmlImporter } from './registry.ts';

setModelCompiler(compileModel as ModelCompiler);
setSbmlImporter(modelFromSbml);

export * from './core.ts';
