/**
 * `compileModel`: declaration → validated indexed IR → symbolic Jacobian → generated JS (or the
 * interpreted mathjs path). Throws `ModelError` listing every error; warnings are kept on the
 * compiled model.
 */
import type { ModelIR } from './analyze.ts';
import { analyzeModel } from './analyze.ts';
import { generateModule } from './codegen.ts';
import { COMPILER_VERSION } from './compiler-version.ts';
import { Differentiator } from './derivative.ts';
import { ModelError } from './errors.ts';
import { hashValue } from './hash.ts';
import { interpretedKernels } from './interpret.ts';
import type { Kernels } from './interpret.ts';
import { buildJacobian } from './jacobian.ts';
import { SERIALIZED_FORMAT, assembleModel, kernelsFromSource, type SerializedModel } from './serialized.ts';
import type { CompiledModel, ModelDefinition, ModelDiagnostic } from './types.ts';

export interface CompileOptions {
  /**
   * 'codegen' (default): generated JS via `new Function`. If the environment forbids it (a
   * Content-Security-Policy without 'unsafe-eval'), the compiler falls back to 'interpreted' and
   * says so in `warnings`. 'interpreted': mathjs evaluation only; no code is generated or run.
   */
  mode?: 'codegen' | 'interpreted';
}

export { COMPILER_VERSION };

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
      kernels = kernelsFromSource(generated.source);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      usedMode = 'interpreted';
      warnings.push({ severity: 'warning', path: '(compiler)', message: `code generation is blocked here (${e.message}); using the interpreted path, which is much slower` });
      kernels = interpretedKernels(ir, jac);
    }
  } else kernels = interpretedKernels(ir, jac);

  const parts: SerializedModel = {
    format: SERIALIZED_FORMAT,
    compiler: COMPILER_VERSION,
    hash: hashValue({ definition: def, mode, compiler: COMPILER_VERSION }),
    name: ir.name,
    speciesIds: [...ir.speciesIds],
    parameterIds: [...ir.parameterIds],
    inputIds: [...ir.inputIds],
    observableIds: [...ir.observableIds],
    reactionIds: [...ir.reactionIds],
    y0: Array.from(ir.y0),
    p0: Array.from(ir.p0),
    u0: Array.from(ir.u0),
    source: generated.source,
    warnings,
    jacobian: { rowPtr: Array.from(jac.rowPtr), colIdx: Array.from(jac.colIdx) },
    autonomous: !ratesUseTime(ir),
  };
  return assembleModel(parts, def, kernels, usedMode) as unknown as CompiledModel<S, P, I, O>;
}

/** Whether any reaction rate, with its rules inlined, depends on `t` (i.e. the ODE is non-autonomous). */
export function ratesUseTime(ir: ModelIR): boolean {
  const d = new Differentiator(ir.pool);
  return ir.rates.some((rate) => d.symbols(rate).has('t'));
}
