/** The model layer: declare (defineModel) → compile (compileModel) → evaluate (toProblem + solve). */
export { defineModel, setParameter, setInitial } from './define.ts';
export type { SpeciesOf, ParametersOf, InputsOf } from './define.ts';
export { compileModel, COMPILER_VERSION } from './compile.ts';
export type { CompileOptions } from './compile.ts';
export { ModelError, formatDiagnostic } from './errors.ts';
export { parseUnit, formatUnit, UNIT_ATOMS } from './units.ts';
export type { Unit, KnownUnit, UnitString } from './units.ts';
export { hashValue, hashString, canonicalJson } from './hash.ts';
export type * from './types.ts';
export { ferroptosis } from './ferroptosis/index.ts';
export { steadyState } from './steady-state.ts';
export type { SteadyStateOptions, SteadyStateResult } from './steady-state.ts';
export { analyseSteadyState, type SteadyStateAnalysis, type Stability } from './stability.ts';
export { eigenvalues, EigenvalueError, type Eigenvalues } from './eigenvalues.ts';
export { describeModel, modelMarkdown } from './describe.ts';
export type { ModelDescription } from './describe.ts';
