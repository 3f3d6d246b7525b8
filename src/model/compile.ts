/**
 * `compileModel`: declaration → validated indexed IR → symbolic Jacobian → generated JS (or the
 * interpreted mathjs path). Throws `ModelError` listing every error; warnings are kept on the
 * compiled model.
 */
import { analyzeModel } from './analyze.ts';
import { generateModule } from './codegen.ts';
import { ModelError } from './errors.ts';
import { hashValue } from './hash.ts';
import { interpretedKernels } from './interpret.ts';
import type { Kernels } from './interpret.ts';
import { buildJacobian } from './jacobian.ts';
import { makeProblem, ratesUseTime } from './problem.ts';
import type { CompiledModel, ModelDefinition, ModelDiagnostic } from './types.ts';

export interface CompileOptions {
  /**
   * 'codegen' (default): generated JS via `new Function`. If the environment forbids it (a
   * Content-Security-Policy without 'unsafe-eval'), the compiler falls back to 'interpreted' and
   * says so in `warnings`. 'interpreted': mathjs evaluation only; no code is generated or run.
   */
  mode?: 'codegen' | 'interpreted';
}

/** Bumped when generated code changes shape, so content hashes of cached compilations change too. */
export const COMPILER_VERSION = 3;

export function compileModel<S extends string, P extends string, I extends string, R extends string, O extends string, A extends string>(
  definition: ModelDefinition<S, P, I, R, O, A>,
  options: CompileOptions = {},
): CompiledModel<S, P, I, O> {
  const mode = options.mode ?? 'codegen';
  if (mode !== 'codegen' && mode !== 'interpreted') {
    throw new RangeError(`compileModel: mode must be 'codegen' or 'interpreted'. Value: ${JSON.stringify(mode)}`);
  }
  const def = definition as unknown as ModelDefinition;
  const { ir, diagnostics } = analyzeModel(def);
  if (!ir) throw new ModelError(typeof def?.name === 'string' ? def.name : '(unnamed)', diagnostics);
  const warnings: ModelDiagnostic[] = diagnostics.filter((d) => d.severity === 'warning');
  const jac = buildJacobian(ir);
  if (jac.errors.length > 0) throw new ModelError(ir.name, [...diagnostics, ...jac.errors]);
  const generated = generateModule(ir, jac);

  let kernels: Kernels;
  let usedMode: 'codegen' | 'interpreted' = mode;
  if (mode === 'codegen') {
    try {
      kernels = new Function(generated.source)() as Kernels;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      usedMode = 'interpreted';
      warnings.push({ severity: 'warning', path: '(compiler)', message: `code generation is blocked here (${e.message}); using the interpreted path, which is much slower` });
      kernels = interpretedKernels(ir, jac);
    }
  } else kernels = interpretedKernels(ir, jac);

  const tables = {
    speciesIds: ir.speciesIds, parameterIds: ir.parameterIds, inputIds: ir.inputIds, y0: ir.y0, p0: ir.p0, u0: ir.u0,
    jacobianPattern: { rowPtr: jac.rowPtr, colIdx: jac.colIdx },
    autonomous: !ratesUseTime(ir),
  };
  const n = ir.speciesIds.length;
  return {
    definition: def,
    name: ir.name,
    speciesIds: ir.speciesIds as S[],
    parameterIds: ir.parameterIds as P[],
    inputIds: ir.inputIds as I[],
    observableIds: ir.observableIds as O[],
    reactionIds: ir.reactionIds,
    y0: ir.y0,
    p0: ir.p0,
    u0: ir.u0,
    rhs: kernels.rhs,
    jacobian: kernels.jacobian,
    rates: kernels.rates,
    observables: kernels.observables,
    source: generated.source,
    warnings,
    hash: hashValue({ definition: def, mode, compiler: COMPILER_VERSION }),
    mode: usedMode,
    jacobianSparsity: { n, rowPtr: jac.rowPtr, colIdx: jac.colIdx, nnz: jac.colIdx.length },
    toProblem: (opts) => makeProblem(tables, kernels, opts),
  };
}
