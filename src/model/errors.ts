/** The error `compileModel` throws when a model has errors: every problem, each with its path. */
import type { ModelDiagnostic } from './types.ts';

export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly diagnostics: ModelDiagnostic[];

  constructor(modelName: string, diagnostics: ModelDiagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const lines = errors.map((d) => `  ${formatDiagnostic(d)}`);
    super(`model '${modelName}' has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.diagnostics = diagnostics;
  }
}

/** "reactions.fenton.rate: unknown symbol 'LIPP'; did you mean 'LIP'?" */
export function formatDiagnostic(d: ModelDiagnostic): string {
  return `${d.severity === 'warning' ? 'warning: ' : ''}${d.path}: ${d.message}`;
}
