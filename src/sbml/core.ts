/**
 * The browser-safe part of SBML support (no `node:` imports): import, export and the runtime for
 * events and outputs. Scenario and UI code should import from here; `index.ts` adds the Node-only
 * test-suite runner.
 */
export { importSbml, convertModel } from './convert.ts';
export type { SbmlImport, ImportedEvent, SpeciesReadout, ImportOptions } from './convert.ts';
export { readSbml } from './read.ts';
export type { SbmlModel, Unsupported } from './read.ts';
export { exportSbml } from './export.ts';
export { modelFromSbml } from './model.ts';
export { createRuntime } from './runtime.ts';
export type { SbmlRuntime, ModelIds } from './runtime.ts';
export { SbmlError } from './xml.ts';
