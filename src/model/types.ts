/**
 * Declaration layer of the model (see DESIGN.md, "Contract: the model"). A model is plain data:
 * species, parameters, inputs, reactions with rate laws as expression strings, observables and
 * optional assignment rules, each keyed by id. The ids flow through as literal types.
 */
import type { OdeProblem } from '../solver/types.ts';
import type { SerializedModel } from './serialized.ts';
import type { UnitString } from './units.ts';

export type { UnitString, KnownUnit } from './units.ts';

export interface SpeciesDecl {
  initial: number;
  /** From the unit vocabulary in `units.ts` (µM, nM, ng/mL, µg/mL, r.u., fraction, ...). */
  unit: UnitString;
  description: string;
  /** Citation with tag ([V], [R], [D]) or "assumed: <reason>". */
  source: string;
}

export interface ParameterDecl {
  value: number;
  unit: UnitString;
  source: string;
  description?: string;
}

export interface InputDecl {
  unit: UnitString;
  default: number;
  description: string;
  source?: string;
}

export interface ReactionDecl<S extends string = string> {
  /** Rate law over species, parameters, inputs, rules and t, in concentration per hour. */
  rate: string;
  /** Reactants negative, products positive. */
  stoichiometry: Partial<Record<S, number>>;
  description?: string;
  source?: string;
}

export interface ObservableDecl {
  expression: string;
  unit: UnitString;
  description: string;
  source?: string;
}

export interface RuleDecl {
  expression: string;
  /** Optional; when given, the compiler checks the expression against it. */
  unit?: UnitString;
  description?: string;
  source?: string;
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
  /** Unit of t and of every rate: 'h' (the default) or, for imported models, their own (s, d, …). */
  timeUnit?: string;
  species: Record<S, SpeciesDecl>;
  parameters: Record<P, ParameterDecl>;
  inputs: Record<I, InputDecl>;
  /** `NoInfer`: a stoichiometry key that is not a declared species is a type error, not a new species. */
  reactions: Record<R, ReactionDecl<NoInfer<S>>>;
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

export interface ToProblemOptions<S extends string = string, P extends string = string, I extends string = string> {
  parameters?: Partial<Record<P, number>>;
  initial?: Partial<Record<S, number>>;
  inputs?: Partial<Record<I, number>>;
  /** Full initial state; overrides the declared initial values (and `initial` is applied on top). */
  y0?: Float64Array;
  tspan: [number, number];
}

/** Compressed sparse row pattern: the columns of row i are colIdx[rowPtr[i] .. rowPtr[i+1]). */
export interface SparsityPattern {
  n: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  /** Number of structurally non-zero entries. */
  nnz: number;
}

export interface CompiledModel<
  S extends string = string,
  P extends string = string,
  I extends string = string,
  O extends string = string,
> {
  definition: ModelDefinition;
  name: string;
  speciesIds: readonly S[];
  parameterIds: readonly P[];
  inputIds: readonly I[];
  observableIds: readonly O[];
  /** Reaction ids, in the order of the rate vector. */
  reactionIds?: readonly string[];
  /** Declared initial values, parameter values and input defaults, in id order. */
  y0: Float64Array;
  p0: Float64Array;
  u0: Float64Array;
  /**
   * Generated functions. Parameter-only subexpressions are cached and recomputed whenever the
   * contents of `p` change (compared by value), so `p` may be mutated in place between calls.
   */
  rhs(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  jacobian(t: number, y: Float64Array, p: Float64Array, u: Float64Array, J: Float64Array): void;
  observables(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  /** Reaction rates (fluxes) in `reactionIds` order, in concentration per hour. */
  rates?(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  /** The generated source, readable (one line per reaction with its id in a comment). */
  source: string;
  warnings: ModelDiagnostic[];
  /** Content hash of the definition and codegen options (for caches and reproducibility stamps). */
  hash: string;
  /** Which evaluation path the functions use: generated JS or the mathjs interpreter. */
  mode?: 'codegen' | 'interpreted';
  /** Structurally non-zero entries of the Jacobian, known at compile time. */
  jacobianSparsity?: SparsityPattern;
  /**
   * The model as plain data (generated code + tables): hand it to a worker or store it, and
   * `instantiateModel` (serialized.ts) rebuilds this model without the compiler.
   */
  serialized?: SerializedModel;
  toProblem(options: ToProblemOptions<S, P, I>): ModelProblem;
}
