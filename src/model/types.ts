/**
 * Declaration layer of the model (see DESIGN.md, "Contract: the model"). A model is plain data:
 * species, parameters, inputs, reactions with rate laws as expression strings, observables and
 * optional assignment rules, each keyed by id. The ids flow through as literal types.
 */
import type { OdeProblem } from '../solver/types.ts';

export interface SpeciesDecl {
  initial: number;
  unit: string;
  description: string;
  /** Citation with tag ([V], [R], [D]) or "assumed: <reason>". */
  source: string;
}

export interface ParameterDecl {
  value: number;
  unit: string;
  source: string;
  description?: string;
}

export interface InputDecl {
  unit: string;
  default: number;
  description: string;
}

export interface ReactionDecl<S extends string = string> {
  /** Rate law over species, parameters, inputs, rules and t, in concentration per hour. */
  rate: string;
  /** Reactants negative, products positive. */
  stoichiometry: Partial<Record<S, number>>;
  description?: string;
}

export interface ObservableDecl {
  expression: string;
  unit: string;
  description: string;
}

export interface RuleDecl {
  expression: string;
  unit?: string;
  description?: string;
}

export interface ModelSpec<
  S extends string = string,
  P extends string = string,
  I extends string = string,
  R extends string = string,
  O extends string = string,
  A extends string = string,
> {
  name: string;
  description?: string;
  species: Record<S, SpeciesDecl>;
  parameters: Record<P, ParameterDecl>;
  inputs: Record<I, InputDecl>;
  reactions: Record<R, ReactionDecl<S>>;
  observables?: Record<O, ObservableDecl>;
  /** Assignment rules: named expressions usable in rate laws and observables. */
  rules?: Record<A, RuleDecl>;
}

/** What `defineModel` returns: the spec, frozen, with its literal id types kept. */
export type ModelDefinition<
  S extends string = string,
  P extends string = string,
  I extends string = string,
  R extends string = string,
  O extends string = string,
  A extends string = string,
> = Readonly<ModelSpec<S, P, I, R, O, A>>;

export interface ModelDiagnostic {
  severity: 'error' | 'warning';
  /** Where, e.g. "reactions.fenton.rate". */
  path: string;
  message: string;
}

/** An OdeProblem built from a compiled model, with its parameter and input vectors exposed. */
export interface ModelProblem extends OdeProblem {
  /** Parameter values, in `CompiledModel.parameterIds` order. */
  p: Float64Array;
  /** Current input values, in `CompiledModel.inputIds` order; the rhs reads them on every call. */
  u: Float64Array;
}

export interface ToProblemOptions {
  parameters?: Record<string, number>;
  initial?: Record<string, number>;
  inputs?: Record<string, number>;
  /** Full initial state; overrides the declared initial values (and `initial` is applied on top). */
  y0?: Float64Array;
  tspan: [number, number];
}

export interface CompiledModel {
  definition: ModelDefinition;
  name: string;
  speciesIds: readonly string[];
  parameterIds: readonly string[];
  inputIds: readonly string[];
  observableIds: readonly string[];
  /** Declared initial values, parameter values and input defaults, in id order. */
  y0: Float64Array;
  p0: Float64Array;
  u0: Float64Array;
  rhs(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  jacobian(t: number, y: Float64Array, p: Float64Array, u: Float64Array, J: Float64Array): void;
  observables(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  /** The generated source, readable (one line per reaction with its id in a comment). */
  source: string;
  warnings: ModelDiagnostic[];
  /** Content hash of the definition and codegen options (for caches and reproducibility stamps). */
  hash: string;
  toProblem(options: ToProblemOptions): ModelProblem;
}
